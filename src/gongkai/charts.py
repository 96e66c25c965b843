"""Charts drawn on the server as SVG text: bars, stacked bars, lines. Plain Python (no Django, no
JavaScript, nothing fetched), so a page, a PDF (WeasyPrint) and a test all read the same markup.

Every chart is ``<svg role="img" aria-label="…">`` with a ``<title>``, and every mark (bar,
segment, point) has its own ``<title>`` naming its category, series and value, so a screen
reader or a mouse hover reads the figure; values are also printed next to the marks. Text is
escaped (an agency called ``<script>`` stays text). No font is named unless asked: an SVG inline
in a page inherits the page's font, which is the one that has the Chinese glyphs.

A page shows each chart with its numbers as a table next to it (the accessible and printable form);
the charts here draw, they do not replace that table.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

# Colours that stay apart for the common colour-vision deficiencies (Okabe–Ito), darkest first.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
FONT_SIZE = 13
BAR = 18  # bar thickness of a horizontal bar chart
GAP = 8
MAX_LABEL_EM = 14  # a longer category label is cut (with …); its <title> keeps the whole name


@dataclass(frozen=True)
class Series:
    label: str
    values: Sequence[float | int | None]


def _e(text) -> str:
    return escape(str(text), quote=True)


def _num(value) -> str:
    """A value as printed: integers without decimals, others with at most two."""
    if value is None:
        return "—"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{int(value):,}"


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """An estimate of the drawn width: a Chinese character is one em, a Latin one a bit over half."""
    return sum(size if ord(c) > 0x2E7F else size * 0.6 for c in str(text))


def _cut(text: str, max_em: float = MAX_LABEL_EM) -> str:
    text = str(text)
    if text_width(text) <= max_em * FONT_SIZE:
        return text
    out = ""
    for c in text:
        if text_width(out + c + "…") > max_em * FONT_SIZE:
            break
        out += c
    return out + "…"


def _nice_max(value: float) -> float:
    """A round upper end for the axis (1, 2, 5 × 10ⁿ), never below 1."""
    if value <= 0:
        return 1
    exponent = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if value <= step * exponent:
            return step * exponent
    return 10 * exponent


def _open(width: float, height: float, title: str, description: str, font_family: str | None) -> list[str]:
    font = f' font-family="{_e(font_family)}"' if font_family else ""
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="{width:.0f}" height="{height:.0f}" role="img" aria-label="{_e(title)}" '
        f'font-size="{FONT_SIZE}"{font} class="chart">',
        f"<title>{_e(title)}</title>",
        f"<desc>{_e(description)}</desc>" if description else "",
    ]


def _legend(series: Sequence[Series], x: float, y: float) -> tuple[list[str], float]:
    """The legend on one or more lines from (x, y); returns its parts and its height."""
    parts, cx, cy = ['<g class="legend">'], x, y
    for i, s in enumerate(series):
        w = 14 + 4 + text_width(s.label) + 16
        if cx + w > x + 560 and cx > x:
            cx, cy = x, cy + FONT_SIZE + 8
        colour = PALETTE[i % len(PALETTE)]
        parts.append(
            f'<rect x="{cx:.1f}" y="{cy:.1f}" width="14" height="14" fill="{colour}" aria-hidden="true"/>'
        )
        parts.append(f'<text x="{cx + 18:.1f}" y="{cy + 12:.1f}">{_e(s.label)}</text>')
        cx += w
    parts.append("</g>")
    return parts, cy - y + FONT_SIZE + 10


def _empty(title: str, message: str, font_family: str | None) -> str:
    parts = _open(480, 60, title, message, font_family)
    parts.append(f'<text x="8" y="34" fill="#555">{_e(message)}</text></svg>')
    return "".join(parts)


def bar_chart(
    categories: Sequence[str],
    values: Sequence[float | int | None],
    *,
    title: str,
    unit: str = "",
    width: int = 640,
    empty: str = "没有数据",
    font_family: str | None = None,
) -> str:
    """Horizontal bars, one per category, each with its value printed at its end."""
    return stacked_bar_chart(
        categories,
        [Series(unit or title, values)],
        title=title,
        unit=unit,
        width=width,
        empty=empty,
        font_family=font_family,
        legend=False,
    )


def stacked_bar_chart(
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    title: str,
    unit: str = "",
    width: int = 640,
    empty: str = "没有数据",
    font_family: str | None = None,
    legend: bool = True,
) -> str:
    """Horizontal bars, one per category, cut into one segment per series; the total is printed at
    the bar's end and each segment's value inside it where it fits. Blank values draw nothing."""
    totals = [sum(s.values[i] or 0 for s in series) for i in range(len(categories))]
    if not categories or not any(totals):
        return _empty(title, empty, font_family)
    label_w = min(max(text_width(_cut(c)) for c in categories), MAX_LABEL_EM * FONT_SIZE) + 12
    value_w = text_width(_num(max(totals))) + 12
    plot_x, plot_w = label_w, max(width - label_w - value_w, 80)
    top = 8
    legend_parts, legend_h = _legend(series, plot_x, top) if legend and len(series) > 1 else ([], 0)
    top += legend_h
    scale = plot_w / _nice_max(max(totals))
    height = top + len(categories) * (BAR + GAP) + 8
    description = "；".join(f"{c}：{_num(t)}{unit}" for c, t in zip(categories, totals, strict=True))
    parts = _open(width, height, title, description, font_family)
    parts += legend_parts
    for i, (category, total) in enumerate(zip(categories, totals, strict=True)):
        y = top + i * (BAR + GAP)
        parts.append(f'<g class="bar"><title>{_e(category)}：{_num(total)}{_e(unit)}</title>')
        parts.append(
            f'<text x="{plot_x - 6:.1f}" y="{y + BAR - 4:.1f}" text-anchor="end">{_e(_cut(category))}</text>'
        )
        parts.append("</g>")
        x = plot_x
        for j, s in enumerate(series):
            value = s.values[i]
            if not value:
                continue
            w = value * scale
            colour = PALETTE[j % len(PALETTE)]
            name = f"{category} · {s.label}" if len(series) > 1 else category
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{BAR}" fill="{colour}">'
                f"<title>{_e(name)}：{_num(value)}{_e(unit)}</title></rect>"
            )
            if len(series) > 1 and w >= text_width(_num(value)) + 6:
                ink = "#000" if colour in ("#E69F00", "#F0E442", "#56B4E9") else "#fff"
                parts.append(
                    f'<text x="{x + w / 2:.1f}" y="{y + BAR - 4:.1f}" text-anchor="middle" fill="{ink}" '
                    f'aria-hidden="true">{_num(value)}</text>'
                )
            x += w
        parts.append(f'<text x="{x + 4:.1f}" y="{y + BAR - 4:.1f}" class="value">{_num(total)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def line_chart(
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    title: str,
    unit: str = "",
    width: int = 640,
    height: int = 260,
    empty: str = "没有数据",
    font_family: str | None = None,
) -> str:
    """One line per series over the categories (years, say), a value printed at each point; a blank
    value breaks the line."""
    present = [v for s in series for v in s.values if v is not None]
    if not categories or not present:
        return _empty(title, empty, font_family)
    top = 8
    legend_parts, legend_h = _legend(series, 48, top) if len(series) > 1 else ([], 0)
    top += legend_h + 14
    left, right, bottom = 48, 24, 28
    plot_w, plot_h = width - left - right, height - top - bottom
    high = _nice_max(max(present))
    step = plot_w / max(len(categories) - 1, 1)

    def xy(i: int, v: float) -> tuple[float, float]:
        x = left + (i * step if len(categories) > 1 else plot_w / 2)
        return x, top + plot_h - v / high * plot_h

    description = "；".join(
        f"{s.label} {c}：{_num(v)}{unit}" for s in series for c, v in zip(categories, s.values, strict=True)
    )
    parts = _open(width, height, title, description, font_family)
    parts += legend_parts
    for k in range(5):  # gridlines with their values
        v = high * k / 4
        _x, y = xy(0, v)
        parts.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#555" aria-hidden="true">{_num(v)}</text>'
        )
    for i, c in enumerate(categories):
        x, _y = xy(i, 0)
        parts.append(f'<text x="{x:.1f}" y="{top + plot_h + 18:.1f}" text-anchor="middle">{_e(c)}</text>')
    for j, s in enumerate(series):
        colour = PALETTE[j % len(PALETTE)]
        runs: list[list[tuple[float, float]]] = [[]]
        for i, v in enumerate(s.values):
            if v is None:
                runs.append([])
            else:
                runs[-1].append(xy(i, v))
        for run in runs:
            if len(run) > 1:
                points = " ".join(f"{x:.1f},{y:.1f}" for x, y in run)
                parts.append(
                    f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2.5"/>'
                )
        for i, (c, v) in enumerate(zip(categories, s.values, strict=True)):
            if v is None:
                continue
            x, y = xy(i, v)
            name = f"{s.label} · {c}" if len(series) > 1 else c
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4.5" fill="{colour}">'
                f"<title>{_e(name)}：{_num(v)}{_e(unit)}</title></circle>"
                f'<text x="{x:.1f}" y="{y - 9:.1f}" text-anchor="middle" class="value">{_num(v)}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)
