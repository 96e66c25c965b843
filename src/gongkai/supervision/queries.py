"""What the 主管部门 reads about the agencies under it, for one report year: each report's state and
checks, the applications overdue now, key figures against last year, the region's summed tables,
the inputs missing from that sum, and whether a parent's filed figures add up to its children's.

Everything is read in batches (a fixed number of queries for 50 or 500 agencies): the tables from
``reports.queries.summarise`` (the 汇总's one summing routine), the states and versions in one
query each, the overdue counts from the applications' desk query, the on-time replies from the
applications' own table-三 selection with the statutory clock replayed in Python.

Rates are computed from summed counts, never averaged (spec supervision-and-privacy §1.7):
  公开率  = (予以公开 + 部分公开) / 办理结果总计 (table 三, column 总计)
  按期答复率 = answered on or before the clock's reply deadline / concluded applications the clock
            can judge (those stopped for 补正 and never resumed have no deadline and are left out)
  纠错率 (SUP-RC-RATE) = 行政复议 结果纠正 / (总计 − 尚未审结) (table 四)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from datetime import date
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.agencies.batch import agency_pks, chunks
from gongkai.annual.errors import ReportError
from gongkai.annual.layout import layout_for_year
from gongkai.annual.sum import sum_reports
from gongkai.applications.clock import ClockError, compute_clock
from gongkai.applications.models import ApplicationSettings
from gongkai.applications.queries import _done, _in_year, desk_counts, rules_for
from gongkai.applications.rules import DEFAULT_DEADLINES
from gongkai.reports.build import compute_tables_by_agency
from gongkai.reports.checks import check_options, deadline_for
from gongkai.reports.models import AnnualReport, ImportedBaseline
from gongkai.reports.queries import current_reports, finding_counts, latest_versions, summarise
from gongkai.workdays import CalendarMissing
from gongkai.workdays.services import db_calendar

# ---------------------------------------------------------------- states

NOT_STARTED, DRAFT, IN_REVIEW, PUBLISHED, LATE = "not_started", "draft", "in_review", "published", "late"
STATE_LABELS = {
    NOT_STARTED: gettext_lazy("未开始"),
    DRAFT: gettext_lazy("草稿"),
    IN_REVIEW: gettext_lazy("审核中"),
    PUBLISHED: gettext_lazy("已发布"),
    LATE: gettext_lazy("逾期"),
}
# in the order a supervisor chases them: late first, published last
STATE_ORDER = {LATE: 0, NOT_STARTED: 1, DRAFT: 2, IN_REVIEW: 3, PUBLISHED: 4}


def state_of(report: AnnualReport | None, first_published: date | None, deadline: date, today: date) -> str:
    """逾期 when past the deadline and never published; 已发布 once a version exists (a report being
    corrected stays published: the public has it)."""
    if first_published is not None:
        return PUBLISHED
    if today > deadline:
        return LATE
    if report is None:
        return NOT_STARTED
    return IN_REVIEW if report.status == "in_review" else DRAFT


# ---------------------------------------------------------------- figures


@dataclass
class Figures:
    """The counts behind one agency's (or a region's) key figures; rates are derived."""

    new: int = 0  # 三 一、本年新收 总计
    disclosed: int = 0  # 三 （一）予以公开 + （二）部分公开
    concluded: int = 0  # 三 （七）总计
    on_time: int = 0  # concluded and answered by the clock's deadline
    timed: int = 0  # concluded that the clock can judge
    reconsideration: int = 0  # 四 行政复议 总计
    litigation: int = 0  # 四 行政诉讼 (未经复议 + 复议后) 总计
    rc_corrected: int = 0  # 四 行政复议 结果纠正
    rc_closed: int = 0  # 四 行政复议 总计 − 尚未审结

    def __add__(self, other: Figures) -> Figures:
        return Figures(**{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)})

    @property
    def disclosure_rate(self) -> float | None:
        return _rate(self.disclosed, self.concluded)

    @property
    def on_time_rate(self) -> float | None:
        return _rate(self.on_time, self.timed)

    @property
    def correction_rate(self) -> float | None:
        return _rate(self.rc_corrected, self.rc_closed)

    def reason(self, key: str) -> str:
        """Why a rate is shown as —."""
        if key == "disclosure_rate" and not self.concluded:
            return _("本年度没有办结的申请")
        if key == "on_time_rate" and not self.timed:
            if self.concluded:
                return _("办结的申请均无法判断答复期限（如补正后未再计时）")
            return _("本年度没有办结的申请")
        if key == "correction_rate" and not self.rc_closed:
            return _("本年度没有审结的行政复议案件")
        return ""


def _rate(part: int, whole: int) -> float | None:
    return None if not whole else part / whole


def _int(value) -> int:
    return int(value or 0)


def figures_of(tables, on_time: tuple[int, int] = (0, 0)) -> Figures:
    t3, t4 = tables["applications"], tables["review_litigation"]
    rc_total = _int(t4.get("reconsideration", "total"))
    return Figures(
        new=_int(t3.get("new_received", "total")),
        disclosed=_int(t3.get("r_open", "total")) + _int(t3.get("r_partial", "total")),
        concluded=_int(t3.get("r_total", "total")),
        on_time=on_time[0],
        timed=on_time[1],
        reconsideration=rc_total,
        litigation=_int(t4.get("litigation_direct", "total"))
        + _int(t4.get("litigation_after_reconsideration", "total")),
        rc_corrected=_int(t4.get("reconsideration", "corrected")),
        rc_closed=rc_total - _int(t4.get("reconsideration", "pending")),
    )


def on_time_counts(agencies, year: int) -> dict[int, tuple[int, int]]:
    """(answered on time, concluded the clock can judge) per agency, for the applications table 三
    counts as concluded in ``year``: two queries per chunk (the applications with their clock
    entries) plus the agencies' settings; the clock itself is replayed in Python."""
    pks = agency_pks(agencies)
    out = dict.fromkeys(pks, (0, 0))
    try:
        calendar = db_calendar()
    except CalendarMissing:
        return out
    for ids in chunks(pks):
        rules = {
            s.agency_id: rules_for(None, s) for s in ApplicationSettings.objects.filter(agency_id__in=ids)
        }
        apps = _in_year(year).filter(_done(year), agency_id__in=ids).prefetch_related("clock_entries")
        counts = {pk: [0, 0] for pk in ids}
        for app in apps.only("pk", "agency_id", "received_on", "finished_on"):
            events = [e.to_event() for e in app.clock_entries.all()]
            try:
                due = compute_clock(
                    app.received_on, events, None, calendar, rules.get(app.agency_id, DEFAULT_DEADLINES)
                ).reply_due
            except (ClockError, CalendarMissing):
                continue
            if due is None:
                continue
            counts[app.agency_id][1] += 1
            counts[app.agency_id][0] += app.finished_on <= due
        out.update({pk: (c[0], c[1]) for pk, c in counts.items()})
    return out


