"""PDF files: the text of the text layer, character by character with its box, and a redacted copy
in which the redacted characters are really gone. Each page is rendered (pypdfium2), the boxes of
the changed characters are filled in the raster, and the PDF is rebuilt from the images (Pillow):
no text layer, no hidden glyph under a black rectangle. The output is image-only; the searchable
redacted text is the one ``mask.apply`` returns, published next to it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import pdfplumber
import pypdfium2
from PIL import ImageDraw

SCALE = 2  # 144 dpi: readable when printed, and about 4× the size of 72 dpi
PAD = 0.5  # points around each glyph box, so antialiased edges are covered too
# pdfminer's box of a CJK glyph starts about 0.12 em below its ink (measured on Noto CJK and
# DejaVu): the fill reaches a quarter em higher.
RISE = 0.25


@dataclass(frozen=True)
class Box:
    page: int
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(frozen=True)
class PdfText:
    text: str
    boxes: tuple[Box | None, ...]  # one per character of text; None for the line breaks added


def extract(data: bytes) -> PdfText:
    chars: list[str] = []
    boxes: list[Box | None] = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages):
            last = None
            for ch in page.chars:
                if last is not None and (ch["top"] > last["bottom"] - 1 or ch["x0"] < last["x0"] - 1):
                    chars.append("\n")
                    boxes.append(None)
                chars.append(ch["text"])
                boxes.append(Box(number, ch["x0"], ch["top"], ch["x1"], ch["bottom"]))
                last = ch
            chars.append("\n")
            boxes.append(None)
    return PdfText("".join(chars), tuple(boxes))


def rewrite(data: bytes, redacted: str, extracted: PdfText | None = None) -> bytes:
    """``redacted``: ``extract(data).text`` with some characters replaced (same length)."""
    extracted = extracted or extract(data)
    if len(redacted) != len(extracted.text):
        raise ValueError("the redacted text does not match the document")
    fill: dict[int, list[Box]] = {}
    for before, after, box in zip(extracted.text, redacted, extracted.boxes, strict=True):
        if before != after and box is not None:
            fill.setdefault(box.page, []).append(box)
    document = pypdfium2.PdfDocument(data)
    try:
        images = []
        for number in range(len(document)):
            page = document[number]
            image = page.render(scale=SCALE).to_pil().convert("RGB")
            draw = ImageDraw.Draw(image)
            for b in fill.get(number, ()):
                top = b.top - RISE * (b.bottom - b.top) - PAD
                box = [(b.x0 - PAD) * SCALE, top * SCALE, (b.x1 + PAD) * SCALE, (b.bottom + PAD) * SCALE]
                draw.rectangle(box, fill=(0, 0, 0))
            images.append(image)
    finally:
        document.close()
    out = io.BytesIO()
    images[0].save(out, "PDF", save_all=True, append_images=images[1:], resolution=72 * SCALE)
    return out.getvalue()
