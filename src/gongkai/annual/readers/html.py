"""HTML reports: our own output is read exactly through its ``data-cell`` hooks; any other page
(government sites: rowspan/colspan tables, layout tables, or tables flattened to text) is turned
into tab-separated lines for the text reader.

Pages are parsed with lxml's own HTML parser (a BeautifulSoup tree over the same parser cost ten
times as much). A site page wraps the report in chrome — navigation, breadcrumbs, sidebars of
other years' reports, share buttons, related links, previous/next links, comment threads,
footers: ``strip_chrome`` drops those blocks before the page becomes lines, so the agency, year
and numbers come from the report itself.
"""

from __future__ import annotations

import codecs
import contextlib
import functools
import re
from datetime import date
from decimal import Decimal, InvalidOperation

from lxml import etree

from ..errors import UnreadableReport
from ..layout import FORMATS
from ..model import Agency, Report
from ._limits import check_html_depth
from ._structured import cell_text, clean_line, expand_spans, grid_lines, read_lines

# page chrome that never holds report content
DROP = ("script", "style", "noscript", "nav", "iframe", "form", "select", "button", "template", "svg", "head")
BLOCKS = {
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hr", "html", "li", "main", "ol", "p", "pre", "section", "summary", "ul",
}  # fmt: skip
ROW_PARTS = ("tr", "td", "th", "tbody", "thead", "tfoot")
CELLS = ("td", "th")


def read_html(data: bytes, source: str | None = None) -> Report:
    root = parse(data)
    own = read_own(root, source)
    if own is not None:
        return own
    return read_lines(page_lines(root), source)


# ---------------------------------------------------------------- decoding and parsing

RE_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
RE_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
# GB2312 and GBK pages often use characters only their superset has
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "gb_2312-80": "gb18030", "x-gbk": "gb18030"}


def decode_html(data: bytes) -> str:
    """The page's text: a byte-order mark first, then the charset the page declares, then UTF-8,
    then GB18030."""
    return _decode(data)[0]


