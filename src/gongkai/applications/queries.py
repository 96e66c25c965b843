"""Read-side queries: one application (the applicant's look-up, its statutory clock, the fee
count), a staff member's unread reminders, table 三 from the records and the applications behind
each of its cells. Nothing here writes; the steps that do are in ``services``."""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
from datetime import date

from django.db.models import Case, CharField, Count, F, IntegerField, Q, QuerySet, Value, When
from django.urls import reverse
from django.utils.translation import gettext as _

from gongkai.agencies.batch import agency_pks, chunks
from gongkai.annual.checks import Finding, Severity, run_checks
from gongkai.annual.layout import LAYOUT_2021, T3_BLOCK, FormatLayout, outcome_rows
from gongkai.annual.model import Report, Table, cell_path
from gongkai.drilldown import Drilldown, DrillItem, cell_keys
from gongkai.fieldcrypt import blind_indexes
from gongkai.workdays import CalendarMissing, WorkCalendar
from gongkai.workdays.services import db_calendar

from .clock import ClockState, compute_clock
from .models import OPEN_STATES, Application, ApplicationSettings, Reminder
from .numbering import settings_for
from .rules import DEFAULT_DEADLINES, OUTCOMES, Deadlines, ReplyType
from .tally import tally_groups
from .workflow import State

# ---------------------------------------------------------------- one application


def rules_for(agency, agency_settings: ApplicationSettings | None = None) -> Deadlines:
    """The statutory periods with the agency's own payment period."""
    s = agency_settings or settings_for(agency)
    return dataclasses.replace(DEFAULT_DEADLINES, payment=s.payment_days)


def hash_query_code(tracking_no: str, code: str) -> str:
    """What is stored of a query code: salted by the tracking number, read-out variants folded."""
    normalised = code.strip().upper().replace("-", "").replace(" ", "")
    return hashlib.sha256(f"{tracking_no}:{normalised}".encode()).hexdigest()


def find_for_applicant(tracking_no: str, code: str) -> Application | None:
    """The application for a tracking number and query code, or None (the two cases look alike)."""
    app = Application.objects.select_related("agency").filter(tracking_no=tracking_no.strip()).first()
    expected = app.query_code_hash if app else hash_query_code("x", "y")
    given = hash_query_code(tracking_no.strip(), code or "")
    if app is None or not hmac.compare_digest(expected, given):
        return None
    return app


def clock_of(
    app: Application, today: date | None = None, calendar: WorkCalendar | None = None
) -> ClockState | None:
    """The statutory clock (None before receipt is confirmed). Raises CalendarMissing / ClockError."""
    if app.received_on is None:
        return None
    events = [e.to_event() for e in app.clock_entries.all()] if app.pk else []
    return compute_clock(app.received_on, events, today, calendar or db_calendar(), rules_for(app.agency))


def earlier_items_this_month(app: Application) -> int:
    """The same applicant's earlier applications to this agency in the natural month (109号 第四条)."""
    if app.received_on is None:
        return 0
    month = app.received_on.replace(day=1)
    return (
        Application.objects.filter(
            agency=app.agency,
            id_type=app.id_type,
            id_number_hash__in=blind_indexes(app.id_number),
            received_on__gte=month,
            received_on__lte=app.received_on,
        )
        .exclude(state=State.MERGED)
        .filter(received_on__lt=app.received_on)
        .count()
        + Application.objects.filter(
            agency=app.agency,
            id_type=app.id_type,
            id_number_hash__in=blind_indexes(app.id_number),
            received_on=app.received_on,
            pk__lt=app.pk,
        )
        .exclude(state=State.MERGED)
        .count()
    )


def reply_types_for(outcome: str) -> tuple[ReplyType, ...]:
    """The reply types (答复书 bases) an outcome admits; none for an unknown outcome."""
    o = OUTCOMES.get(outcome)
    return o.reply_types if o else ()


def unread_reminders(agency, user) -> QuerySet[Reminder]:
    """The reminders ``user`` has not yet marked read for ``agency``'s applications, newest first."""
    return Reminder.objects.filter(application__agency=agency, recipient=user, read_at__isnull=True)


# ---------------------------------------------------------------- the workbench and the to-do desk

DESK_DUE_DAYS = 5  # the desk's "due soon": deadlines within this many working days
TO_DELIVER = (State.REPLIED.value, State.REFERRED.value)  # answered, the letter not yet delivered


