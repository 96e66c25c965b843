"""Text recognition (OCR) for the pages of a PDF that have no text layer (scans).

The ``ocr`` extra (``pip install 'gongkai[ocr]'``: rapidocr + onnxruntime + opencv-headless) ships
its models inside the wheel; the engine is pointed at those files explicitly, so it never takes
its download path. It is imported only when a scanned page turns up and made once per process
(loading the models takes a second or two).

A page is rendered with pypdfium2 (which pdfplumber already brings), median-filtered (salt-and-
pepper noise otherwise costs table digits) and recognised; the recognised boxes are put back into
lines, top to bottom and left to right, with a tab between boxes that a wide gap separates (the
cells of a table row), so the text reader reads them as it reads any other PDF's lines.
"""

from __future__ import annotations

import importlib.util
import threading
from collections.abc import Sequence
from pathlib import Path

from ..errors import UnreadableReport
from ._structured import clean_line

DPI = 150  # enough for body text and table digits; 200 costs twice the time for no gain here
MAX_PIXELS = 16_000_000  # a page drawn huge (hostile or odd) is rendered smaller, not out of memory
MAX_PAGES = 60  # a scanned annual report has a dozen pages; hours of OCR are not a report
INSTALL = "pip install 'gongkai[ocr]'"
MISSING = f"此 PDF 为扫描图像，需安装 OCR 组件：{INSTALL}"

_MODELS = {
    "Det": "PP-OCRv6_det_small.onnx",
    "Rec": "PP-OCRv6_rec_small.onnx",
    "Cls": "ch_ppocr_mobile_v2.0_cls_mobile.onnx",
}
_lock = threading.Lock()
_engine_instance = None


def available() -> bool:
    """Whether the OCR extra is installed (checked without importing it)."""
    for name in ("rapidocr", "onnxruntime", "cv2"):
        try:
            if importlib.util.find_spec(name) is None:
                return False
        except (ImportError, ValueError):  # ValueError: blocked in sys.modules
            return False
    return True


def engine():
    """The one recognition engine of this process (made on first use)."""
    global _engine_instance
    with _lock:
        if _engine_instance is None:
            _engine_instance = _make_engine()
        return _engine_instance


def _make_engine():
    try:
        import rapidocr
        from rapidocr import RapidOCR
    except ImportError:
        raise UnreadableReport(MISSING) from None
    models = Path(rapidocr.__file__).parent / "models"
    params: dict[str, object] = {"Global.log_level": "error"}
    for stage, name in _MODELS.items():
        path = models / name
        if not path.is_file():  # never let the engine fetch a model: nothing downloads at run time
            raise UnreadableReport(f"OCR 组件缺少模型文件 {name}，请重新安装：{INSTALL}")
        params[f"{stage}.model_path"] = str(path)
    return RapidOCR(params=params)


def render(page, dpi: int = DPI):
    """A pypdfium2 page as a grey, median-filtered PIL image at ``dpi`` (less for a huge page)."""
    from PIL import ImageFilter

    width, height = page.get_size()  # points
    scale = dpi / 72
    if width * height * scale * scale > MAX_PIXELS:
        scale = (MAX_PIXELS / (width * height)) ** 0.5
    image = page.render(scale=scale, grayscale=True).to_pil().convert("L")
    return image.filter(ImageFilter.MedianFilter(3))


def recognise(image) -> list[str]:
    """The lines of text on an image."""
    import numpy as np

    ocr = engine()
    with _lock:  # one page at a time: the engine is not documented as thread-safe, and is CPU-bound
        out = ocr(np.asarray(image))
    if out.boxes is None or out.txts is None:
        return []
    return boxes_to_lines([[tuple(p) for p in box] for box in out.boxes.tolist()], list(out.txts))


def boxes_to_lines(boxes: Sequence[Sequence[tuple[float, float]]], texts: Sequence[str]) -> list[str]:
    """Recognised boxes (four corner points each) and their texts -> lines of text.

    Boxes whose vertical extents overlap by half the smaller height are one line (a table row's
    cells, a label wrapped over two lines takes the row's numbers on the line it shares with
    them); in a line, boxes further apart than half a character's height are separated by a tab
    (one box is one run of text: a wider gap is a cell border or a column).
    """
    items = []
    for box, text in zip(boxes, texts, strict=True):
        text = clean_line(text)
        if not text:
            continue
        xs = [p[0] for p in box]
        ys = [p[1] for p in box]
        items.append((min(ys), max(ys), min(xs), max(xs), text))
    items.sort(key=lambda it: (it[0] + it[1]) / 2)
    rows: list[list[tuple[float, float, float, float, str]]] = []
    for item in items:
        if rows:
            row = rows[-1]
            top = sorted(it[0] for it in row)[len(row) // 2]
            bottom = sorted(it[1] for it in row)[len(row) // 2]
            overlap = min(bottom, item[1]) - max(top, item[0])
            if overlap >= 0.5 * min(bottom - top, item[1] - item[0]):
                row.append(item)
                continue
        rows.append([item])
    lines = []
    for row in rows:
        row.sort(key=lambda it: it[2])
        height = sorted(it[1] - it[0] for it in row)[len(row) // 2]
        line = row[0][4]
        for prev, item in zip(row, row[1:], strict=False):
            gap = item[2] - prev[3]
            if gap > 0.5 * height:
                line += "\t"
            elif line[-1].isascii() and line[-1].isalnum() and item[4][0].isascii() and item[4][0].isalnum():
                line += " "
            line += item[4]
        lines.append(line)
    return lines


def page_ranges(numbers: Sequence[int]) -> str:
    """[1, 4, 5, 6] -> "1、4–6"."""
    parts: list[str] = []
    start = prev = None
    for n in sorted(numbers):
        if prev is not None and n == prev + 1:
            prev = n
            continue
        if start is not None:
            parts.append(str(start) if start == prev else f"{start}–{prev}")
        start = prev = n
    if start is not None:
        parts.append(str(start) if start == prev else f"{start}–{prev}")
    return "、".join(parts)
