"""HTML reports: our own output is read exactly through its ``data-cell`` hooks; any other page
(government sites: rowspan/colspan tables, layout tables, or tables flattened to text) is turned
into tab-separated lines for the text reader."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from bs4 import BeautifulSoup, NavigableString, Tag

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


def read_html(data: bytes, source: str | None = None) -> Report:
    soup = parse(data)
    own = read_own(soup, source)
    if own is not None:
        return own
    return read_lines(soup_lines(soup), source)


def parse(data: bytes) -> BeautifulSoup:
    check_html_depth(data)  # the tree is walked recursively below: a 100,000-deep nest is refused
    try:
        return BeautifulSoup(data, "lxml")
    except Exception as exc:  # lxml refuses only truly broken input
        raise UnreadableReport(f"无法解析 HTML：{exc}") from None


def html_to_text(data: bytes) -> str:
    """The page as the text reader sees it (also useful to inspect a foreign page)."""
    return "\n".join(soup_lines(parse(data)))


# ---------------------------------------------------------------- our own documents


def _meta(soup: BeautifulSoup, name: str) -> str | None:
    tag = soup.find("meta", attrs={"name": name})
    value = tag.get("content") if isinstance(tag, Tag) else None
    return value.strip() if isinstance(value, str) and value.strip() else None


def read_own(soup: BeautifulSoup, source: str | None) -> Report | None:
    """Read a document written by our HTML writer exactly; None when the hooks are absent."""
    fmt = _meta(soup, "gongkai:format")
    if _meta(soup, "generator") != "gongkai" or fmt not in FORMATS:
        return None
    report = Report.empty(fmt, agency=Agency(name=_meta(soup, "gongkai:agency")), source=source)
    year = _meta(soup, "gongkai:year")
    report.year = int(year) if year and year.isdigit() else None
    report.signature_date = _date(_meta(soup, "gongkai:signature-date"))
    report.publication_date = _date(_meta(soup, "gongkai:publication-date"))
    h1 = soup.find("h1")
    report.title = h1.get_text(strip=True) if h1 else None
    for section in soup.find_all("section", attrs={"data-section": True}):
        key = section["data-section"]
        if key in report.sections or report.format == "pre2019":
            texts = [p.get_text() for p in section.find_all("p", recursive=False)]
            report.sections[key] = "\n".join(texts) if texts else None
    for td in soup.find_all(attrs={"data-cell": True}):
        path = td["data-cell"]
        parts = path.split(".")
        if parts[0] == "active":
            parts = parts[1:]
        if len(parts) != 3 or parts[0] not in report.tables:
            report.note("html-cell", f"无法识别的单元格标记 {path}")
            continue
        table = report.tables[parts[0]]
        try:
            column = table.grid.column(parts[2])
            table.grid.row(parts[1])
        except KeyError:
            report.note("html-cell", f"无法识别的单元格标记 {path}")
            continue
        text = td.get_text(strip=True).replace(",", "")
        if not text:
            continue
        try:
            value = Decimal(text) if column.decimal else int(text)
        except (ValueError, InvalidOperation):
            report.note("html-cell", f"单元格 {path} 的内容“{text}”不是数字", path)
            continue
        table.set(parts[1], parts[2], value)
    return report


def _date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


# ---------------------------------------------------------------- any page -> lines


def soup_lines(soup: BeautifulSoup) -> list[str]:
    for tag in soup.find_all(DROP):
        tag.decompose()
    root = soup.body or soup
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            text = clean_line("".join(current))
            if text:
                lines.append(text)
            current.clear()

    def walk(node) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                if type(child) is NavigableString:  # skip comments, CDATA, doctype
                    current.append(str(child).replace("\n", " ").replace("\r", " "))
                continue
            if not isinstance(child, Tag):
                continue
            name = child.name
            if name == "br":
                flush()
            elif name == "table":
                flush()
                if child.find("table") is not None:
                    walk(child)  # a layout table around the article: read its cells as blocks
                    flush()
                else:
                    lines.extend(table_lines(child))
            elif name in ("tr", "td", "th", "tbody", "thead", "tfoot"):
                # only reached inside a layout table
                walk(child)
                flush()
            elif name in BLOCKS:
                flush()
                walk(child)
                flush()
            else:
                walk(child)

    walk(root)
    flush()
    return lines


def table_lines(table: Tag) -> list[str]:
    rows = []
    for tr in _rows(table):
        cells = []
        for cell in tr.find_all(["td", "th"], recursive=False):
            cells.append((_cell_text(cell), _span(cell, "rowspan"), _span(cell, "colspan")))
        rows.append(cells)
    lines = []
    caption = table.find("caption")
    if caption is not None:
        lines.append(clean_line(caption.get_text(" ")))
    return lines + grid_lines(expand_spans(rows))


def _rows(table: Tag) -> list[Tag]:
    out = []
    for child in table.children:
        if isinstance(child, Tag):
            if child.name == "tr":
                out.append(child)
            elif child.name in ("thead", "tbody", "tfoot"):
                out.extend(c for c in child.children if isinstance(c, Tag) and c.name == "tr")
    return out


def _cell_text(cell: Tag) -> str:
    # <br> and <p> inside a cell are wrapping only
    parts = [s for s in cell.stripped_strings]
    return cell_text("\n".join(parts))


def _span(cell: Tag, attr: str) -> int:
    try:
        return int(str(cell.get(attr, "1")).strip() or 1)
    except ValueError:
        return 1
