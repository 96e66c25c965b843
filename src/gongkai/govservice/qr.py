"""QR codes drawn offline with segno, as inline SVG (no image file, no network)."""

from __future__ import annotations

import segno


def svg(url: str, title: str = "") -> str:
    code = segno.make(url, error="m", micro=False)
    # no fixed size: a viewBox, so that the page's CSS sizes it for the screen or the A4 sheet
    return code.svg_inline(border=4, omitsize=True, title=title or None, dark="#000", light="#fff")
