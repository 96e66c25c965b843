"""Scanned PDFs: pages without a text layer are recognised (the ``ocr`` extra) and read by the
same text reader as any PDF; every figure so read is marked for a person to confirm.

The scans are made here from the real report 009 (淮安市 2024; INDEX.md has its figures): its
pages are rendered to images and saved as an image-only PDF, so nothing of the text layer is left.
OCR costs seconds a page, so each scan holds only the pages a test needs and is read once.
"""

from __future__ import annotations

import io
import sys

import pytest

from gongkai.annual import NeedsOCR, UnreadableReport
from gongkai.annual.checks import Severity, run_checks
from gongkai.annual.readers import read_bytes, read_path
from gongkai.annual.readers._ocr import MISSING, available, boxes_to_lines, page_ranges
from gongkai.cli import main

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not available(), reason="the ocr extra is not installed (pip install '.[ocr]')"),
]

T3 = ("new_received", "carried_over_in", "r_total", "carried_over_out")
T4 = {
    "reconsideration": [72, 64, 178, 37, 351],
    "litigation_direct": [13, 4, 8, 1, 26],
    "litigation_after_reconsideration": [12, 1, 1, 6, 20],
}
DPI = 150


def _pages(corpus, *crops):
    """Images of pages of 009, each ``(page index, crop box or None)``, as a scanner gives them."""
    import pypdfium2

    doc = pypdfium2.PdfDocument(corpus / "pdf" / "009_huaian_2024.pdf")
    try:
        images = []
        for index, box in crops:
            image = doc[index].render(scale=DPI / 72).to_pil().convert("L")
            images.append(image.crop(box) if box else image)
        return images
    finally:
        doc.close()


def _image_pdf(images) -> bytes:
    buf = io.BytesIO()
    first, *rest = [i.convert("RGB") for i in images]
    first.save(buf, "PDF", save_all=True, append_images=rest, resolution=DPI)
    return buf.getvalue()


def _salt_and_pepper(image, amount: float, seed: int):
    import numpy as np
    from PIL import Image

    pixels = np.array(image)
    dice = np.random.default_rng(seed).random(pixels.shape)
    pixels[dice < amount / 2] = 0
    pixels[(dice >= amount / 2) & (dice < amount)] = 255
    return Image.fromarray(pixels)


def _note(report, code):
    return next(n for n in report.notes if n.code == code)


# ---------------------------------------------------------------- a clean scan


@pytest.fixture(scope="module")
def scan(corpus, tmp_path_factory):
    """The title block of page 1, and pages 4 and 5 (tables 三 and 四) of 009, scanned."""
    images = _pages(corpus, (0, (0, 0, 1240, 880)), (3, None), (4, None))
    path = tmp_path_factory.mktemp("ocr") / "009_scan.pdf"
    path.write_bytes(_image_pdf(images))
    return path, read_path(path)


def test_the_scan_has_no_text_layer(scan):
    import pdfplumber

    with pdfplumber.open(scan[0]) as pdf:
        assert all(not page.chars for page in pdf.pages) and len(pdf.pages) == 3


def test_a_scanned_report_reads_to_the_printed_figures(scan):
    report = scan[1]
    assert "淮安市" in report.agency.name and report.year == 2024 and report.format == "2021"
    # INDEX.md: 新收 3119, 结转入 34, 七总计 3050, 结转出 103; OCR got every cell of these rows
    assert [report.applications.get(row, "total") for row in T3] == [3119, 34, 3050, 103]
    assert report.applications.row_values("new_received") == [3001, 53, 0, 0, 61, 4, 3119]
    assert report.applications.row_values("r_total") == [2932, 53, 0, 0, 61, 4, 3050]
    assert report.applications.missing == []
    assert {row: report.review_litigation.row_values(row) for row in T4} == T4