def _decode(data: bytes) -> tuple[str, str]:
    """(text, encoding) of ``decode_html``; the encoding is "" when the bytes had a byte-order mark
    or were decoded with replacements (they are then parsed as text)."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), ""
    if data[:1] == b"<" and data[1:2] == b"\x00" or data[:1] == b"\x00" and data[1:2] == b"<":
        return data.decode("utf-16-le" if data[1:2] == b"\x00" else "utf-16-be", errors="replace"), ""
    candidates = []
    m = RE_META_CHARSET.search(data, 0, 4096)
    if m:
        declared = m.group(1).decode("ascii").lower()
        with contextlib.suppress(LookupError):
            candidates.append(codecs.lookup(_SUPERSETS.get(declared, declared)).name)
    candidates += ["utf-8", "gb18030"]
    for encoding in dict.fromkeys(candidates):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return data.decode(candidates[0], errors="replace"), ""


# lxml's plain elements: lxml.html's element classes are looked up in Python for every element.
# No table of id attributes (nothing here looks an element up by id): a few % of the parse.
_PARSER_OPTIONS = {"remove_comments": False, "remove_pis": True, "collect_ids": False}
HTML_PARSER = etree.HTMLParser(**_PARSER_OPTIONS)


_PARSERS = {
    encoding: etree.HTMLParser(**_PARSER_OPTIONS, encoding=encoding) for encoding in ("utf-8", "gb18030")
}


def parse(data: bytes) -> etree._Element:
    check_html_depth(data)  # the tree is walked recursively below: a 100,000-deep nest is refused
    text, encoding = _decode(data)
    text = RE_XML_DECLARATION.sub("", text).replace("\x00", "")
    try:
        if not text.strip():
            root = None
        elif encoding in _PARSERS and b"\x00" not in data and not data.lstrip().startswith(b"<?xml"):
            # the bytes as they are, with their encoding: lxml reads them quicker than a str
            root = etree.fromstring(data, _PARSERS[encoding])
        else:
            root = etree.fromstring(text, HTML_PARSER)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:  # only truly broken input
        raise UnreadableReport(f"无法解析 HTML：{exc}") from None
    if root is None:
        raise UnreadableReport("无法解析 HTML：页面没有内容")
    return root


def _drop(el: etree._Element) -> None:
    """Remove ``el`` and what it holds, keeping the text that follows it."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        before = el.getprevious()
        if before is not None:
            before.tail = (before.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def html_to_text(data: bytes) -> str:
    """The page as the text reader sees it (also useful to inspect a foreign page)."""
    return "\n".join(page_lines(parse(data)))


def _text(el: etree._Element) -> str:
    """All the text inside ``el`` (not its tail), comments left out; gathered by libxml2 in one
    call (the chrome checks ask it of large blocks: ``itertext`` yields piece by piece)."""
    if not len(el):
        return el.text or ""  # (a link, a paragraph)
    return etree.tostring(el, method="text", encoding=str, with_tail=False)


def _holds_table(el: etree._Element) -> bool:
    """Whether a table is inside ``el`` (lxml's iterator, quicker than ``find(".//table")``, which
    goes through a path)."""
    return next(el.iterdescendants("table"), None) is not None


def _strings(el: etree._Element) -> list[str]:
    """The text pieces inside ``el`` in order, as BeautifulSoup's strings: comments left out."""
    out = [el.text] if el.text else []
    for child in el:
        if isinstance(child.tag, str):
            out.extend(_strings(child))
        if child.tail:
            out.append(child.tail)
    return out


# ---------------------------------------------------------------- our own documents


def _metas(root: etree._Element) -> dict[str, str]:
    out = {}
    for tag in root.iter("meta"):
        name, content = tag.get("name"), tag.get("content")
        if name and isinstance(content, str) and content.strip() and name not in out:
            out[name] = content.strip()
    return out


def read_own(root: etree._Element, source: str | None) -> Report | None:
    """Read a document written by our HTML writer exactly; None when the hooks are absent."""
    metas = _metas(root)
    fmt = metas.get("gongkai:format")
    if metas.get("generator") != "gongkai" or fmt not in FORMATS:
        return None
    report = Report.empty(fmt, agency=Agency(name=metas.get("gongkai:agency")), source=source)
    year = metas.get("gongkai:year")
    report.year = int(year) if year and year.isdigit() else None
    report.signature_date = _date(metas.get("gongkai:signature-date"))
    report.publication_date = _date(metas.get("gongkai:publication-date"))
    h1 = next(root.iter("h1"), None)
    report.title = "".join(s.strip() for s in _strings(h1)) or None if h1 is not None else None
    for section in root.iter("section"):
        key = section.get("data-section")
        if key is None:
            continue
        if key in report.sections or report.format == "pre2019":
            # the part is there even when it holds only its table: "" (present, no prose), not None
            report.sections[key] = "\n".join(_text(p) for p in section if p.tag == "p")
    cells = _cell_paths(report)
    values: dict[str, dict[tuple[str, str], object]] = {key: {} for key in report.tables}
    for td in root.iter():  # every element in document order, as "//*[@data-cell]" lists them
        path = td.get("data-cell")  # (lxml's attribute lookup: quicker than an XPath query)
        if path is None:
            continue
        where = cells.get(path)
        if where is None:
            report.note("html-cell", f"无法识别的单元格标记 {path}")
            continue
        key, cell, decimal = where
        text = td.text
        text = text.strip() if text and not len(td) else "".join(x.strip() for x in _strings(td))
        value: object = None if decimal else SMALL_COUNTS.get(text)  # (most cells)
        if value is None:
            text = text.replace(",", "")
            if not text:
                continue
            if text.isascii() and text.isdigit() and not decimal:
                value = int(text)
            else:
                try:
                    value = Decimal(text) if decimal else int(text)
                except (ValueError, InvalidOperation):
                    report.note("html-cell", f"单元格 {path} 的内容“{text}”不是数字", path)
                    continue
        values[key][cell] = value
    for key, filled in values.items():
        report.tables[key].update(filled)  # type: ignore[arg-type]
    return report


SMALL_COUNTS = {str(n): n for n in range(1000)}  # a cell's text -> its count, for most cells


_CELL_PATHS: dict[str, dict[str, tuple[str, tuple[str, str], bool]]] = {}


def _cell_paths(report: Report) -> dict[str, tuple[str, tuple[str, str], bool]]:
    """Every ``data-cell`` value our writer gives a format's cells -> (table, (row, column),
    decimal); made once per format."""
    found = _CELL_PATHS.get(report.format)
    if found is None:
        found = {}
        for key, table in report.tables.items():
            for row in table.grid.row_keys:
                for column in table.grid.columns:
                    where = (key, (row, column.key), column.decimal)
                    found[f"{key}.{row}.{column.key}"] = where
                    found[f"active.{key}.{row}.{column.key}"] = where
        _CELL_PATHS[report.format] = found
    return found


def _date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


# ---------------------------------------------------------------- site chrome

# id/class words of page chrome on government sites (site builders also use pinyin: dqwz 当前位置,
# xglj 相关链接, sxp 上下篇, pinglun 评论, bq 版权)
RE_CHROME_NAME = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|breadcrumbs?|crumbs?|position|location|dqwz|"
    r"header|banner|logo|search|sidebar|aside|footer|foot|bottom|copyright|bq|"
    r"share|bdshare|social|toolbar|related|relate|xglj|friendlinks?|"
    r"prev|next|prevnext|sxp|pager|pagination|comments?|pinglun|reply|replies)(?:$|[\s_-]|\d)",
    re.I,
)
# text that only page chrome prints
RE_CHROME_TEXT = re.compile(
    r"版权所有|网站标识码|ICP\s*备|ICP\s*证|公网安备|技术支持|主办单位|承办单位|网站地图|联系我们|"
    r"上一篇|下一篇|相关链接|相关文章|相关阅读|相关新闻|分享到|打印本页|关闭窗口|【打印】|【关闭】|"
    r"网友评论|发表评论|我要评论|评论\s*[(（]\s*\d|扫一扫|当前位置|您的位置|您现在的位置|"
    r"首页\s*[>＞›»/]"
)
# what a report's own text holds: section headings of the official outline
RE_REPORT_HEADING = re.compile(
    r"[一二三四五六]\s*[、.．]\s*(?:总体情况|主动公开|收到和处理|政府信息公开行政复议|存在的主要问题|其他需要报告)"
)


