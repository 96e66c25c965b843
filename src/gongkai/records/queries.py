"""Table 二 of the annual report (第二十条第（一）（五）（六）（八）项) and the records behind each cell.

- 第（五）（六）项 本年处理决定数量: for each kind, the agency's ``YearlyTotal`` for the year when
  one exists (it replaces the records, it is not added to them); otherwise the number of decisions
  entered here whose 决定日期 falls in the year.
- 第（八）项 本年收费金额: the sum of the year's ``FeeCollection`` amounts, in 万元, exact.
- 第（一）项: ``gongkai.catalogue.queries.article20_item1_counts`` (the catalogue's rule).
Every cell is filled (0 when there is nothing), so the four tables are complete.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db.models import Count, Sum
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.agencies.batch import agency_pks, chunks
from gongkai.annual.layout import LAYOUT_2021, FormatLayout
from gongkai.annual.model import Table, cell_path
from gongkai.drilldown import Drilldown, DrillItem, cell_keys

from .models import Decision, FeeCollection, YearlyTotal
from .rules import ART20_1_GRID, FEE_COLUMN, FEE_GRID, FEE_ROW, KINDS, Kind, yuan_to_wan

GRIDS = ("art20_1", "art20_5", "art20_6", "art20_8")


def _year_range(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def decision_counts(agency, year: int) -> dict[Kind, tuple[int, str]]:
    """(count, source) per kind: source is "yearly_total" or "records"."""
    return decision_counts_by_agency([agency], year)[agency.pk]


def decision_counts_by_agency(agencies, year: int) -> dict[int, dict[Kind, tuple[int, str]]]:
    """``decision_counts`` of each of ``agencies`` (instances, a queryset or pks), keyed by agency
    pk: two queries (decisions grouped by agency and kind; the yearly totals) per chunk."""
    start, end = _year_range(year)
    pks = agency_pks(agencies)
    counted: dict[int, dict[str, int]] = {pk: {} for pk in pks}
    totals: dict[int, dict[str, int]] = {pk: {} for pk in pks}
    for ids in chunks(pks):
        rows = (
            Decision.objects.filter(agency_id__in=ids, decided_on__gte=start, decided_on__lte=end)
            .order_by()
            .values_list("agency_id", "kind")
            .annotate(n=Count("id"))
            .values_list("agency_id", "kind", "n")
        )
        for agency_id, kind, n in rows:
            counted[agency_id][kind] = n
        rows = YearlyTotal.objects.filter(agency_id__in=ids, year=year).order_by()
        for agency_id, kind, count in rows.values_list("agency_id", "kind", "count"):
            totals[agency_id][kind] = count
    out = {}
    for pk in pks:
        mine, entered = totals[pk], counted[pk]
        out[pk] = {
            kind: (mine[kind.value], "yearly_total")
            if kind.value in mine
            else (entered.get(kind.value, 0), "records")
            for kind in Kind
        }
    return out


def fee_total_yuan(agency, year: int) -> Decimal:
    return fee_total_yuan_by_agency([agency], year)[agency.pk]


def fee_total_yuan_by_agency(agencies, year: int) -> dict[int, Decimal]:
    """The year's ``FeeCollection`` sum of each of ``agencies`` in 元 (0.00 when none), by agency pk."""
    pks = agency_pks(agencies)
    sums: dict[int, object] = {}
    for ids in chunks(pks):
        rows = (
            FeeCollection.objects.filter(agency_id__in=ids, year=year)
            .order_by()
            .values_list("agency_id")
            .annotate(s=Sum("amount_yuan"))
            .values_list("agency_id", "s")
        )
        sums.update(rows)
    return {pk: Decimal(sums.get(pk) or 0).quantize(Decimal("0.01")) for pk in pks}


def table_two(agency, year: int, layout: FormatLayout = LAYOUT_2021) -> dict[str, Table]:
    """The four sub-tables of table 二 for ``agency`` and ``year``, keyed by grid.

    Built for the 2021 format; with an older layout only the cells that format shares with 2021
    are filled (the 2019 columns such as 上一年项目数量 have no source here and stay blank)."""
    return table_two_by_agency([agency], year, layout)[agency.pk]


def table_two_by_agency(
    agencies, year: int, layout: FormatLayout = LAYOUT_2021
) -> dict[int, dict[str, Table]]:
    """``table_two`` of each of ``agencies`` (instances, a queryset or pks), keyed by agency pk:
    four grouped queries for all of them (catalogue, decisions, yearly totals, fees)."""
    from gongkai.catalogue.queries import article20_item1_counts_by_agency

    pks = agency_pks(agencies)
    grids = [layout.grid(key) for key in GRIDS if any(g.key == key for g in layout.active)]
    cells = {grid.key: set(grid.cells()) for grid in grids}
    catalogue = article20_item1_counts_by_agency(pks, year)
    decisions = decision_counts_by_agency(pks, year)
    fees = fee_total_yuan_by_agency(pks, year)

    out = {}
    for pk in pks:
        values: dict[str, dict] = {grid.key: {} for grid in grids}

        def put(grid: str, row: str, column: str, value, values=values) -> None:
            if (row, column) in cells.get(grid, ()):
                values[grid][(row, column)] = value

        for row, counts in catalogue[pk].items():
            for column, value in counts.items():
                put(ART20_1_GRID, row, column, value)
        for kind, (count, _source) in decisions[pk].items():
            info = KINDS[kind]
            put(info.grid, kind.value, info.column, count)
        put(FEE_GRID, FEE_ROW, FEE_COLUMN, yuan_to_wan(fees[pk]))
        tables = {}
        for grid in grids:
            table = Table(grid)
            table.update(values[grid.key])
            tables[grid.key] = table
        out[pk] = tables
    return out


