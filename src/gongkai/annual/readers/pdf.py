"""PDF reports (pdfplumber): ruled tables become tab-separated rows, the text around them becomes
lines, both in reading order page by page; then the text reader takes over.

A PDF without a text layer (a scan) raises ``NeedsOCR``; a damaged one raises ``UnreadableReport``.
"""

from __future__ import annotations

import logging
from io import BytesIO

from ..errors import NeedsOCR, UnreadableReport
from ..model import Report
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
    lines, image_pages = _read(data)
    report = read_lines(lines, source)
    if image_pages:
        pages = "、".join(str(n) for n in image_pages)
        report.note(
            "pdf-image-pages",
            f"第 {pages} 页没有文字层（可能是扫描或截图的表格），其中的内容未能读取，需要 OCR 识别后人工核对",
        )
    return report


def pdf_lines(data: bytes) -> list[str]:
    return _read(data)[0]


def _read(data: bytes) -> tuple[list[str], list[int]]:
    """The document's lines, and the numbers of pages that are only images (scanned pages)."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    # pdfminer logs every damaged object it skips; the user gets one message from us instead
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    lines: list[str] = []
    image_pages: list[int] = []
    try:
        with pdfplumber.open(BytesIO(data)) as pdf:
            if not pdf.pages:
                raise UnreadableReport("PDF 文件中没有页面（可能已损坏或被截断）")
            for number, page in enumerate(pdf.pages, start=1):
                page_lines = _page_lines(page)
                if not page_lines and page.images:
                    image_pages.append(number)
                lines.extend(page_lines)
                page.close()  # frees the page's layout cache: long reports stay small in memory
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise UnreadableReport("PDF 文件已加密，无法读取；请提供未加密的版本") from None
    except PDFSyntaxError as exc:
        raise UnreadableReport(f"PDF 文件已损坏或被截断，无法读取（{exc}）") from None
    except UnreadableReport:
        raise
    except Exception as exc:  # pdfminer raises many kinds of errors on damaged files
        raise UnreadableReport(f"PDF 文件已损坏或被截断，无法读取（{type(exc).__name__}: {exc}）") from None
    # page numbers or a typed header on a scan are not a text layer: ask for real Chinese text
    if sum(1 for line in lines for ch in line if "\u4e00" <= ch <= "\u9fff") < MIN_CJK:
        raise NeedsOCR(SCANNED)
    return lines, image_pages


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
