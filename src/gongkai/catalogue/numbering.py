"""索引号: each entry's number, from its agency's pattern and a counter that never goes back."""

from __future__ import annotations

import string

from django.utils.translation import gettext as _

from gongkai import serials

from .errors import CatalogueError
from .models import DEFAULT_INDEX_PATTERN, AgencySettings, Entry, IndexCounter

_PLACEHOLDERS = {"agency_code", "credit_code", "category", "year", "serial"}


def validate_index_pattern(pattern: str) -> None:
    """A pattern must name the agency, the year and the serial, so numbers cannot collide."""
    try:
        names = {f for _, f, _, _ in string.Formatter().parse(pattern) if f is not None}
        pattern.format(agency_code="X", credit_code="X", category="A01", year=2024, serial=1)
    except (ValueError, KeyError, IndexError) as exc:
        raise CatalogueError(_("索引号格式无效：%(error)s") % {"error": exc}, "index_pattern") from exc
    unknown = names - _PLACEHOLDERS
    if unknown:
        raise CatalogueError(
            _("索引号格式含有未知的占位符：%(names)s") % {"names": "、".join(sorted(unknown))},
            "index_pattern",
        )
    if "serial" not in names or "year" not in names or not names & {"agency_code", "credit_code"}:
        raise CatalogueError(
            _("索引号格式必须包含机构代码（或统一社会信用代码）、年度和流水号。"), "index_pattern"
        )


def index_pattern(agency) -> str:
    row = AgencySettings.objects.filter(agency=agency).only("index_pattern").first()
    return row.index_pattern if row else DEFAULT_INDEX_PATTERN


def allocate_index_no(agency, category: str, year: int) -> str:
    pattern = index_pattern(agency)
    while True:
        serial = serials.next_serial(IndexCounter, agency=agency, year=year)
        number = pattern.format(
            agency_code=agency.code,
            credit_code=agency.credit_code or agency.code,
            category=category,
            year=year,
            serial=serial,
        )
        # A number typed in by an import or left by a changed pattern is skipped, never shared.
        if not Entry.objects.filter(index_no=number).exists():
            return number