# ---------------------------------------------------------------- drill-down


def drilldown(agency, year: int, cell, layout: FormatLayout = LAYOUT_2021) -> Drilldown:
    """The records behind one cell of table 二. ``cell``: ``(grid, row, column)`` or a path such as
    ``"active.art20_5.admin_licensing.decisions"``."""
    grid_key, row, column = cell_keys(cell, "active", 3)
    grid = layout.grid(grid_key)
    grid.row(row), grid.column(column)  # KeyError for a cell the table does not have
    path = cell_path(grid, row, column)
    title = f"{grid.title} · {grid.row(row).text} · {grid.column(column).label}"
    if grid_key == ART20_1_GRID:
        return _drill_catalogue(agency, year, row, column, path, title)
    if grid_key == FEE_GRID:
        return _drill_fees(agency, year, path, title)
    return _drill_decisions(agency, year, Kind(row), path, title)


def _drill_decisions(agency, year: int, kind: Kind, path: str, title: str) -> Drilldown:
    label = KINDS[kind].label
    total = YearlyTotal.objects.filter(agency=agency, year=year, kind=kind.value).first()
    start, end = _year_range(year)
    decisions = Decision.objects.filter(
        agency=agency, kind=kind.value, decided_on__gte=start, decided_on__lte=end
    )
    entered = decisions.count()
    if total is not None:
        words = {"year": year, "kind": label, "n": entered}
        notes = (
            [_("本机构另录入了%(year)s年%(kind)s决定%(n)s件，未计入（以年度数量为准）。") % words]
            if entered
            else []
        )
        return Drilldown(
            path=path,
            title=title,
            value=total.count,
            rule=_("采用本机构填报的%(year)s年%(kind)s年度处理决定数量（%(source)s），不逐件统计。")
            % {**words, "source": total.source or _("未注明来源")},
            source="yearly_total",
            items=[
                DrillItem(
                    label=_("%(year)s年%(kind)s%(n)s件") % {**words, "n": total.count},
                    date=None,
                    detail=total.source,
                    url=reverse("records:totals", kwargs={"agency_code": agency.code}) + f"?year={year}",
                )
            ],
            notes=notes,
        )
    items = [
        DrillItem(
            label=d.number,
            date=d.decided_on,
            detail="；".join(x for x in (d.subject, d.summary) if x),
            url=reverse("records:decision_detail", kwargs={"agency_code": agency.code, "pk": d.pk}),
        )
        for d in decisions.order_by("decided_on", "id")
    ]
    return Drilldown(
        path=path,
        title=title,
        value=len(items),
        rule=_("逐件统计：决定日期在%(year)s年内的%(kind)s决定。") % {"year": year, "kind": label},
        source="records",
        items=items,
    )


def _drill_fees(agency, year: int, path: str, title: str) -> Drilldown:
    fees = list(FeeCollection.objects.filter(agency=agency, year=year).order_by("item", "id"))
    total = fee_total_yuan(agency, year)
    items = [
        DrillItem(
            label=f.item,
            date=None,
            detail=_("%(yuan)s 元（%(wan)s 万元）") % {"yuan": f.amount_yuan, "wan": f.amount_wan}
            + (_("；依据：%(basis)s") % {"basis": f.basis} if f.basis else ""),
            url=reverse("records:fee_edit", kwargs={"agency_code": agency.code, "pk": f.pk}),
        )
        for f in fees
    ]
    return Drilldown(
        path=path,
        title=title,
        value=yuan_to_wan(total),
        rule=_("%(year)s年各收费项目金额之和：%(yuan)s 元，即 %(wan)s 万元（1万元 = 10000元，不四舍五入）。")
        % {"year": year, "yuan": total, "wan": yuan_to_wan(total)},
        source="fees",
        items=items,
    )


def _drill_catalogue(agency, year: int, row: str, column: str, path: str, title: str) -> Drilldown:
    from gongkai.catalogue import queries as catalogue

    value = catalogue.article20_item1_counts(agency, year)[row][column]
    entries = catalogue_entries(agency, year, row, column)
    items = [
        DrillItem(
            label=e.title,
            date=e.created_date,
            detail=" ".join(x for x in (e.doc_number, e.index_no) if x),
            url=reverse("catalogue:entry_detail", kwargs={"agency_code": agency.code, "pk": e.pk}),
        )
        for e in entries
    ]
    return Drilldown(
        path=path,
        title=title,
        value=value,
        rule=ART20_1_RULES[column].format(y=year, what=layout_row_text(row))
        + _("数据来自政府信息公开目录。"),
        source="catalogue",
        items=items,
    )


# {what} is the row's own text in the report format (gongkai.annual), which stays as printed.
ART20_1_RULES = {
    "made": gettext_lazy("生成日期在{y}年内、已在目录公开的{what}。"),
    "repealed": gettext_lazy("标注为废止、废止日期在{y}年内的{what}。"),
    "valid": gettext_lazy("截至{y}年12月31日已生成且未失效、未废止的{what}。"),
}


def layout_row_text(row: str) -> str:
    return LAYOUT_2021.grid(ART20_1_GRID).row(row).text


def catalogue_entries(agency, year: int, row: str, column: str):
    """The catalogue entries behind an art20_1 cell (the catalogue's rule, as it counts them)."""
    from gongkai.catalogue.queries import article20_item1_entries

    return list(article20_item1_entries(agency, year, row, column))
