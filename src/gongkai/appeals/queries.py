"""Table 四 of the annual report from the appeal records, and the records behind each cell.

Counting rule (a setting, ``rules.DEFAULT_SCOPE``; no official rule was found, spec §7):

- ``active_in_year`` (default): every case pending at some point of the year — received (收到副本)
  on or before 31 December and not decided/withdrawn before 1 January. A case still open on
  31 December is 尚未审结 and reappears next year with its result.
- ``received_in_year``: only cases received in the year, with their result as of 31 December.

In both, each counted case falls in exactly one column (its result as of 31 December, or 尚未审结)
and 总计 is the sum of the four, so T4-SUM holds by construction. Cases in which this agency is only
the 复议机关 sued as co-defendant are left out (国办公开办函〔2016〕201号).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.agencies.batch import agency_pks, chunks
from gongkai.annual.layout import LAYOUT_2021, FormatLayout
from gongkai.annual.model import Table, cell_path
from gongkai.drilldown import Drilldown, DrillItem, cell_keys
from gongkai.i18n import join_clauses

from . import rules
from .models import Appeal
from .rules import BUCKET_LABELS, KIND_LABELS, TOTAL_COLUMN, Bucket, Kind, Scope
from .workflow import Stage


def awaiting_answer_counts(agencies) -> dict[int, int]:
    """How many cases wait for each agency's 答复/答辩 — registered, not yet answered, decided or
    withdrawn — with one GROUP BY for all of them."""
    pks = agency_pks(agencies)
    out = dict.fromkeys(pks, 0)
    for ids in chunks(pks):
        rows = (
            Appeal.objects.filter(agency_id__in=ids, stage=Stage.REGISTERED.value)
            .values_list("agency_id")
            .annotate(n=Count("pk"))
            .order_by()
        )
        out.update(dict(rows))
    return out


def scoped(agency, year: int, scope: Scope = rules.DEFAULT_SCOPE) -> QuerySet[Appeal]:
    """The cases table 四 of ``year`` counts (before the 201号 exclusion)."""
    return _in_scope(Appeal.objects.filter(agency=agency), year, scope)


def _in_scope(qs: QuerySet[Appeal], year: int, scope: Scope) -> QuerySet[Appeal]:
    start, end = date(year, 1, 1), date(year, 12, 31)
    if Scope(scope) is Scope.RECEIVED_IN_YEAR:
        return qs.filter(received_on__gte=start, received_on__lte=end)
    return qs.filter(received_on__lte=end).filter(Q(decided_on__isnull=True) | Q(decided_on__gte=start))


def _counted_only(qs: QuerySet[Appeal]) -> QuerySet[Appeal]:
    if not rules.COUNT_REVIEW_BODY_CO_DEFENDANT:
        qs = qs.filter(review_body_co_defendant=False)
    return qs


def counted(agency, year: int, scope: Scope = rules.DEFAULT_SCOPE) -> QuerySet[Appeal]:
    return _counted_only(scoped(agency, year, scope))


def bucket(stage: str, decision: str, decided_on: date | None, as_of: date) -> Bucket:
    """The column of one case on ``as_of`` (pure; the model's ``bucket_on`` says the same)."""
    return _bucket(stage, decision, decided_on is not None and decided_on <= as_of)


def _bucket(stage: str, decision: str, decided_by_then: bool) -> Bucket:
    """The column of a case whose decision date is (``decided_by_then``) or is not on or before the day."""
    if stage not in (Stage.DECIDED, Stage.WITHDRAWN) or not decided_by_then:
        return Bucket.PENDING
    if stage == Stage.WITHDRAWN:
        return rules.WITHDRAWN_BUCKET
    return rules.bucket_of(decision)


def tally(
    rows: Iterable[tuple[str, str, str, date | None]], year: int, layout: FormatLayout = LAYOUT_2021
) -> Table:
    """Table 四 from (kind, stage, decision, decided_on) of the counted cases."""
    as_of = date(year, 12, 31)
    return tally_groups(
        (
            (kind, stage, decision, decided_on is not None and decided_on <= as_of, 1)
            for kind, stage, decision, decided_on in rows
        ),
        layout,
    )


def tally_groups(
    groups: Iterable[tuple[str, str, str, bool, int]], layout: FormatLayout = LAYOUT_2021
) -> Table:
    """Table 四 from counted groups ``(kind, stage, decision, decided by 31 December, count)`` of
    the counted cases (``tally`` is this over groups of one; the database forms the groups)."""
    if layout.review_litigation is None:
        raise ValueError(f"format {layout.version} has no table 四")
    counts = {(k.value, b.value): 0 for k in Kind for b in Bucket}
    for kind, stage, decision, decided, n in groups:
        counts[(kind, _bucket(stage, decision, bool(decided)).value)] += n
    values = {}
    for kind in Kind:
        for b in Bucket:
            values[(kind.value, b.value)] = counts[(kind.value, b.value)]
        values[(kind.value, TOTAL_COLUMN)] = sum(counts[(kind.value, b.value)] for b in Bucket)
    table = Table(layout.review_litigation)
    table.update(values)
    return table


def table_four(
    agency, year: int, scope: Scope = rules.DEFAULT_SCOPE, layout: FormatLayout = LAYOUT_2021
) -> Table:
    """Table 四 (grid ``review_litigation``) of ``agency``'s report for ``year``."""
    return table_four_by_agency([agency], year, scope, layout)[agency.pk]


def table_four_by_agency(
    agencies, year: int, scope: Scope = rules.DEFAULT_SCOPE, layout: FormatLayout = LAYOUT_2021
) -> dict[int, Table]:
    """Table 四 of each of ``agencies`` (instances, a queryset or pks) for ``year``, keyed by agency
    pk: the counted cases grouped by agency, kind, stage, decision and whether decided by 31
    December in one query (per chunk of agencies); an agency without cases gets a table of zeros."""
    if layout.review_litigation is None:
        raise ValueError(f"format {layout.version} has no table 四")
    end = date(year, 12, 31)
    pks = agency_pks(agencies)
    groups: dict[int, list] = {pk: [] for pk in pks}
    for ids in chunks(pks):
        rows = (
            _counted_only(_in_scope(Appeal.objects.filter(agency_id__in=ids), year, scope))
            .annotate(
                decided=Case(
                    When(decided_on__lte=end, then=Value(1)), default=Value(0), output_field=IntegerField()
                )
            )
            .order_by()
            .values_list("agency_id", "kind", "stage", "decision", "decided")
            .annotate(n=Count("*"))
        )
        for agency_id, kind, stage, decision, decided, n in rows:
            groups[agency_id].append((kind, stage, decision, decided, n))
    return {pk: tally_groups(groups[pk], layout) for pk in pks}


SCOPE_RULES = {
    Scope.ACTIVE_IN_YEAR: gettext_lazy("{y}年12月31日前收到、且未在{y}年1月1日前审结的案件（含上年结转）"),
    Scope.RECEIVED_IN_YEAR: gettext_lazy("{y}年内收到的案件"),
}


def drilldown(
    agency, year: int, cell, scope: Scope = rules.DEFAULT_SCOPE, layout: FormatLayout = LAYOUT_2021
) -> Drilldown:
    """The cases behind one cell of table 四. ``cell``: ``(row, column)`` or a path such as
    ``"review_litigation.reconsideration.upheld"``."""
    row, column = cell_keys(cell, "review_litigation", 2)
    grid = layout.review_litigation
    grid.row(row), grid.column(column)  # KeyError for a cell the table does not have
    as_of = date(year, 12, 31)
    cases = [a for a in counted(agency, year, scope).filter(kind=row).order_by("received_on", "id")]
    if column != TOTAL_COLUMN:
        cases = [a for a in cases if a.bucket_on(as_of).value == column]
    words = {"scope": SCOPE_RULES[Scope(scope)].format(y=year), "kind": KIND_LABELS[Kind(row)], "year": year}
    if column == TOTAL_COLUMN:
        rule = _("%(scope)s中，%(kind)s全部案件") % words
    else:
        words["what"] = BUCKET_LABELS[Bucket(column)]
        rule = _("%(scope)s中，%(kind)s截至%(year)s年12月31日结果为“%(what)s”的案件") % words
    notes = []
    excluded = scoped(agency, year, scope).filter(kind=row, review_body_co_defendant=True).count()
    if excluded and not rules.COUNT_REVIEW_BODY_CO_DEFENDANT:
        notes.append(
            _(
                "另有%(n)s件本机关作为复议机关与原行为机关共同被告的案件，依国办公开办函〔2016〕201号不计入本机关。"
            )
            % {"n": excluded}
        )
    items = [
        DrillItem(
            label=_("%(number)s（%(kind)s）") % {"number": a.case_number, "kind": a.kind_label},
            date=a.received_on,
            detail=join_clauses(x for x in (a.body, a.stage_label, a.decision_label) if x)
            + (_("（%(date)s）") % {"date": a.decided_on.isoformat()} if a.decided_on else ""),
            url=reverse("appeals:detail", kwargs={"agency_code": agency.code, "pk": a.pk}),
        )
        for a in cases
    ]
    return Drilldown(
        path=cell_path(grid, row, column),
        title=f"{grid.row(row).text} · {grid.column(column).label}",
        value=len(items),
        rule=rule,
        source="records",
        items=items,
        notes=notes,
    )
