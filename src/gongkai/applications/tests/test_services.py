"""Every transition through the database; refused ones leave nothing changed."""

from datetime import date

import pytest
from django.utils import timezone, translation

from gongkai.applications import queries, services
from gongkai.applications.models import Application, Channel, ClockEntry, Letter
from gongkai.applications.services import ApplicationError
from gongkai.applications.testing import applicant, make_application, submitted_on
from gongkai.events.models import Event
from gongkai.workdays import default_calendar

CAL = default_calendar()
RECEIVED = date(2026, 3, 2)  # a Monday


def state_of(app):
    """Everything a refused action must leave as it was."""
    app = Application.objects.get(pk=app.pk)
    row = {
        f.attname: getattr(app, f.attname)
        for f in Application._meta.concrete_fields
        if f.attname != "updated_at"
    }
    return (
        row,
        ClockEntry.objects.filter(application=app).count(),
        Letter.objects.filter(application=app).count(),
        Event.objects.count(),
    )


def refused(call, app, match):
    before = state_of(app)
    with pytest.raises(ApplicationError, match=match):
        call()
    assert state_of(app) == before


@pytest.fixture
def app(world):
    return make_application(world.a, RECEIVED, world.clerk_a)


def test_in_person_registration_starts_the_clock(app, world):
    assert app.state == "registered"
    assert app.received_on == RECEIVED
    assert app.tracking_no == f"t-a-{timezone.localdate().year}-00001"  # numbered in the year of entry
    assert app.reply_due == date(2026, 3, 30)  # hand-counted: 20 working days after Mon 2 March
    assert app.notice_due == date(2026, 3, 11)  # 7 working days
    event = Event.objects.get(action="applications.submit")
    assert event.subject_label == app.tracking_no
    assert "王建华" not in str(event.after) and app.id_number not in str(event.after)


def test_ordinary_mail_waits_for_confirmation(world):
    intake = services.register_by_staff(world.clerk_a, world.a, applicant(), Channel.ORDINARY_MAIL)
    app = intake.application
    assert app.state == "submitted" and app.received_on is None and app.reply_due is None
    # A fixed day, not today: a deadline from today may fall into a year without calendar data.
    app = services.confirm_receipt(world.clerk_a, submitted_on(app, RECEIVED), RECEIVED)
    assert app.state == "registered" and app.received_on == RECEIVED
    assert app.reply_due == date(2026, 3, 30)


def test_registered_mail_needs_the_signed_for_day(world):
    with pytest.raises(ApplicationError, match="签收日期"):
        services.register_by_staff(world.clerk_a, world.a, applicant(), Channel.REGISTERED_MAIL)
    assert not Application.objects.exists()


def test_oral_application_needs_the_staff_record(world):
    with pytest.raises(ApplicationError, match="口头"):
        services.register_by_staff(world.clerk_a, world.a, applicant(), Channel.ORAL, received_on=RECEIVED)
    app = services.register_by_staff(
        world.clerk_a,
        world.a,
        applicant(),
        Channel.ORAL,
        received_on=RECEIVED,
        oral_record_note="来电口述，已复述确认",
    ).application
    assert app.state == "registered"


def test_correction_stops_and_restarts_the_clock(app, world):
    app = services.request_correction(
        world.clerk_a, app, "请写明文件的名称或文号", date(2026, 3, 20), date(2026, 3, 5)
    )
    assert app.state == "correction_requested"
    assert app.reply_due is None and app.next_due == date(2026, 3, 20) and app.next_due_kind == "correction"
    letter = Letter.objects.get(application=app)
    assert letter.number == "示教依补〔2026〕1号" and "请写明文件的名称或文号" in letter.body
    assert letter.recipient == "王建华"

    # 一次性告知: not again, neither now nor after the correction.
    refused(
        lambda: services.request_correction(world.clerk_a, app, "再补", None, date(2026, 3, 6)), app, "不能"
    )
    app = services.receive_correction(world.clerk_a, app, "文号为示教发〔2025〕3号", date(2026, 3, 16))
    assert app.state == "registered"
    assert app.reply_due == CAL.nth_working_day_after(date(2026, 3, 16), 20)  # from zero again
    refused(
        lambda: services.request_correction(world.clerk_a, app, "再补", None, date(2026, 3, 17)),
        app,
        "一次性告知",
    )