# ---------------------------------------------------------------- the workplace


@dataclass
class Row:
    agency: object
    state: str
    report: AnnualReport | None
    deadline: date
    first_published: date | None
    errors: int | None  # None: no report to check
    warnings: int | None
    overdue: int  # applications past their deadline now
    now: Figures
    before: Figures
    quality: int | None = None  # quality warnings (XY-JUMP, DUP-TEXT, TBL-ZERO, PEER-RANGE); None: no report

    @property
    def state_label(self) -> str:
        return str(STATE_LABELS[self.state]) if self.state else ""  # a total row has none

    @property
    def published_late(self) -> bool:
        return self.first_published is not None and self.first_published > self.deadline

    @property
    def status_note(self) -> str:
        """What the state leaves out: returned, in review while late, being corrected."""
        if not self.state:
            return ""
        if self.report is None:
            return _("尚未开始编制") if self.state == LATE else ""
        if self.state == LATE:
            return str(STATE_LABELS[IN_REVIEW if self.report.status == "in_review" else DRAFT])
        if self.report.status == "returned":
            return _("已退回")
        if self.state == PUBLISHED and self.report.status != "published":
            return _("更正中")
        return ""


@dataclass
class Workplace:
    year: int
    root: object
    rows: list[Row]
    today: date
    error: str = ""
    summary: object = None  # reports.queries.Summary of the same agencies
    quality: object = None  # supervision.quality.Quality of the same reports

    @property
    def total(self) -> Figures:
        return sum((r.now for r in self.rows), Figures())

    @property
    def total_before(self) -> Figures:
        return sum((r.before for r in self.rows), Figures())

    def state_counts(self) -> dict[str, int]:
        counts = dict.fromkeys(STATE_LABELS, 0)
        for r in self.rows:
            counts[r.state] += 1
        return counts