def test_every_figure_read_by_ocr_is_marked_for_confirmation(scan):
    report = scan[1]
    note = _note(report, "OCR-READ")
    assert (
        note.message.startswith("第 1–3 页为扫描图像，经文字识别（OCR）读取") and "人工核对" in note.message
    )
    filled = {t.path(r, c) for t in report.tables.values() for r, c, v in t.items() if v is not None}
    assert set(note.cells) == filled
    assert (
        "applications.r_total.total" in note.cells and "review_litigation.reconsideration.total" in note.cells
    )


def test_the_checks_run_on_a_scanned_report(scan):
    findings = run_checks(scan[1])
    errors = {f.code for f in findings if f.severity is Severity.ERROR}
    # the arithmetic of tables 三 and 四 holds; what is missing is what the scan left out (pp. 2, 3, 6)
    assert errors <= {"SEC-MISSING", "TBL-MISSING"}, errors
    assert "SEC-MISSING" in errors


# ---------------------------------------------------------------- a noisy scan, a lost cell


@pytest.fixture(scope="module")
def noisy(corpus):
    """Table 三 and 四 of 009 (the lower part of page 4, most of page 5), with salt-and-pepper
    noise, and the (七)总计 total covered up as if the scanner had lost it."""
    from PIL import ImageDraw

    top, bottom = _pages(corpus, (3, (0, 690, 1240, 1755)), (4, (0, 0, 1240, 1480)))
    ImageDraw.Draw(bottom).rectangle((1025, 845, 1075, 877), fill=255)  # "3050"
    images = [_salt_and_pepper(img, 0.02, seed) for img, seed in ((top, 1), (bottom, 2))]
    return read_bytes(_image_pdf(images), "noisy.pdf", ".pdf")


def test_a_noisy_scan_keeps_its_table_digits(noisy):
    # the median filter takes the noise off: table 四 and the rows of 三 around the lost cell
    assert {row: noisy.review_litigation.row_values(row) for row in T4} == T4
    assert noisy.applications.row_values("new_received") == [3001, 53, 0, 0, 61, 4, 3119]


def test_a_cell_lost_in_the_scan_is_recovered_from_the_arithmetic_and_said_so(noisy):
    assert noisy.applications.get("r_total", "total") == 3050
    recovered = [n for n in noisy.notes if n.code == "CELL-RECOVERED"]
    assert any(n.cells == ("applications.r_total.total",) for n in recovered)
    assert "applications.r_total.total" in _note(noisy, "OCR-READ").cells


# ---------------------------------------------------------------- a mixed PDF, the CLI


def _mixed(corpus, folder, crop=None):
    """009 with pages 1–4 as printed (text layer) and page 5 scanned (or a ``crop`` of it)."""
    import pypdfium2

    original = pypdfium2.PdfDocument(corpus / "pdf" / "009_huaian_2024.pdf")
    scanned = pypdfium2.PdfDocument(_image_pdf(_pages(corpus, (4, crop))))
    out = pypdfium2.PdfDocument.new()
    out.import_pages(original, [0, 1, 2, 3])
    out.import_pages(scanned)
    buf = io.BytesIO()
    out.save(buf)
    for doc in (out, scanned, original):
        doc.close()
    path = folder / ("009_mixed.pdf" if crop is None else "009_mixed_cropped.pdf")
    path.write_bytes(buf.getvalue())
    return path


@pytest.fixture(scope="module")
def mixed(corpus, tmp_path_factory):
    return _mixed(corpus, tmp_path_factory.mktemp("ocr"))


def test_a_mixed_pdf_is_read_page_by_page(mixed):
    report = read_path(mixed)
    assert [report.applications.get(row, "total") for row in T3] == [3119, 34, 3050, 103]
    assert {row: report.review_litigation.row_values(row) for row in T4} == T4
    note = _note(report, "OCR-READ")
    assert note.message.startswith("第 5 页为扫描图像")
    # page 5's figures are marked, page 4's (read from the text layer) are not
    assert "applications.r_total.total" in note.cells
    assert "review_litigation.litigation_direct.total" in note.cells
    assert "applications.new_received.total" not in note.cells
    assert "active.art20_1.regulations.made" not in note.cells