def test_no_correction_by_the_deadline_closes_with_outcome_six_one(app, world):
    app = services.request_correction(world.clerk_a, app, "请写明文号", date(2026, 3, 20), date(2026, 3, 5))
    refused(lambda: services.lapse_correction(world.clerk_a, app, date(2026, 3, 20)), app, "补正期限尚未届满")
    app = services.lapse_correction(world.clerk_a, app, date(2026, 3, 23))
    assert (app.state, app.outcome, app.finished_on) == ("closed", "r_other_no_correction", date(2026, 3, 23))
    assert Letter.objects.filter(application=app, kind="reply_art30_no_correction").exists()


def test_consultation_pauses_and_extension_needs_the_head(app, world):
    app = services.start_consultation(world.clerk_a, app, "示例建筑有限公司", "third_party", date(2026, 3, 4))
    assert app.state == "consulting" and app.clock_status == "paused"
    letter = Letter.objects.get(application=app, kind="consult_third_party")
    assert letter.recipient == "示例建筑有限公司" and "王建华" not in letter.body
    refused(
        lambda: services.grant_extension(world.clerk_a, app, 20, "需征求意见", "", date(2026, 3, 5)),
        app,
        "负责人同意",
    )
    app = services.end_consultation(world.clerk_a, app, "不同意公开", date(2026, 3, 13))
    # 2 WD used (3, 4 March), the 7 WD of the consultation not counted, 18 left after 13 March.
    assert app.reply_due == CAL.nth_working_day_after(date(2026, 3, 13), 18)
    due = app.reply_due
    app = services.grant_extension(world.clerk_a, app, 20, "需要协调多个科室", "李主任", date(2026, 3, 16))
    assert app.reply_due == CAL.nth_working_day_after(due, 20)
    assert Letter.objects.filter(application=app, kind="extension").exists()
    refused(
        lambda: services.grant_extension(world.clerk_a, app, 5, "再延", "李主任", date(2026, 3, 17)),
        app,
        "只能延长一次",
    )
    other = make_application(world.a)
    refused(
        lambda: services.grant_extension(world.clerk_a, other, 21, "x", "李主任", RECEIVED), other, "1至20"
    )


def test_fee_notice_payment_and_lapse(app, world):
    refused(
        lambda: services.send_fee_notice(world.clerk_a, app, "by_volume", 30, date(2026, 3, 3)), app, "不收费"
    )
    app = services.send_fee_notice(world.clerk_a, app, "by_volume", 150, date(2026, 3, 3))
    assert app.state == "fee_notified" and app.fee_amount == 1700  # the spec's example
    assert app.payment_due == CAL.nth_working_day_after(date(2026, 3, 3), 20)
    letter = Letter.objects.get(application=app, kind="fee_notice")
    assert "1700元" in letter.body
    refused(lambda: services.lapse_payment(world.clerk_a, app, date(2026, 3, 4)), app, "缴费期限尚未届满")
    app = services.receive_payment(world.clerk_a, app, date(2026, 3, 10))
    assert app.state == "registered" and app.paid_on == date(2026, 3, 10)
    refused(
        lambda: services.send_fee_notice(world.clerk_a, app, "by_volume", 150, date(2026, 3, 11)),
        app,
        "已发出过",
    )


def test_fee_per_item_counts_the_month(world):
    apps = [make_application(world.a, date(2026, 3, 2)) for _ in range(12)]
    assert queries.earlier_items_this_month(apps[-1]) == 11
    app = services.send_fee_notice(world.clerk_a, apps[-1], "per_item", 1, date(2026, 3, 3))
    assert app.fee_amount == 100  # the 12th 件 of the month


