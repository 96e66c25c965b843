"""Read-only catalogue queries: an agency's categories, its review queue and the 第二十条第（一）项
counts of table 二."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Q

from gongkai.agencies.batch import agency_pks, chunks

from . import rules
from .models import DocType, Entry, OwnCategory, Status, Validity


def categories_for(agency) -> list[rules.Category]:
    """The statutory categories that bind this agency, then its own."""
    cats = rules.statutory_categories_for(agency.kind, agency.level)
    own = OwnCategory.objects.filter(agency=agency)
    return cats + [rules.Category(code=o.code, label=o.label, applies_to="own") for o in own]


def category_label(code: str, agency=None) -> str:
    cat = rules.statutory_category(code)
    if cat is not None:
        return cat.display
    if agency is not None:
        own = OwnCategory.objects.filter(agency=agency, code=code).first()
        if own is not None:
            return own.label
    return code


def review_queue(agency):
    """The agency's entries waiting for a 审核人, oldest first."""
    return Entry.objects.filter(agency=agency, status=Status.SUBMITTED).order_by("updated_at", "id")


def review_counts(agencies) -> dict[int, int]:
    """How many entries wait in each agency's review queue (one GROUP BY for all of them)."""
    pks = agency_pks(agencies)
    out = dict.fromkeys(pks, 0)
    for ids in chunks(pks):
        rows = (
            Entry.objects.filter(agency_id__in=ids, status=Status.SUBMITTED)
            .values_list("agency_id")
            .annotate(n=Count("pk"))
            .order_by()
        )
        out.update(dict(rows))
    return out


# --------------------------------------------------------------------------- annual report (table 二)

ART20_1_TYPES = {"regulations": DocType.REGULATION, "normative_docs": DocType.NORMATIVE}


def article20_item1_counts(agency, year: int) -> dict:
    """Table 二, 第二十条第（一）项, for one agency and report year.

    made: 规章/行政规范性文件 whose 生成日期 (成文日期) falls in the year;
    repealed: those marked 废止 with a 废止日期 in the year;
    valid: those made by 31 December and not 失效 or 废止 on or before that day (现行有效 at year end).
    Only published documents count (withdrawn ones were taken out of the catalogue).
    Keys match gongkai.annual.layout ACTIVE_2021 "art20_1".
    """
    return article20_item1_counts_by_agency([agency], year)[agency.pk]


def _art20_1_columns(year: int) -> dict[str, Q]:
    """The three columns of 第二十条第（一）项 as filters, for the counts and the entries behind them."""
    end = date(year, 12, 31)
    return {
        "made": Q(created_date__year=year),
        "repealed": Q(validity=Validity.REPEALED, invalid_date__year=year),
        "valid": Q(created_date__lte=end) & (Q(validity=Validity.VALID) | Q(invalid_date__gt=end)),
    }


def article20_item1_entries(agency, year: int, row: str, column: str):
    """The entries counted in one cell of 第二十条第（一）项 (``row``: regulations / normative_docs),
    oldest first."""
    return (
        Entry.objects.filter(agency=agency, status=Status.PUBLISHED, doc_type=ART20_1_TYPES[row])
        .filter(_art20_1_columns(year)[column])
        .order_by("created_date", "id")
    )


def article20_item1_counts_by_agency(agencies, year: int) -> dict[int, dict]:
    """``article20_item1_counts`` of each of ``agencies`` (instances, a queryset or pks), keyed by
    agency pk: one grouped query (agency × document type) with conditional counts per chunk."""
    columns = _art20_1_columns(year)
    pks = agency_pks(agencies)
    found: dict[tuple[int, str], dict] = {}
    for ids in chunks(pks):
        rows = (
            Entry.objects.filter(
                agency_id__in=ids, status=Status.PUBLISHED, doc_type__in=ART20_1_TYPES.values()
            )
            .values("agency_id", "doc_type")
            .annotate(**{column: Count("pk", filter=q) for column, q in columns.items()})
            .order_by()
        )
        for row in rows:
            found[(row["agency_id"], row["doc_type"])] = row
    zero = {"made": 0, "repealed": 0, "valid": 0}
    return {
        pk: {
            key: {column: found.get((pk, doc_type), zero)[column] for column in zero}
            for key, doc_type in ART20_1_TYPES.items()
        }
        for pk in pks
    }
