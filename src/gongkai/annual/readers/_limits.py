"""Limits checked before a reader's library opens a hostile file, so that it costs bounded time
and memory and is refused with a message rather than a crash.

* Word and Excel files are ZIP archives: the central directory is inspected first (entries, total
  uncompressed size, compression ratio of each entry: a "zip bomb"). The sizes it declares bind
  the libraries too: Python's zipfile never inflates an entry past its declared size.
* An Excel sheet is streamed once (lxml, constant memory) for the rows and columns its cells sit
  in and the ranges its merged cells cover; openpyxl (which makes an object per cell of the used
  range) opens it only when these fit a report.
* HTML nesting is estimated from the tags before parsing: the parser follows a deep nest, but
  walking the tree afterwards (Python recursion) does not.
"""

from __future__ import annotations

import re
import struct
import zipfile
from io import BytesIO

from ..errors import UnreadableReport

MAX_ENTRIES = 2_000  # a report's .docx/.xlsx has a few dozen parts
MAX_UNCOMPRESSED = 200 * 1024 * 1024  # all parts together, as declared
MAX_PART = 60 * 1024 * 1024  # one part
MAX_RATIO = 200  # XML compresses 5–30×; a bomb's entry ~1000× (deflate's ceiling)
RATIO_FLOOR = 1024 * 1024  # small parts may compress as they like
MAX_ROWS = 5_000
MAX_COLUMNS = 200
MAX_CELLS = 300_000  # rows × columns of the range openpyxl would walk
MAX_DEPTH = 400  # HTML elements nested in one another (real pages: under 60)

_EOCD = b"PK\x05\x06"


def check_zip(data: bytes, kind: str) -> zipfile.ZipFile:
    """The archive, opened, once its directory shows nothing a report would not have; ``kind`` is
    "Word" or "Excel", for messages."""
    # the end record first: how many entries the central directory claims, before zipfile reads
    # them all into memory
    at = data.rfind(_EOCD, max(0, len(data) - 65_557))
    if at < 0 or len(data) < at + 22:
        raise UnreadableReport(f"{kind} 文件已损坏或被截断，无法读取（缺少 ZIP 目录）")
    entries, directory = struct.unpack_from("<HL", data, at + 10)
    if entries > MAX_ENTRIES:
        raise UnreadableReport(f"{kind} 文件包含 {entries} 个部件，超过上限 {MAX_ENTRIES}，不像一份报告")
    if directory > len(data):
        raise UnreadableReport(f"{kind} 文件已损坏或被截断，无法读取（ZIP 目录不完整）")
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        infos = archive.infolist()
    except Exception as exc:  # BadZipFile, and struct/value/overflow errors on a damaged directory
        raise UnreadableReport(f"{kind} 文件已损坏或被截断，无法读取（{type(exc).__name__}）") from None
    if len(infos) > MAX_ENTRIES:
        raise UnreadableReport(f"{kind} 文件包含 {len(infos)} 个部件，超过上限 {MAX_ENTRIES}，不像一份报告")
    total = 0
    for info in infos:
        size = info.file_size
        total += size
        if size > MAX_PART or total > MAX_UNCOMPRESSED:
            raise UnreadableReport(
                f"{kind} 文件解压后过大（{_mb(max(size, total))} MB 以上），超过上限，可能是恶意构造的压缩包"
            )
        if size > RATIO_FLOOR and size > MAX_RATIO * max(info.compress_size, 1):
            raise UnreadableReport(
                f"{kind} 文件中的 {info.filename[:80]} 压缩比异常（{size // max(info.compress_size, 1)} 倍），"
                "可能是恶意构造的压缩包（zip 炸弹），已拒绝读取"
            )
        if info.flag_bits & 0x1:
            raise UnreadableReport(f"{kind} 文件已加密，无法读取；请提供未加密的版本")
    return archive


def _mb(n: int) -> int:
    return max(1, n // (1024 * 1024))


# ---------------------------------------------------------------- Excel sheets

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d{1,7})$")


