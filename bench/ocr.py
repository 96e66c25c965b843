"""Scanned PDFs: pages recognised per second (the ``ocr`` extra), beside the time merely rendering
the same pages takes (pypdfium2 at the reader's resolution, with its median filter) — the ratio
says what recognition costs over the rendering any scan needs anyway.

The scan is made from a report rendered by the project's PDF writer (every page as an image,
nothing of the text layer left), so the run needs no corpus; ``--pages`` scans that many pages.
"""

from __future__ import annotations

import argparse
import io
import time

from gongkai.annual.example import example_report
from gongkai.annual.readers import _ocr, read_bytes
from gongkai.annual.writers import render

TARGET_SECONDS_PER_PAGE = 5.0  # stack notes: 3–5 s an A4 page at 150 dpi on 2 cores


def _row(what: str, figure: str, target: str = "", ok: bool | None = None) -> None:
    mark = "" if ok is None else ("  ok" if ok else "  BELOW TARGET")
    print(f"  {what:<46} {figure:>16}   {target}{mark}", flush=True)


def scanned(pages: int) -> bytes:
    """The example report as an image-only PDF of its first ``pages`` pages."""
    import pypdfium2

    doc = pypdfium2.PdfDocument(render(example_report(), "pdf"))
    try:
        images = [
            doc[i].render(scale=_ocr.DPI / 72).to_pil().convert("RGB") for i in range(min(pages, len(doc)))
        ]
    finally:
        doc.close()
    buf = io.BytesIO()
    images[0].save(buf, "PDF", save_all=True, append_images=images[1:], resolution=_ocr.DPI)
    return buf.getvalue()


def _render_all(data: bytes) -> tuple[float, int]:
    import pypdfium2

    started = time.perf_counter()
    doc = pypdfium2.PdfDocument(data)
    count = len(doc)
    for i in range(count):
        page = doc[i]
        _ocr.render(page)
        page.close()
    doc.close()
    return time.perf_counter() - started, count


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=3)
    args = parser.parse_args()
    if not _ocr.available():
        _row("OCR pages/s", "n/a", "the ocr extra is not installed: pip install '.[ocr]'")
        return
    data = scanned(args.pages)
    started = time.perf_counter()
    _ocr.engine()
    _row("engine start (models load, once a process)", f"{time.perf_counter() - started:.2f} s")
    render_seconds, pages = _render_all(data)
    started = time.perf_counter()
    report = read_bytes(data, "scan.pdf", ".pdf")
    ocr_seconds = time.perf_counter() - started
    marked = next((len(n.cells) for n in report.notes if n.code == "OCR-READ"), 0)
    _row("render + median filter, pages/s", f"{pages / render_seconds:.1f}")
    per_page = ocr_seconds / pages
    _row(
        "OCR read (render + recognise + text reader), pages/s",
        f"{pages / ocr_seconds:.2f}",
        f"target ≥ {1 / TARGET_SECONDS_PER_PAGE:.2f} ({per_page:.1f} s/page)",
        per_page <= TARGET_SECONDS_PER_PAGE,
    )
    _row("OCR read time / render time", f"{ocr_seconds / render_seconds:.0f}×")
    _row("cells marked OCR-READ", f"{marked}")


if __name__ == "__main__":
    main()
