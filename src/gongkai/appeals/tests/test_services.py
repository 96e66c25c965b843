"""Appeal services: validation in Chinese with nothing saved, the stage machine, the event log, our deadline."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from gongkai.appeals import services
from gongkai.appeals.models import Appeal
from gongkai.appeals.rules import Kind
from gongkai.appeals.services import AppealError
from gongkai.appeals.testing import make_appeal
from gongkai.applications.testing import make_application
from gongkai.events.models import Event
from gongkai.workdays import CalendarMissing, WorkCalendar, default_calendar


def _create(world, **fields):
    base = {
        "kind": Kind.RECONSIDERATION,
        "body": "示例县人民政府",
        "case_number": "示复〔2024〕1号",
        "received_on": date(2024, 3, 1),
    }
    return services.create_appeal(world.clerk_a, world.a, **(base | fields))


def _events(appeal):
    return list(
        Event.objects.filter(subject_type="appeals.appeal", subject_id=str(appeal.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )


def test_create_records_an_event(world):
    appeal = _create(world, applicant="张三")
    assert appeal.stage == "registered"
    assert _events(appeal) == ["appeals.appeal.create"]


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"body": "  "}, "body", "复议机关或人民法院"),
        ({"case_number": ""}, "case_number", "案号"),
        ({"received_on": None}, "received_on", "收到"),
        ({"received_on": date(2007, 1, 1)}, "received_on", "不能早于"),
        ({"filed_on": date(2024, 3, 5)}, "received_on", "不能早于申请或立案日期"),
        ({"review_body_co_defendant": True}, "review_body_co_defendant", "复议后起诉"),
        ({"kind": Kind.LITIGATION_DIRECT, "simplified": True}, "simplified", "简易程序"),
        ({"kind": "nonsense"}, "kind", "类别"),
    ],
)
def test_bad_input_is_refused_in_chinese_and_nothing_is_saved(world, fields, field, words):
    with pytest.raises(AppealError) as refused:
        _create(world, **fields)
    assert refused.value.field == field and words in refused.value.message
    assert not Appeal.objects.exists() and not Event.objects.filter(action__startswith="appeals.").exists()


def test_future_dates_are_refused(world):
    with pytest.raises(AppealError, match="不能晚于今天"):
        _create(world, received_on=timezone.localdate() + timedelta(days=1))


def test_case_number_is_unique_per_agency_and_kind(world):
    _create(world)
    with pytest.raises(AppealError, match="案号") as refused:
        _create(world)
    assert refused.value.field == "case_number"
    _create(world, kind=Kind.LITIGATION_DIRECT)  # same number, other kind: fine
    services.create_appeal(
        world.clerk_b,
        world.b,
        kind=Kind.RECONSIDERATION,
        body="x",
        case_number="示复〔2024〕1号",
        received_on=date(2024, 3, 1),
    )  # same number, other agency: fine
    assert Appeal.objects.count() == 3


def test_linked_application_must_be_the_agencys_own(world):
    own = make_application(world.a)
    other = make_application(world.b)
    assert _create(world, application=own).application == own
    with pytest.raises(AppealError, match="不属于本机构"):
        _create(world, case_number="2", application=other)


def test_only_write_roles_may_change(world):
    with pytest.raises(AppealError, match="权限"):
        services.create_appeal(
            world.supervisor,
            world.a,
            kind=Kind.RECONSIDERATION,
            body="x",
            case_number="1",
            received_on=date(2024, 3, 1),
        )
    with pytest.raises(AppealError, match="权限"):
        services.create_appeal(
            world.clerk_b,
            world.a,
            kind=Kind.RECONSIDERATION,
            body="x",
            case_number="1",
            received_on=date(2024, 3, 1),
        )


def test_stage_machine_answer_decide_correct(world):
    appeal = _create(world)
    appeal = services.record_answer(world.clerk_a, appeal, date(2024, 3, 8))
    assert appeal.stage == "answered"
    with pytest.raises(AppealError, match="不能登记答复"):
        services.record_answer(world.clerk_a, appeal, date(2024, 3, 9))
    with pytest.raises(AppealError, match="不是行政复议案件的审理结果"):
        services.record_decision(world.clerk_a, appeal, "court_revoke", date(2024, 4, 1))
    with pytest.raises(AppealError, match="审结日期不能早于"):
        services.record_decision(world.clerk_a, appeal, "recon_uphold", date(2024, 2, 1))
    appeal = services.record_decision(world.clerk_a, appeal, "recon_uphold", date(2024, 4, 1))
    assert appeal.stage == "decided" and appeal.bucket_on(date(2024, 12, 31)) == "upheld"
    appeal = services.record_decision(world.clerk_a, appeal, "recon_revoke", date(2024, 4, 2))
    assert appeal.bucket_on(date(2024, 12, 31)) == "corrected"
    with pytest.raises(AppealError, match="不能登记撤回"):
        services.record_withdrawal(world.clerk_a, appeal, date(2024, 4, 3))
    assert _events(appeal) == [
        "appeals.appeal.create",
        "appeals.appeal.answer",
        "appeals.appeal.decide",
        "appeals.appeal.correct_decision",
    ]
    correct = Event.objects.get(action="appeals.appeal.correct_decision")
    assert correct.before["decision"] == "recon_uphold" and correct.after["decision"] == "recon_revoke"


def test_withdrawal_ends_as_other_result(world):
    appeal = _create(world, kind=Kind.LITIGATION_DIRECT)
    appeal = services.record_withdrawal(world.clerk_a, appeal, date(2024, 5, 1), note="原告撤诉")
    assert appeal.stage == "withdrawn" and appeal.bucket_on(date(2024, 12, 31)) == "other"
    with pytest.raises(AppealError, match="已撤回"):
        services.record_decision(world.clerk_a, appeal, "court_revoke", date(2024, 6, 1))


def test_kind_cannot_change_once_decided(world):
    appeal = make_appeal(world.a, decision="recon_uphold", decided_on=date(2024, 5, 1))
    with pytest.raises(AppealError, match="不能更改类别"):
        services.update_appeal(world.clerk_a, appeal, kind=Kind.LITIGATION_DIRECT)
    services.update_appeal(world.clerk_a, appeal, notes="补充说明")
    assert Event.objects.filter(action="appeals.appeal.update").count() == 1


# ---------------------------------------------------------------- our deadline


def test_reconsideration_answer_is_ten_working_days(world):
    # 2024 National Day: 10-01..10-07 off, Sunday 09-29 and Saturday 10-12 are make-up working days.
    appeal = make_appeal(world.a, Kind.RECONSIDERATION, date(2024, 9, 27))
    assert services.answer_due(appeal, default_calendar()) == date(2024, 10, 16)
    appeal.simplified = True
    assert services.answer_due(appeal, default_calendar()) == date(2024, 10, 10)


def test_litigation_answer_is_fifteen_calendar_days_ending_on_a_working_day(world):
    appeal = make_appeal(world.a, Kind.LITIGATION_DIRECT, date(2024, 9, 20))
    # 15 days → Saturday 10-05, in the holiday: the period ends on the next working day.
    assert services.answer_due(appeal, default_calendar()) == date(2024, 10, 8)
    appeal = make_appeal(world.a, Kind.LITIGATION_AFTER, date(2024, 3, 1))
    assert services.answer_due(appeal, default_calendar()) == date(2024, 3, 18)  # 03-16 is a Saturday


def test_deadline_uses_the_database_calendar_and_never_guesses(world):
    appeal = make_appeal(world.a, Kind.RECONSIDERATION, date(2024, 9, 27))
    assert services.answer_due(appeal) == date(2024, 10, 16)  # seeded by the applications migration
    empty = WorkCalendar([], [], [2024])
    late = make_appeal(world.a, Kind.RECONSIDERATION, date(2024, 12, 27))
    with pytest.raises(CalendarMissing):
        services.answer_due(late, empty)
    status = services.answer_status(late, today=date(2024, 12, 30), calendar=empty)
    assert status["due"] is None and "2025" in status["missing"]


def test_answer_status_flags_late_answers(world):
    appeal = make_appeal(
        world.a, Kind.RECONSIDERATION, date(2024, 9, 27), stage="answered", answered_on=date(2024, 10, 17)
    )
    assert services.answer_status(appeal, calendar=default_calendar())["late"] is True
    open_case = make_appeal(world.a, Kind.RECONSIDERATION, date(2024, 9, 27))
    status = services.answer_status(open_case, today=date(2024, 10, 14), calendar=default_calendar())
    assert status["late"] is False and status["days_left"] == 2