def _cell(ref: str) -> tuple[int, int] | None:
    """ "AB12" -> (row 12, column 28); None for anything else."""
    m = _REF.match(ref.strip())
    if m is None:
        return None
    column = 0
    for ch in m.group(1).upper():
        column = column * 26 + ord(ch) - 64
    return int(m.group(2)), column


def check_sheets(archive: zipfile.ZipFile) -> None:
    """Stream every worksheet: refuse one whose declared dimension, cells or merged ranges reach
    beyond MAX_ROWS × MAX_COLUMNS, or whose used range is larger than MAX_CELLS."""
    from lxml import etree

    for info in archive.infolist():
        name = info.filename
        if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
            continue
        sheet = name.rsplit("/", 1)[-1]
        max_row = max_col = rows = 0
        try:
            with archive.open(info) as stream:
                for _, el in etree.iterparse(
                    stream,
                    events=("start",),
                    tag=(f"{_NS}dimension", f"{_NS}row", f"{_NS}c", f"{_NS}mergeCell"),
                ):
                    tag = el.tag
                    if tag == f"{_NS}c":
                        at = _cell(el.get("r") or "")
                        if at is not None:
                            max_row, max_col = max(max_row, at[0]), max(max_col, at[1])
                    elif tag == f"{_NS}row":
                        rows += 1
                        r = el.get("r")
                        if r and r.isdigit():
                            max_row = max(max_row, int(r))
                    else:  # dimension ref="A1:H40", mergeCell ref="A1:C2": their far corner
                        far = _cell((el.get("ref") or "").rsplit(":", 1)[-1])
                        if far is not None:
                            max_row, max_col = max(max_row, far[0]), max(max_col, far[1])
                    if max(rows, max_row) > MAX_ROWS or max_col > MAX_COLUMNS:
                        raise UnreadableReport(
                            f"Excel 工作表 {sheet} 超过 {MAX_ROWS} 行或 {MAX_COLUMNS} 列，不像一份年度报告，已拒绝读取"
                        )
                    # the element is not needed once seen: memory stays flat on a long sheet
                    el.clear(keep_tail=False)
        except UnreadableReport:
            raise
        except Exception as exc:  # XMLSyntaxError, zlib/CRC errors of a damaged entry
            raise UnreadableReport(f"Excel 文件已损坏或被截断，无法读取（{type(exc).__name__}）") from None
        if max(rows, max_row) * max_col > MAX_CELLS:
            raise UnreadableReport(
                f"Excel 工作表 {sheet} 的单元格范围过大（{max_row} 行 × {max_col} 列），不像一份年度报告，已拒绝读取"
            )


# ---------------------------------------------------------------- HTML nesting

# linear on any input: no part of the pattern can run past the next "<"
_TAG = re.compile(rb"<!--|<(/?)([a-z][a-z0-9]*)([^<>]*)>")
# elements with no end tag, or whose end tag the parser supplies (a new one closes the last)
_FLAT = frozenset(
    b"area base br col embed hr img input link meta param source track wbr "
    b"p li dt dd tr td th option optgroup thead tbody tfoot colgroup caption rb rt rp html head body".split()
)


def _names_by_first_letter(names: frozenset[bytes], commonest: bytes) -> bytes:
    """A pattern matching any of ``names``, grouped by first letter ("t(?:d|h|r|...)|..."), the
    groups of the letters in ``commonest`` first: the regex engine tries the alternatives in turn,
    and a tag is then told in a try or two, not one a name."""
    groups: dict[bytes, list[bytes]] = {}
    for name in sorted(names, key=lambda n: (n[:1] not in commonest, commonest.find(n[:1]), n)):
        groups.setdefault(name[:1], []).append(re.escape(name[1:]))
    return b"|".join(first + b"(?:" + b"|".join(rests) + b")" for first, rests in groups.items())