def total_row(place: Workplace, rows: Sequence[Row]) -> Row:
    """The 合计 of ``rows``: counts added up (its rates come from the sums)."""
    return Row(
        place.root,
        "",
        None,
        place.today,
        None,
        None,
        None,
        sum(r.overdue for r in rows),
        sum((r.now for r in rows), Figures()),
        sum((r.before for r in rows), Figures()),
    )


def region_agencies(user, root) -> list:
    """The agencies under ``root`` (itself included) that ``user`` may see, in the tree's order."""
    from gongkai.agencies.access import agencies_for

    ids = root.descendant_ids()
    return list(agencies_for(user).filter(pk__in=ids).order_by("sort_order", "code"))


def workplace(user, root, year: int, today: date | None = None, *, detail: bool = False) -> Workplace:
    """``detail``: with what the 质量 page shows beside the counts (``quality.quality``)."""
    from .quality import quality

    today = today or timezone.localdate()
    agencies = region_agencies(user, root)
    summary = summarise(user, year, agencies)
    place = Workplace(year, root, [], today, summary.error, summary)
    if summary.error or not agencies:
        return place
    reports = {r.agency_id: r for r in AnnualReport.objects.filter(agency__in=agencies, year=year)}
    for r in reports.values():  # the agencies are in hand: no query per report for its agency
        r.agency = next(a for a in agencies if a.pk == r.agency_id)
    first = first_publications(agencies, year)
    options = check_options(today)
    current = current_reports(reports.values(), year, summary.tables)
    previous = filed_reports(agencies, year - 1)
    previous_tables = past_tables(agencies, year - 1, previous)
    counts = finding_counts(reports.values(), year, summary.tables, today, reports=current, previous=previous)
    place.quality = quality(agencies, current, previous, options, detail=detail)
    overdue = desk_counts(agencies, today, today)
    on_time, on_time_before = on_time_counts(agencies, year), on_time_counts(agencies, year - 1)
    has_before = layout_for_year(year - 1).applications is not None
    for agency in agencies:
        report = reports.get(agency.pk)
        deadline = deadline_for(agency, year, options)
        published = first.get(agency.pk)
        found = counts.get(agency.pk)
        place.rows.append(
            Row(
                agency,
                state_of(report, published, deadline, today),
                report,
                deadline,
                published,
                found.errors if found else None,
                found.warnings if found else None,
                overdue[agency.pk]["overdue"],
                figures_of(summary.tables[agency.pk], on_time[agency.pk]),
                figures_of(previous_tables[agency.pk], on_time_before[agency.pk])
                if has_before
                else Figures(),
                place.quality.count(agency.pk),
            )
        )
    return place


def first_publications(agencies, year: int) -> dict[int, date]:
    """The day each agency's ``year`` report was first published (one query per chunk)."""
    from django.db.models import Min

    out = {}
    for ids in chunks(agency_pks(agencies)):
        rows = (
            AnnualReport.objects.filter(agency_id__in=ids, year=year, versions__isnull=False)
            .values("agency_id")
            .annotate(first=Min("versions__published_at"))
            .order_by()
        )
        out.update({row["agency_id"]: timezone.localdate(row["first"]) for row in rows})
    return out


# ---------------------------------------------------------------- sorting and filtering

