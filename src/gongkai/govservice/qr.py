"""QR codes drawn offline with segno, as inline SVG (no image file, no network)."""

from __future__ import annotations

import segno


def svg(url: str, title: str = "") -> str:
    code = segno.make(url, error="m", micro=False)
    return code.svg_inline(scale=4, border=4, title=title or None, dark="#000", light="#fff")