# _TAG's opening tags of elements that nest: not of _FLAT, not self-closing ("<div/>"). An end tag
# is passed over on its "/" before any name is tried; the letters of the commonest tags (cells,
# rows, paragraphs, list items, columns, line breaks) are tried first.
_NESTING_TAG = re.compile(
    rb"<(?=[a-z])(?!(?:"
    + _names_by_first_letter(_FLAT, commonest=b"tplcb")
    + rb")(?![a-z0-9]))[a-z][a-z0-9]*[^<>]*(?<!/)>"
)


def check_html_depth(data: bytes) -> None:
    """Refuse a page whose elements nest deeper than MAX_DEPTH (counted from its tags; comments,
    scripts and styles skipped)."""
    if data.count(b"<") < MAX_DEPTH:
        return  # too few tags to nest that deep
    text = data.lower()
    # Every tag the walk below counts is also found by a plain scan (a tag holds no "<", so none
    # found hides the next), which also counts those in comments and scripts: an upper bound of
    # the depth, found in C. Real pages open a few dozen elements that nest (cells and rows do not).
    if len(_NESTING_TAG.findall(text)) <= MAX_DEPTH:
        return
    depth = pos = 0
    while (m := _TAG.search(text, pos)) is not None:
        pos = m.end()
        name = m.group(2)
        if name is None:  # a comment: skip to its end
            end = text.find(b"-->", pos)
            if end < 0:
                return
            pos = end + 3
            continue
        if name in (b"script", b"style") and not m.group(1):
            end = text.find(b"</" + name, pos)
            if end < 0:
                return
            pos = end
            continue
        if name in _FLAT or m.group(3).endswith(b"/"):
            continue
        if m.group(1):
            depth = max(depth - 1, 0)
        else:
            depth += 1
            if depth > MAX_DEPTH:
                raise UnreadableReport(f"网页的元素嵌套超过 {MAX_DEPTH} 层，不像一份年度报告，已拒绝读取")


# ---------------------------------------------------------------- PDF streams

MAX_PDF_INFLATED = 300 * 1024 * 1024  # the page contents and object streams together, inflated
_CHUNK = 1024 * 1024


def check_pdf_streams(data: bytes) -> None:
    """Refuse a PDF whose Flate-compressed streams (other than images, which text extraction does
    not decode) inflate past MAX_PDF_INFLATED: pdfminer inflates each whole, with no limit. The
    streams are inflated here a chunk at a time and thrown away, so this costs no memory."""
    if b"Fl" not in data:
        return
    total = 0
    pos = 0
    while (i := data.find(b"stream", pos)) >= 0:
        pos = i + 6
        if data[i - 3 : i] == b"end":
            continue
        if data[pos : pos + 2] == b"\r\n":
            start = pos + 2
        elif data[pos : pos + 1] in (b"\n", b"\r"):
            start = pos + 1
        else:
            continue  # the word inside some text, not a stream keyword
        head = data[max(0, i - 2048) : i]
        head = head[head.rfind(b"obj") + 1 :]  # this object's dictionary
        if b"/Image" in head or (b"/FlateDecode" not in head and b"/Fl" not in head):
            continue
        end = data.find(b"endstream", start)
        end = len(data) if end < 0 else end
        total += _inflated(data, start, end, MAX_PDF_INFLATED - total)
        if total > MAX_PDF_INFLATED:
            raise UnreadableReport(
                f"PDF 文件中的压缩内容解压后超过 {_mb(MAX_PDF_INFLATED)} MB，可能是恶意构造的文件，已拒绝读取"
            )
        pos = end


def _inflated(data: bytes, start: int, end: int, budget: int) -> int:
    """How many bytes data[start:end] inflates to, counting no further than budget + 1."""
    import zlib

    inflater = zlib.decompressobj()
    view = memoryview(data)[start:end]
    size = 0
    try:
        for offset in range(0, len(view), _CHUNK):
            pending = bytes(view[offset : offset + _CHUNK])
            while pending:
                size += len(inflater.decompress(pending, _CHUNK))
                if size > budget:
                    return size
                pending = inflater.unconsumed_tail
            if inflater.eof:
                break
    except zlib.error:
        pass  # damaged or not Flate after all: pdfminer decides what to make of it
    return size