SORT_KEYS = {
    "name": lambda r: (r.agency.sort_order, r.agency.code),
    "state": lambda r: STATE_ORDER[r.state],
    "errors": lambda r: -1 if r.errors is None else r.errors,
    "warnings": lambda r: -1 if r.warnings is None else r.warnings,
    "quality": lambda r: -1 if r.quality is None else r.quality,
    "overdue": lambda r: r.overdue,
    "new": lambda r: r.now.new,
    "new_change": lambda r: r.now.new - r.before.new,
    "disclosure": lambda r: _sortable(r.now.disclosure_rate),
    "ontime": lambda r: _sortable(r.now.on_time_rate),
    "reconsideration": lambda r: r.now.reconsideration,
    "litigation": lambda r: r.now.litigation,
    "correction": lambda r: _sortable(r.now.correction_rate),
}


def _sortable(rate: float | None) -> float:
    return -1.0 if rate is None else rate  # a rate that cannot be computed sorts below 0 %


@dataclass
class Filters:
    state: str = ""
    errors: bool = False  # only reports whose checks find errors
    quality: bool = False  # only reports with quality warnings
    kind: str = ""
    level: str = ""
    q: str = ""
    sort: str = "name"
    descending: bool = False

    @classmethod
    def from_query(cls, params) -> Filters:
        sort = params.get("sort", "name")
        descending = sort.startswith("-")
        sort = sort.lstrip("-")
        return cls(
            state=params.get("state", "") if params.get("state", "") in STATE_LABELS else "",
            errors=params.get("errors") == "1",
            quality=params.get("quality") == "1",
            kind=params.get("kind", ""),
            level=params.get("level", ""),
            q=params.get("q", "").strip()[:50],
            sort=sort if sort in SORT_KEYS else "name",
            descending=descending and sort in SORT_KEYS,
        )

    def apply(self, rows: Sequence[Row]) -> list[Row]:
        out = [
            r
            for r in rows
            if (not self.state or r.state == self.state)
            and (not self.errors or (r.errors or 0) > 0)
            and (not self.quality or (r.quality or 0) > 0)
            and (not self.kind or r.agency.kind == self.kind)
            and (not self.level or r.agency.level == self.level)
            and (not self.q or self.q in r.agency.name or self.q in r.agency.short_name)
        ]
        # stable sort: ties keep the tree's order
        out.sort(key=SORT_KEYS["name"])
        out.sort(key=SORT_KEYS[self.sort], reverse=self.descending)
        return out

    @property
    def active(self) -> bool:
        return bool(self.state or self.errors or self.quality or self.kind or self.level or self.q)


# ---------------------------------------------------------------- the region's own tables


@dataclass(frozen=True)
class Problem:
    agency: object
    kind: str  # missing | blank | errors
    why: str


@dataclass(frozen=True)
class CellDifference:
    label: str  # 表三 一、本年新收政府信息公开申请数量 · 总计
    parent: object
    children: object


@dataclass
class ParentCheck:
    parent: object
    children: list
    differences: list[CellDifference] = field(default_factory=list)
    error: str = ""


def problems(place: Workplace) -> list[Problem]:
    """The inputs of the region's sum that a supervisor must chase (下级缺报 and the like), each named
    with why: no report for the year, a draft whose tables hold nothing at all (no records on the
    platform: its figures are probably not entered), a report whose checks find errors."""
    out = []
    for r in place.rows:
        if r.report is None:
            out.append(Problem(r.agency, "missing", _("未报送：本年度报告尚未开始编制")))
            continue
        if r.state != PUBLISHED and _blank(place.summary.tables[r.agency.pk].values()):
            out.append(
                Problem(
                    r.agency, "blank", _("表格为空：本平台没有该机构本年度的任何记录，其数据可能尚未录入")
                )
            )
        if r.errors:
            out.append(
                Problem(
                    r.agency, "errors", _("报告有 %(n)d 项错误（见该机构的报告工作台）") % {"n": r.errors}
                )
            )
    return out


def _blank(tables) -> bool:
    """Whether none of ``tables`` counts anything."""
    return not any(value for table in tables for _r, _c, value in table.items())


def filed_reports(agencies, year: int) -> dict[int, object]:
    """Each agency's filed report of ``year`` as a ``gongkai.annual`` Report: its latest published
    version, else a report imported from a file (``ImportedBaseline``); absent when neither."""
    out = {
        b.agency_id: b.to_report() for b in ImportedBaseline.objects.filter(agency__in=agencies, year=year)
    }
    out.update({pk: v.to_report() for pk, v in latest_versions(agencies, year).items()})
    return out