def test_reply_needs_exactly_one_outcome(app, world):
    refused(lambda: services.reply(world.clerk_a, app, None, "答复"), app, "答复前须选择办理结果")
    refused(
        lambda: services.reply(world.clerk_a, app, "r_other_no_correction", "x", "art30_no_correction"),
        app,
        "只能在期限届满后由系统结案",
    )
    refused(lambda: services.reply(world.clerk_a, app, "r_open", "x", "art36_3"), app, "答复类型")
    app = services.reply(world.clerk_a, app, "r_open", "见示例县人民政府网站", "art36_1", date(2026, 3, 20))
    assert (app.state, app.outcome, app.reply_type, app.finished_on) == (
        "replied",
        "r_open",
        "art36_1",
        date(2026, 3, 20),
    )
    letter = Letter.objects.get(application=app)
    assert letter.number == "示教依复〔2026〕1号" and "第三十六条第（一）项" in letter.body
    assert app.reply_due is None and app.next_due is None
    app = services.deliver(world.clerk_a, app, date(2026, 3, 23))
    app = services.close(world.clerk_a, app, date(2026, 3, 24))
    assert app.state == "closed" and app.outcome == "r_open"
    refused(lambda: services.withdraw(world.clerk_a, app, "撤回"), app, "不能")


def test_single_reply_type_is_taken_from_the_outcome(app, world):
    app = services.reply(
        world.clerk_a, app, "r_partial", "第3页涉及个人信息，已作区分处理", on=date(2026, 3, 20)
    )
    assert app.reply_type == "art37"


def test_referral_withdrawal_and_merge(world):
    a = services.refer(
        world.clerk_a, make_application(world.a), "示例县财政局", "0999-6200444", "职能所属", RECEIVED
    )
    assert (a.state, a.outcome) == ("referred", "r_unable_not_held")
    assert "示例县财政局" in Letter.objects.get(application=a).body
    b = make_application(world.a)
    refused(lambda: services.refer(world.clerk_a, b, "  "), b, "须写明负责公开")
    b = services.withdraw(world.clerk_a, b, "申请人来电撤回", date(2026, 3, 3))
    assert (b.state, b.outcome, b.finished_on) == ("withdrawn", "r_other_other", date(2026, 3, 3))
    c, d = make_application(world.a), make_application(world.a)
    refused(lambda: services.merge(world.clerk_a, c, c.tracking_no), c, "自身")
    refused(lambda: services.merge(world.clerk_a, c, "nope"), c, "没有这个申请编号")
    c = services.merge(world.clerk_a, c, d.tracking_no, RECEIVED)
    assert c.state == "merged" and c.merged_into == d and c.outcome == ""


def test_wrong_state_is_refused_with_the_state_named(app, world):
    refused(lambda: services.deliver(world.clerk_a, app), app, "办理中")
    refused(lambda: services.receive_payment(world.clerk_a, app), app, "办理中")


def test_future_dates_are_refused(app, world):
    refused(
        lambda: services.reply(world.clerk_a, app, "r_open", "x", "art36_1", date(2099, 1, 1)),
        app,
        "晚于今天",
    )


def test_events_carry_before_and_after(app, world):
    services.start_consultation(world.clerk_a, app, "示例县财政局", "coproducer", date(2026, 3, 4))
    event = Event.objects.filter(action="applications.start_consultation").get()
    assert event.before["state"] == "registered" and event.after["state"] == "consulting"
    assert event.after["letter"].startswith("示教依征")
    assert event.actor == world.clerk_a and event.agency == world.a


def test_numbers_are_per_agency_and_year(world):
    a1, a2 = make_application(world.a), make_application(world.a)
    b1 = make_application(world.b)
    year = timezone.localdate().year  # the year the application is entered, not the year received
    assert [a1.tracking_no, a2.tracking_no, b1.tracking_no] == [
        f"t-a-{year}-00001",
        f"t-a-{year}-00002",
        f"t-b-{year}-00001",
    ]


def test_an_online_application_is_logged_as_the_applicants_own_step(world):
    app = services.submit_online(world.a, applicant()).application
    event = Event.objects.for_subject(app).get(action="applications.submit")
    assert event.actor is None and event.actor_name == "申请人" and app.name not in event.sentence
    with translation.override("zh-hans"):
        assert event.sentence == f"申请人 在网上提交申请 {app}"


def test_query_code(world):
    intake = services.submit_online(world.a, applicant())
    assert queries.find_for_applicant(intake.application.tracking_no, intake.query_code.lower()) is not None
    assert queries.find_for_applicant(intake.application.tracking_no, "WRONG") is None
    assert queries.find_for_applicant("nope", intake.query_code) is None
