"""Read-only catalogue queries: an agency's categories, its review queue, a page of search results
and the 第二十条第（一）项 counts of table 二."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from gongkai.agencies.batch import agency_pks, chunks

from . import rules
from .models import DocType, Entry, OwnCategory, Status, Validity
from .search import MAX_QUERY_CHARS, Filters, Query, highlight, order_for, parse_query, search


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


# --------------------------------------------------------------------------- search results


@dataclass
class SearchResults:
    """What a search page shows: ``query`` is None when nothing was searched (no text, only
    punctuation, or too long: ``message`` then says why)."""

    query: Query | None
    order: str
    message: str = ""
    page: Page | None = None
    entries: list | None = None


def parse_search(text: str, filters: Filters, requested_order: str) -> SearchResults:
    """The query typed into a search box, with the message a visitor sees when it cannot be used."""
    text = (text or "").strip()
    if not text:
        return SearchResults(None, order_for(requested_order, None))
    query = parse_query(text, filters)
    if query.too_long:
        message = _("检索词过长，请缩短到%(n)s字以内。") % {"n": MAX_QUERY_CHARS}
        return SearchResults(None, order_for(requested_order, None), message)
    if not query:
        return SearchResults(
            None, order_for(requested_order, None), _("检索词中没有可检索的文字，请输入汉字、字母或数字。")
        )
    return SearchResults(query, order_for(requested_order, query))


def search_page(
    results: SearchResults, filters: Filters, page_number, per_page: int, fields=()
) -> SearchResults:
    """``results`` with one page of matching entries (``fields``: the columns the list shows), their
    hits marked: ``title_html``, ``snippet_html``, ``doc_number_html``, ``index_no_html``."""
    query = results.query
    ids = search(query, filters, order=results.order)
    page = Paginator(ids, per_page).get_page(page_number)
    qs = Entry.objects.only(*fields, "summary", "body") if fields else Entry.objects.all()
    by_id = qs.in_bulk(list(page.object_list))
    entries = [by_id[i] for i in page.object_list if i in by_id]
    words = highlight.pattern(query.words)
    for e in entries:
        e.title_html = highlight.mark(e.title, words)
        e.snippet_html = highlight.snippet((e.summary, e.body), words)
        exact_number = e.doc_number in query.exact.doc_numbers
        e.doc_number_html = highlight.mark(
            e.doc_number, highlight.pattern([e.doc_number]) if exact_number else words
        )
        exact_index = e.index_no in query.exact.index_nos
        e.index_no_html = highlight.mark(e.index_no, highlight.pattern([e.index_no]) if exact_index else None)
    return replace(results, page=page, entries=entries)


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
