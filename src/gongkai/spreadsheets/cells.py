"""Reading one cell the ways Chinese spreadsheets write it. A parser returns the value or raises
``CellError`` with the reason, which is shown with the cell's row and column."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime

from django.utils.translation import gettext as _


class CellError(Exception):
    pass


def blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def text(value) -> str:
    """The cell as trimmed text; a whole number Excel stores as 12.0 reads "12"."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def parse_text(max_length: int) -> Callable[[object], str]:
    def parse(value) -> str:
        result = text(value)
        if len(result) > max_length:
            raise CellError(_("超过%(n)s个字") % {"n": max_length})
        return result

    return parse


_DATE_PATTERNS = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$"),  # with the time a CSV export may add
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)


def parse_date(value) -> date:
    """An Excel date, 2024-05-06, 2024/5/6, 2024.5.6, 2024年5月6日 (or without 日) or 20240506."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    written = text(value)
    for pattern in _DATE_PATTERNS:
        m = pattern.match(written)
        if m:
            try:
                return date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                raise CellError(_("“%(v)s”不是有效的日期") % {"v": written}) from None
    raise CellError(_("“%(v)s”不是日期，应写作 2024-05-06") % {"v": written})


YES = frozenset({"是", "1", "Y", "y", "√", "有", "收费"})
NO = frozenset({"否", "0", "N", "n", "×", "无", "不收费"})


def parse_yes_no(value) -> bool:
    written = text(value)
    if written in YES:
        return True
    if written in NO:
        return False
    raise CellError(_("“%(v)s”应填“是”或“否”") % {"v": written})
