"""PDF reports (pdfplumber): ruled tables become tab-separated rows, the text around them becomes
lines, both in reading order page by page; then the text reader takes over.

Pages without a text layer (scans) are recognised by OCR (``_ocr``, the optional ``ocr`` extra) and
their lines join the others in page order; the report then carries an ``OCR-READ`` note naming the
pages and every cell read from them, for a person to confirm. Without the extra, a scan raises
``NeedsOCR`` saying how to install it; a damaged file raises ``UnreadableReport``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from io import BytesIO

from ..errors import NeedsOCR, ReportError, UnreadableReport
from ..model import Report
from . import _ocr
from ._limits import check_pdf_streams
from ._structured import cell_text, clean_line, grid_lines, read_lines

SCANNED = (
    "该 PDF 没有文字层（扫描件），需要 OCR 识别后才能读取；"
    "请提供带文字层的 PDF、Word 或网页版本，或使用 OCR 功能识别后人工核对数字。"
)
# a page with fewer characters than this has no text layer (a scan with a typed page number)
MIN_CHARS = 8
# a document with fewer Chinese characters than this is not a readable report
MIN_CJK = 20


def read_pdf(data: bytes, source: str | None = None) -> Report:
    pages = _read(data)
    report = read_lines(pages.lines(), source)
    if pages.unread:
        report.note(
            "pdf-image-pages",
            f"第 {_ocr.page_ranges(pages.unread)} 页没有文字层（可能是扫描或截图的表格），其中的内容未能读取；"
            f"需安装 OCR 组件（{_ocr.INSTALL}）识别后人工核对",
        )
    if pages.recognised:
        report.note(
            "OCR-READ",
            f"第 {_ocr.page_ranges(pages.recognised)} 页为扫描图像，经文字识别（OCR）读取；识别的数字请人工核对",
            *_recognised_cells(report, pages, source),
        )
    return report


def pdf_lines(data: bytes) -> list[str]:
    return _read(data).lines()


@dataclass
class _Pages:
    """Each page's lines; which pages were recognised (OCR), and which are images left unread."""

    by_page: list[list[str]] = field(default_factory=list)
    recognised: list[int] = field(default_factory=list)
    unread: list[int] = field(default_factory=list)

    def lines(self, text_layer_only: bool = False) -> list[str]:
        skip = set(self.recognised) if text_layer_only else set()
        return [line for n, page in enumerate(self.by_page, 1) if n not in skip for line in page]


def _recognised_cells(report: Report, pages: _Pages, source: str | None) -> list[str]:
    """The paths of the filled cells whose figures come from recognised pages: all of them for a
    scan, and for a mixed PDF those the text-layer pages alone do not give (the same value)."""
    filled = [(key, row, col, value) for key, t in report.tables.items() for row, col, value in t.items()]
    filled = [x for x in filled if x[3] is not None]
    text_layer = pages.lines(text_layer_only=True)
    plain = None
    if text_layer:
        try:
            plain = read_lines(text_layer, source)
        except ReportError:
            plain = None
    out = []
    for key, row, col, value in filled:
        if plain is not None and key in plain.tables and plain.tables[key].get(row, col) == value:
            continue
        out.append(report.tables[key].path(row, col))
    return out


def _read(data: bytes) -> _Pages:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    # pdfminer logs every damaged object it skips; the user gets one message from us instead
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    check_pdf_streams(data)  # a compressed bomb is refused before pdfminer inflates it
    pages = _Pages()
    scans: list[int] = []
    try:
        with pdfplumber.open(BytesIO(data)) as pdf:
            if not pdf.pages:
                raise UnreadableReport("PDF 文件中没有页面（可能已损坏或被截断）")
            for number, page in enumerate(pdf.pages, start=1):
                page_lines = _page_lines(page)
                if not page_lines and _is_scan(page):
                    scans.append(number)
                pages.by_page.append(page_lines)
                page.close()  # frees the page's layout cache: long reports stay small in memory
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise UnreadableReport("PDF 文件已加密，无法读取；请提供未加密的版本") from None
    except PDFSyntaxError as exc:
        raise UnreadableReport(f"PDF 文件已损坏或被截断，无法读取（{exc}）") from None
    except UnreadableReport:
        raise
    except Exception as exc:  # pdfminer raises many kinds of errors on damaged files
        raise UnreadableReport(f"PDF 文件已损坏或被截断，无法读取（{type(exc).__name__}: {exc}）") from None
    if scans:
        if _ocr.available():
            _recognise(data, scans, pages)
        else:
            pages.unread = scans
    lines = pages.lines()
    # page numbers or a typed header on a scan are not a text layer: ask for real Chinese text
    if sum(1 for line in lines for ch in line if "\u4e00" <= ch <= "\u9fff") < MIN_CJK:
        if pages.recognised:
            raise UnreadableReport(
                "此 PDF 为扫描图像，经文字识别（OCR）仍未读出报告文字；请提供清晰的扫描件或带文字层的版本"
            )
        raise NeedsOCR(_ocr.MISSING if pages.unread else SCANNED)
    return pages


