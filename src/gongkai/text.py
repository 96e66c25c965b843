"""Chinese text conventions shared by every layer (plain Python, no Django: the annual-report domain
uses it too)."""

from __future__ import annotations

from datetime import date


def chinese_date(d: date | None) -> str:
    """A date as Chinese documents print it, 2024年3月5日 (no zero padding); '' for no date."""
    return "" if d is None else f"{d.year}年{d.month}月{d.day}日"