def test_check_and_parse_print_the_ocr_note(corpus, tmp_path, capsys):
    # (page 5 cut to its table 四: the CLI reads it twice, and OCR costs seconds a page)
    mixed = _mixed(corpus, tmp_path, crop=(0, 1000, 1240, 1480))
    status = main(["check", str(mixed), "--no-progress"])
    out = capsys.readouterr().out
    assert status in (0, 1)  # read and checked (1: the checks found errors), not unreadable
    assert "OCR-READ" in out and "第 5 页为扫描图像" in out and "人工核对" in out
    assert main(["parse", str(mixed)]) == 0
    parsed = capsys.readouterr().out
    assert '"code": "OCR-READ"' in parsed and "review_litigation.litigation_direct.total" in parsed


# ---------------------------------------------------------------- without a text to find


def _blobs_pdf() -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(image)
    for y in range(200, 1500, 60):  # rules and grey bars: a picture, no text
        draw.line((100, y, 1140, y), fill=0, width=2)
        draw.rectangle((120, y + 15, 600, y + 40), fill=128)
    return _image_pdf([image])


def test_a_scan_with_no_text_on_it_is_unreadable_with_a_message(tmp_path, capsys):
    with pytest.raises(UnreadableReport, match="经文字识别（OCR）仍未读出报告文字") as info:
        read_bytes(_blobs_pdf(), "blobs.pdf", ".pdf")
    assert not isinstance(info.value, NeedsOCR)


def test_without_the_ocr_extra_a_scan_says_how_to_install_it(tmp_path, monkeypatch, capsys):
    for name in ("rapidocr", "onnxruntime", "cv2"):
        monkeypatch.setitem(sys.modules, name, None)  # as if not installed: importing it fails
    assert not available()
    path = tmp_path / "scan.pdf"
    path.write_bytes(_blobs_pdf())
    with pytest.raises(NeedsOCR) as info:
        read_path(path)
    assert str(info.value) == MISSING == "此 PDF 为扫描图像，需安装 OCR 组件：pip install 'gongkai[ocr]'"
    assert main(["check", str(path), "--no-progress"]) == 2
    out = capsys.readouterr()
    assert MISSING in out.out and "Traceback" not in out.out + out.err


# ---------------------------------------------------------------- the pieces


def test_boxes_become_lines_with_cells_apart():
    def box(x0, y0, x1, y1):
        return [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]

    boxes = [
        box(100, 10, 400, 30),  # a heading
        box(100, 50, 300, 70),  # a label wrapped over two lines; its row's numbers sit on the second
        box(100, 78, 200, 98),
        box(320, 70, 350, 92),
        box(400, 71, 420, 91),
        box(100, 120, 140, 140),  # numbers close together: one space, not a cell border
        box(145, 120, 165, 140),
    ]
    texts = ["三、收到和处理", "（二）部分公开（区分", "处理的）", "447", "７", "72", "64"]
    assert boxes_to_lines(boxes, texts) == [
        "三、收到和处理",
        "（二）部分公开（区分",
        "处理的）\t447\t7",
        "72 64",
    ]


def test_page_ranges():
    assert page_ranges([5]) == "5"
    assert page_ranges([1, 4, 5, 6, 9]) == "1、4–6、9"


def test_without_the_ocr_extra_a_mixed_pdf_reads_its_text_pages_and_says_what_it_left(mixed, monkeypatch):
    monkeypatch.setitem(sys.modules, "rapidocr", None)
    report = read_path(mixed)
    assert report.applications.get("new_received", "total") == 3119  # page 4, text layer
    note = _note(report, "pdf-image-pages")
    assert note.message.startswith("第 5 页没有文字层") and "pip install 'gongkai[ocr]'" in note.message
    assert not any(n.code == "OCR-READ" for n in report.notes)