def _is_report(el: etree._Element, text: str | None = None) -> bool:
    """Whether a block holds the report (or part of it): one of its section headings."""
    return RE_REPORT_HEADING.search(_text(el) if text is None else text) is not None


def strip_chrome(root: etree._Element) -> None:
    """Drop the page's chrome blocks, in place. A block is chrome when its id or class names it
    so, or when its text is chrome only (short, and either printing chrome words or made of
    links: a sidebar of other years' reports, a breadcrumb); never a block holding the report's
    own section headings."""
    body = root.find("body")
    if body is None:
        body = root
    for el in _chrome_blocks(body):
        _drop(el)
    # the report ends before any "previous / next / related / comments / footer" line printed
    # as plain text: drop the paragraphs from the first such line on, if the report came first
    _drop_trailing_chrome(body)


def _chrome_blocks(parent: etree._Element) -> list[etree._Element]:
    """The chrome blocks under ``parent`` in document order, none inside another (what is inside
    a chrome block goes with it, so it is not looked at)."""
    found = []
    # lxml walks the tree and picks the candidates by tag (most elements are paragraphs, cells,
    # links); the inside of a chrome block is skipped
    walker = etree.iterwalk(parent, events=("start",), tag=CONTAINERS)
    for _event, el in walker:
        if el is not parent and _is_chrome(el):
            found.append(el)
            walker.skip_subtree()
    return found


def _is_chrome(el: etree._Element) -> bool:
    name = f"{el.get('id') or ''} {el.get('class') or ''}"
    if name != " " and _chrome_name(name):
        # a comment may quote a heading: a named chrome block is kept only for two of them
        return len(set(RE_REPORT_HEADING.findall(_text(el)))) < 2
    return el.tag != "table" and _chrome_block(el)


@functools.lru_cache(maxsize=1024)
def _chrome_name(name: str) -> bool:
    """Whether an element's "id class" names it chrome (remembered: a site builder gives the same
    few names to all its pages, and the pattern takes a microsecond a search)."""
    return RE_CHROME_NAME.search(name) is not None


CONTAINERS = ("div", "ul", "ol", "dl", "li", "section", "aside", "footer", "header", "nav", "table")


def _chrome_block(el: etree._Element) -> bool:
    if _holds_table(el):
        return False
    text = _text(el)
    if _is_report(el, text):
        return False  # (a heading in the text is one in the squeezed text: no need to squeeze)
    flat = "".join(text.split())
    if not flat or len(flat) >= 2000 or _is_report(el, flat):
        return False
    linked = sum(len("".join(_text(a).split())) for a in el.iter("a"))
    if linked >= 0.6 * len(flat) and len(flat) < 2000:
        return True  # a list of links: navigation, other years' reports, related articles
    return len(flat) < 300 and RE_CHROME_TEXT.search(flat) is not None