def _is_scan(page) -> bool:
    """A page without a text layer that still shows something: an image, or text drawn as curves."""
    return bool(page.images) or len(page.curves) > 50


def _recognise(data: bytes, numbers: list[int], pages: _Pages) -> None:
    """Render and recognise the scanned pages, putting their lines in their places."""
    import pypdfium2

    if len(numbers) > _ocr.MAX_PAGES:
        raise UnreadableReport(
            f"此 PDF 有 {len(numbers)} 页扫描图像，超过文字识别的上限 {_ocr.MAX_PAGES} 页；请提供带文字层的版本"
        )
    try:
        doc = pypdfium2.PdfDocument(data)
    except Exception as exc:  # pdfium refuses what pdfminer half-read
        raise UnreadableReport(f"PDF 文件已损坏，扫描页无法渲染（{type(exc).__name__}）") from None
    try:
        for number in numbers:
            page = doc[number - 1]
            try:
                image = _ocr.render(page)
            except Exception as exc:
                raise UnreadableReport(f"PDF 第 {number} 页无法渲染（{type(exc).__name__}）") from None
            finally:
                page.close()
            pages.by_page[number - 1] = _ocr.recognise(image)
            pages.recognised.append(number)
    finally:
        doc.close()


def _page_lines(page) -> list[str]:
    if len(page.chars) < MIN_CHARS:
        return []
    if any(_is_backdrop(r, page) for r in page.rects):
        page = page.filter(lambda obj: obj.get("object_type") != "rect" or not _is_backdrop(obj, page))
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]
    items: list[tuple[float, int, list[str]]] = []  # (top, order, lines)

    def outside(obj) -> bool:
        x = (obj["x0"] + obj["x1"]) / 2
        y = (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    text_page = page.filter(outside) if boxes else page
    for i, (top, text) in enumerate(_text_lines(text_page)):
        items.append((top, i, [text]))
    for j, table in enumerate(tables):
        items.append((table.bbox[1], 100000 + j, _table_lines(table.extract())))
    items.sort(key=lambda item: (item[0], item[1]))
    return [line for _, _, block in items for line in block]


def _text_lines(page) -> list[tuple[float, str]]:
    """Text lines with their top; a title set in a larger size and wrapped over several lines is
    joined back into one line (the text reader looks for agency and year in the title)."""
    raw = page.extract_text_lines(strip=True, return_chars=True)
    sizes = sorted(c["size"] for line in raw for c in line["chars"])
    body = sizes[len(sizes) // 2] if sizes else 0
    out: list[tuple[float, str]] = []
    prev_size = prev_bottom = None
    for line in raw:
        text = clean_line(line["text"])
        if not text:
            continue
        size = max((c["size"] for c in line["chars"]), default=0)
        big = body and size >= 1.15 * body
        if (
            big
            and out
            and prev_size is not None
            and abs(size - prev_size) < 0.5
            and line["top"] - prev_bottom < 0.8 * size
        ):
            out[-1] = (out[-1][0], out[-1][1] + text)
        else:
            out.append((line["top"], text))
        prev_size = size if big else None
        prev_bottom = line["bottom"]
    return out


def _is_backdrop(rect: dict, page) -> bool:
    """A large white, unstroked filled rectangle (a page or body background): its edges are not
    table rules, and taken as rules they fuse a whole page of text into one table. Cell-sized
    white rectangles stay: Word's PDFs draw cell backgrounds that way and their edges are rules."""
    if rect.get("stroke") or not rect.get("fill"):
        return False
    if rect["x1"] - rect["x0"] < 0.5 * page.width or rect["bottom"] - rect["top"] < 0.25 * page.height:
        return False
    color = rect.get("non_stroking_color")
    if isinstance(color, (int, float)):
        color = (color,)
    if not isinstance(color, (tuple, list)) or not color:
        return False
    values = [float(c) for c in color if isinstance(c, (int, float))]
    if len(values) == 4:  # CMYK: white is no ink
        return all(v <= 0.02 for v in values)
    return bool(values) and all(v >= 0.98 for v in values)


def _table_lines(rows: list[list[str | None]]) -> list[str]:
    width = max((len(r) for r in rows), default=0)
    if width <= 1:
        # a framed text box, not a table: keep its lines as paragraphs
        out = []
        for row in rows:
            for part in (row[0] or "").splitlines() if row else ():
                text = clean_line(part)
                if text:
                    out.append(text)
        return out
    return grid_lines([[cell_text(c) for c in row] for row in rows])