TABLE_NAMES = {"applications": "表三 ", "review_litigation": "表四 "}


def parent_checks(agencies, year: int) -> list[ParentCheck]:
    """For every agency whose filed report and whose direct children's filed reports exist: the
    cells of tables 二、三、四 where the parent's figure differs from the sum of its children's
    (``gongkai.annual.sum``), a parent value against the children's sum. Children are the agency's
    direct children in the tree that have a filed report for the year; grandchildren are counted
    through their own parent's check."""
    agencies = list(agencies)
    filed = filed_reports(agencies, year)
    layout = layout_for_year(year)
    out = []
    for parent in agencies:
        if parent.pk not in filed:
            continue
        children = [a for a in agencies if a.parent_id == parent.pk and a.pk in filed]
        if not children:
            continue
        check = ParentCheck(parent, children)
        out.append(check)
        try:
            total = sum_reports([filed[c.pk] for c in children], f"{parent.name}下级合计", check=False)
        except ReportError as exc:
            check.error = str(exc)
            continue
        mine = filed[parent.pk]
        if mine.format != total.format:
            check.error = _("格式不同，不能比较")
            continue
        for grid in layout.grids:
            ours, theirs = mine.tables[grid.key], total.tables[grid.key]
            for row in grid.rows:
                for column in grid.columns:
                    a, b = ours.get(row.key, column.key), theirs.get(row.key, column.key)
                    if a is None or b is None or Decimal(str(a)) == Decimal(str(b)):
                        continue
                    label = f"{TABLE_NAMES.get(grid.key, '表二 ')}{grid.title} · {row.label} · {column.label}"
                    check.differences.append(CellDifference(label, a, b))
    return out


# ---------------------------------------------------------------- charts' data


def past_tables(agencies, year: int, filed: dict[int, object]) -> dict[int, dict]:
    """Tables 二、三、四 of a past ``year`` per agency as the public read them: those of its filed
    report (``filed``: ``filed_reports`` of that year) where it has one with tables 三 and 四, else
    worked out from the records of that year."""
    out = compute_tables_by_agency(agencies, year, layout_for_year(year))
    for pk, report in filed.items():
        if pk in out and {"applications", "review_litigation"} <= report.tables.keys():
            out[pk] = report.tables
    return out


def applications_by_year(agencies, year: int, years: int = 5) -> list[tuple[int, int | None]]:
    """New applications (table 三 一、总计) of the region for the ``years`` years up to ``year``:
    ``year`` itself from the records, as the workplace's table; a past year from the filed reports
    where there are some (``past_tables``). None for a year before the 2019 format, which had no
    such table, and for a past year with neither a filed report nor any application recorded
    (before the platform was used for applications: "no data", not 0; a catalogue may well hold
    documents of earlier years)."""
    out: list[tuple[int, int | None]] = []
    for y in range(year - years + 1, year + 1):
        layout = layout_for_year(y)
        if layout.applications is None:
            out.append((y, None))
            continue
        if y == year:
            tables = compute_tables_by_agency(agencies, y, layout)
        else:
            filed = filed_reports(agencies, y)
            tables = past_tables(agencies, y, filed)
            if not filed and all(_blank([t["applications"]]) for t in tables.values()):
                out.append((y, None))
                continue
        out.append((y, sum(figures_of(t).new for t in tables.values())))
    return out


def outcome_groups(tables) -> list[tuple[str, int]]:
    """Table 三's outcome groups (（一）予以公开 … （六）其他处理) summed in column 总计."""
    t3 = tables["applications"]
    groups: dict[str, int] = {}
    for row in t3.grid.rows:
        if row.block is None or row.key == "r_total" or not row.key.startswith("r_"):
            continue
        label = row.group or f"{row.ordinal}{row.text.split('（')[0]}"
        groups[label] = groups.get(label, 0) + _int(t3.get(row.key, "total"))
    return list(groups.items())