def working_horizon(today: date, days: int) -> date:
    """The working day ``days`` after ``today`` (a generous estimate when the year's calendar is
    missing: the lists still show something, the banner says the calendar is missing)."""
    try:
        return db_calendar().nth_working_day_after(today, days)
    except CalendarMissing:
        return date.fromordinal(today.toordinal() + days * 7 // 5 + 2)


def _desk_filters(today: date, horizon: date) -> dict[str, Q]:
    """The kinds of waiting work, as filters shared by the desk's counts and the workbench's views."""
    correcting = Q(state=State.CORRECTION_REQUESTED.value)
    open_ = Q(state__in=OPEN_STATES)
    return {
        "unconfirmed": Q(state=State.SUBMITTED.value),
        "correction": correcting & (Q(correction_until__gte=today) | Q(correction_until__isnull=True)),
        "correction_ended": correcting & Q(correction_until__lt=today),
        "due_soon": open_ & Q(next_due__gte=today, next_due__lte=horizon),
        "overdue": open_ & Q(next_due__lt=today),
        "consulting": Q(state=State.CONSULTING.value),
        "to_deliver": Q(state__in=TO_DELIVER),
    }


DESK_KINDS = tuple(_desk_filters(date.min, date.min))


def workbench_views(agency, user, today: date, horizon: date) -> dict[str, QuerySet[Application]]:
    """The workbench's views of ``agency``'s applications (the desk's kinds among them)."""
    base = Application.objects.filter(agency=agency)
    views = {
        "open": base.filter(state__in=OPEN_STATES),
        "mine": base.filter(state__in=OPEN_STATES, assignee=user),
        "all": base,
    }
    views.update({key: base.filter(q) for key, q in _desk_filters(today, horizon).items()})
    return views


def desk_counts(agencies, today: date, horizon: date) -> dict[int, dict[str, int]]:
    """For each agency (instances, a queryset or pks), how many applications wait in each of
    ``DESK_KINDS``: one GROUP BY over the rows in a waiting state, whatever the number of agencies."""
    pks = agency_pks(agencies)
    filters = _desk_filters(today, horizon)
    waiting = (*OPEN_STATES, State.SUBMITTED.value, *TO_DELIVER)
    out = {pk: dict.fromkeys(filters, 0) for pk in pks}
    for ids in chunks(pks):
        rows = (
            Application.objects.filter(agency_id__in=ids, state__in=waiting)
            .values("agency_id")
            .annotate(**{key: Count("pk", filter=q) for key, q in filters.items()})
            .order_by()
        )
        for row in rows:
            out[row.pop("agency_id")].update(row)
    return out


# ---------------------------------------------------------------- table 三


def _in_year(year: int) -> QuerySet[Application]:
    """The three rules of table 三, for the counts and the drill-down alike: the applications of every agency that belong to the table of ``year``: received by its end
    and not finished before it. Merged duplicates count once, as the application they joined;
    unconfirmed submissions are not yet received."""
    return (
        Application.objects.filter(received_on__isnull=False, received_on__lte=date(year, 12, 31))
        .exclude(state=State.MERGED.value)
        .exclude(finished_on__lt=date(year, 1, 1))
        .order_by()
    )


def _new(year: int) -> Q:
    """一、本年新收 (otherwise 二、上年结转)."""
    return Q(received_on__gte=date(year, 1, 1))


def _done(year: int) -> Q:
    """Counted in its outcome row (otherwise 四、结转下年度)."""
    return Q(finished_on__isnull=False, finished_on__lte=date(year, 12, 31)) & ~Q(outcome="")


def table_three(agency, year: int, layout: FormatLayout = LAYOUT_2021) -> Table:
    """Table 三 of ``agency``'s annual report for ``year`` (``table_three_by_agency`` for one)."""
    return table_three_by_agency([agency], year, layout)[agency.pk]


def table_three_by_agency(agencies, year: int, layout: FormatLayout = LAYOUT_2021) -> dict[int, Table]:
    """Table 三 of each of ``agencies`` (instances, a queryset or pks) for ``year``, keyed by agency pk.

    The applications of the year are counted by one GROUP BY in the database (agency ×
    applicant type × new or carried in × outcome or carried out), then each agency's groups are
    laid out by ``tally_groups`` — the same construction as the pure ``tally`` over records, so
    T3-BAL, T3-OUT and T3-ROW hold by construction (tests compare the two on random data). An
    agency without applications gets the complete table of zeros."""
    pks = agency_pks(agencies)
    groups: dict[int, list] = {pk: [] for pk in pks}
    for ids in chunks(pks):
        rows = (
            _in_year(year)
            .filter(agency_id__in=ids)
            .annotate(
                new=Case(When(_new(year), then=Value(1)), default=Value(0), output_field=IntegerField()),
                out=Case(When(_done(year), then=F("outcome")), default=Value(""), output_field=CharField()),
            )
            .values_list("agency_id", "applicant_type", "new", "out")
            .annotate(n=Count("*"))
            .order_by()
        )
        for agency_id, applicant, new, out, n in rows:
            groups[agency_id].append((applicant, bool(new), out or None, n))
    return {pk: tally_groups(groups[pk], year, layout) for pk in pks}


def table_three_findings(table: Table, year: int, version: str = "2021") -> list[Finding]:
    """The errors ``gongkai.annual``'s checks find in a report carrying only this table."""
    report = Report.empty(version, year=year)
    report.tables["applications"] = table
    return [
        f
        for f in run_checks(report)
        if f.severity is Severity.ERROR and (f.code.startswith("T3-") or f.code.startswith("CELL"))
    ]


# ---------------------------------------------------------------- drill-down

DRILL_LIMIT = 500  # items listed; the value counts them all


def table_three_cell(agency, year: int, row: str, column: str, layout: FormatLayout = LAYOUT_2021):
    """The applications counted in one cell of ``agency``'s table 三 for ``year``, oldest first;
    KeyError for a cell the table does not have."""
    grid = layout.applications
    grid.row(row), grid.column(column)
    qs = _in_year(year).filter(agency=agency)
    if column != "total":
        qs = qs.filter(applicant_type=column)
    if row == "new_received":
        qs = qs.filter(_new(year))
    elif row == "carried_over_in":
        qs = qs.exclude(_new(year))
    elif row == "carried_over_out":
        qs = qs.exclude(_done(year))
    elif row == "r_total":
        qs = qs.filter(_done(year))
    elif grid.row(row).block == T3_BLOCK:  # the outcomes counted in that row (2019: 其他处理 has several)
        qs = qs.filter(_done(year), outcome__in=[o for o, r in outcome_rows(grid).items() if r == row])
    else:
        raise KeyError(row)
    return qs.order_by("received_on", "id")


def drilldown(agency, year: int, cell, layout: FormatLayout = LAYOUT_2021) -> Drilldown:
    """The applications behind one cell of table 三 (the first ``DRILL_LIMIT`` of them listed).
    ``cell``: ``(row, column)`` or a path such as ``"applications.r_open.natural_person"``."""
    row, column = cell_keys(cell, "applications", 2)
    grid = layout.applications
    label_row, label_column = grid.row(row), grid.column(column)
    qs = table_three_cell(agency, year, row, column, layout).only(
        "tracking_no", "received_on", "finished_on", "state", "outcome", "applicant_type"
    )
    total = qs.count()
    items = [
        DrillItem(
            a.tracking_no,
            a.received_on,
            f"{a.applicant_type_label} · {a.state_label}"
            + (" · " + _("办结 %(date)s") % {"date": a.finished_on} if a.finished_on else ""),
            reverse("applications:detail", args=[agency.code, a.pk]),
        )
        for a in qs[:DRILL_LIMIT]
    ]
    # the row and column labels are the report's own (Chinese) labels, quoted
    if column == "total":
        rule = _(
            "%(year)d年12月31日前收到、未在%(year)d年以前办结的申请（合并的重复申请不计）中，“%(row)s”的申请"
        ) % {"year": year, "row": label_row.label}
    else:
        rule = _(
            "%(year)d年12月31日前收到、未在%(year)d年以前办结的申请（合并的重复申请不计）中，"
            "“%(row)s”且申请人为“%(column)s”的申请"
        ) % {"year": year, "row": label_row.label, "column": label_column.label}
    notes = [_("仅列出前 %(n)d 件。") % {"n": DRILL_LIMIT}] if total > DRILL_LIMIT else []
    return Drilldown(
        path=cell_path(grid, row, column),
        title=f"{grid.title} · {label_row.label} · {label_column.label}",
        value=total,
        rule=rule,
        source="applications",
        items=items,
        notes=notes,
    )