TRAILING_WORDS = "上一篇|下一篇|相关链接|网友评论|发表评论|我要评论|【打印】"
RE_TRAILING = re.compile(rf"\s*(?:{TRAILING_WORDS})")
RE_TRAILING_WORD = re.compile(TRAILING_WORDS)


def _first_words(el: etree._Element) -> str:
    """The start of the text inside ``el`` (its first non-blank piece)."""
    for piece in el.itertext():
        if piece.strip():
            return piece
    return ""


def _drop_trailing_chrome(body: etree._Element) -> None:
    if RE_TRAILING_WORD.search(_text(body)) is None:
        return  # (most pages, their chrome blocks gone, print none of the words: no block to look at)
    seen_report = False
    for el in list(body.iter("p", "div", "li")):
        if el.getparent() is None:
            continue
        if not seen_report:
            seen_report = _is_report(el)
            continue
        if RE_TRAILING.match(_first_words(el)) and len("".join(_text(el).split())) < 200:
            parent = el.getparent()
            siblings = list(parent)
            for later in siblings[siblings.index(el) :]:
                _drop(later)
            return


# ---------------------------------------------------------------- any page -> lines


def page_lines(root: etree._Element) -> list[str]:
    # each goes with what it holds; its tail stays, as with _drop
    etree.strip_elements(root, *DROP, with_tail=False)
    strip_chrome(root)
    body = root.find("body")
    lines: list[str] = []
    # the pieces of text of the line being read; blank space that would open a line is no part of
    # it (the newline after a paragraph, before the next): it is not gathered
    current: list[str] = []

    def add(text: str) -> None:
        text = clean_line(text.replace("\n", " ").replace("\r", " "))
        if text:
            lines.append(text)

    def flush() -> None:
        if current:
            add("".join(current))
            current.clear()

    def walk(node: etree._Element) -> None:
        if (text := node.text) and (current or not text.isspace()):
            current.append(text)
        for child in node:
            name = child.tag
            if name in BLOCKS:  # (the commonest: paragraphs, most of them without children)
                flush()
                if len(child):
                    walk(child)
                    flush()
                elif text := child.text:
                    add(text)
            elif name == "br":
                flush()
            elif name == "table":
                flush()
                if _holds_table(child):
                    walk(child)  # a layout table around the article: read its cells as blocks
                    flush()
                else:
                    lines.extend(table_lines(child))
            elif name in ROW_PARTS:
                # only reached inside a layout table
                walk(child)
                flush()
            elif isinstance(name, str):  # not a comment
                walk(child)
            if (text := child.tail) and (current or not text.isspace()):
                current.append(text)

    walk(body if body is not None else root)
    flush()
    return lines


_HAS_SPANS = etree.XPath("boolean(.//@rowspan | .//@colspan)")


def table_lines(table: etree._Element) -> list[str]:
    rows = _rows(table)
    if _HAS_SPANS(table):
        grid = expand_spans([_spanned_cells(tr) for tr in rows])
    else:  # (most tables: no cell is merged, the rows are the cells' texts)
        grid = [[_cell_text(c) for c in tr if c.tag in CELLS] for tr in rows]
    lines = []
    caption = next(table.iterdescendants("caption"), None)
    if caption is not None:
        lines.append(clean_line(" ".join(_strings(caption))))
    return lines + grid_lines(grid)


def _spanned_cells(tr: etree._Element) -> list[tuple[str, int, int]]:
    return [(_cell_text(c), _span(c, "rowspan"), _span(c, "colspan")) for c in tr if c.tag in CELLS]


def _rows(table: etree._Element) -> list[etree._Element]:
    out = []
    for child in table:
        if child.tag == "tr":
            out.append(child)
        elif child.tag in ("thead", "tbody", "tfoot"):
            out.extend(c for c in child if c.tag == "tr")
    return out


def _cell_text(cell: etree._Element) -> str:
    if not len(cell):  # most cells
        text = cell.text
        return cell_text(text.strip()) if text else ""
    # <br> and <p> inside a cell are wrapping only
    parts = [s.strip() for s in _strings(cell)]
    return cell_text("\n".join(p for p in parts if p))


def _span(cell: etree._Element, attr: str) -> int:
    try:
        return int(str(cell.get(attr, "1")).strip() or 1)
    except ValueError:
        return 1
