"""政民互动: submission → tracking → answer → publication with masking; the answer period over a
holiday; counts by month; isolation."""

import datetime as dt
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.events.models import Event
from gongkai.interaction import queries, services
from gongkai.interaction.models import AgencySettings, Message, State
from gongkai.interaction.rules import DEFAULT_ANSWER_DAYS
from gongkai.interaction.testing import PERSON_ID, PHONE, make_message
from gongkai.workdays.services import db_calendar

pytestmark = pytest.mark.django_db


def _at(day: date):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10)))


def test_answer_period_over_national_day_is_hand_counted(world):
    AgencySettings.objects.create(agency=world.a, answer_days=3)
    # 2025: 10月1日–8日 off (国庆、中秋), Saturday 10月11日 a working day. After 9月30日:
    # 10月9日 (1), 10月10日 (2), 10月11日 (3).
    receipt = make_message(world.a, now=_at(date(2025, 9, 30)))
    assert receipt.message.due_on == date(2025, 10, 11)


def test_default_period_is_the_rule(world):
    receipt = make_message(world.a, now=_at(date(2025, 3, 3)))
    assert receipt.message.due_on == db_calendar().nth_working_day_after(
        date(2025, 3, 3), DEFAULT_ANSWER_DAYS
    )


def test_submit_track_answer_publish_masks_personal_data(world, client):
    page = client.get(reverse("ask:ask"))
    assert page.status_code == 200
    response = client.post(
        reverse("ask:ask"),
        {
            "agency": world.a.pk,
            "kind": "consult",
            "title": "王小明问入学",
            "body": f"我叫王小明，电话{PHONE}，身份证号{PERSON_ID}，孩子能否在城关小学入学？",
            "name": "王小明",
            "contact": PHONE,
            "consent": "on",
        },
    )
    assert response.status_code == 302
    done = client.get(reverse("ask:done")).content.decode()
    message = Message.objects.get()
    assert message.ack_no in done and message.ack_no.startswith(f"LY-{world.a.code}-")
    code = done.split("data-code>")[1].split("<")[0]
    assert len(code) == 8 and code not in message.query_code_hash
    # tracking: wrong code refused, right code shows the state
    wrong = client.post(
        reverse("ask:track"), {"ack_no": message.ack_no, "code": "WRONGCODE"}
    ).content.decode()
    assert "受理编号或查询码不正确" in wrong
    status = client.post(
        reverse("ask:track"), {"ack_no": message.ack_no, "code": code.lower()}
    ).content.decode()
    assert "待答复" in status
    # staff answers
    client.force_login(world.clerk_a)
    client.post(
        reverse("interaction:answer", args=[world.a.code, message.pk]),
        {"answer": "王小明您好：符合条件的适龄儿童可在城关小学入学，请联系13800001111。"},
    )
    message.refresh_from_db()
    assert message.state == State.ANSWERED and message.answered_on == timezone.localdate()
    client.force_login(world.reviewer_a)
    detail = client.get(reverse("interaction:detail", args=[world.a.code, message.pk])).content.decode()
    assert "王某某" in detail  # the proposal the reviewer starts from
    # the reviewer types a phone number back in: it is masked anyway
    client.post(
        reverse("interaction:publish", args=[world.a.code, message.pk]),
        {
            "public_title": "王某某问入学",
            "public_body": f"孩子能否入学？电话 {PHONE}",
            "public_answer": "符合条件的可入学，请联系13800001111。",
        },
    )
    message.refresh_from_db()
    assert message.state == State.PUBLISHED
    client.logout()
    public = client.get(reverse("ask:detail", args=[message.pk])).content.decode()
    listing = client.get(reverse("ask:list")).content.decode()
    for html in (public, listing):
        assert (
            PHONE not in html and PERSON_ID not in html and "13800001111" not in html and "王小明" not in html
        )
    assert "可入学" in public
    assert "王某某问入学" in listing
    again = client.post(reverse("ask:track"), {"ack_no": message.ack_no, "code": code}).content.decode()
    assert "已答复并公开" in again
    actions = list(Event.objects.for_subject(message).order_by("id").values_list("action", flat=True))
    assert actions == [
        "interaction.message.submit",
        "interaction.message.answer",
        "interaction.message.publish",
    ]
    # The visitor is in the log by role, not by name (the log is read by all staff).
    submitted = Event.objects.for_subject(message).get(action="interaction.message.submit")
    assert submitted.actor_name == "留言人" and (submitted.actor_display, submitted.phrase) == (
        "留言人",
        "提交留言",
    )


def test_no_consent_no_publication(world):
    message = make_message(world.a, consent=False).message
    services.answer(world.clerk_a, message, "答复")
    with pytest.raises(services.InteractionError, match="留言人未同意公开"):
        services.publish(world.reviewer_a, message)


def test_masking_proposal_hides_names_phones_ids(world):
    message = make_message(world.a).message
    services.answer(world.clerk_a, message, "王小明您好，已转城关小学。")
    texts = services.masked_texts(Message.objects.get(pk=message.pk))
    assert "王小明" not in texts["public_body"] and "王某某" in texts["public_body"]
    assert PHONE not in texts["public_body"] and PERSON_ID not in texts["public_body"]
    assert texts["public_answer"].startswith("王某某您好")


def test_overdue_marking_in_the_inbox(world, client):
    late = make_message(world.a, now=_at(date(2024, 1, 2)), title="很久以前的留言").message
    fresh = make_message(world.a, title="今天的留言").message
    client.force_login(world.clerk_a)
    page = client.get(reverse("interaction:inbox", args=[world.a.code]), {"show": "overdue"}).content.decode()
    assert late.title in page and fresh.title not in page and "已超期" in page
    assert late.overdue_on(timezone.localdate()) and not fresh.overdue_on(timezone.localdate())


def test_counts_by_month(world):
    jan = make_message(world.a, now=_at(date(2025, 1, 6))).message  # due 15 working days later
    services.answer(None, jan, "答复", on=date(2025, 1, 10))  # on time, January
    feb = make_message(world.a, now=_at(date(2025, 2, 3))).message
    services.answer(None, feb, "答复", on=date(2025, 3, 31))  # late, March
    services.publish(None, Message.objects.get(pk=feb.pk), on=date(2025, 4, 1))
    make_message(world.a, now=_at(date(2025, 2, 10)))
    make_message(world.b, now=_at(date(2025, 2, 11)))  # another agency
    months = {m.month: m for m in queries.by_month(Message.objects.filter(agency=world.a), 2025)}
    assert (months[1].received, months[1].answered, months[1].on_time) == (1, 1, 1)
    assert months[2].received == 2 and months[2].answered == 0
    assert (months[3].answered, months[3].on_time) == (1, 0)
    assert months[4].published == 1
    facts = {f.key: f for f in queries.facts((world.a.pk,), 2025)}
    assert facts["interaction.received"].value == 3 and facts["interaction.on_time_rate"].text == "50%"


def test_settings_change_the_period_of_new_messages(world, client):
    client.force_login(world.clerk_a)
    assert client.get(reverse("interaction:settings", args=[world.a.code])).status_code == 403
    client.force_login(world.admin_a)
    bad = client.post(reverse("interaction:settings", args=[world.a.code]), {"answer_days": "0"})
    assert "errorlist" in bad.content.decode()
    client.post(reverse("interaction:settings", args=[world.a.code]), {"answer_days": "5"})
    assert queries.answer_days(world.a) == 5


def test_staff_see_only_their_agencies_messages(world, client):
    theirs = make_message(world.b, title="财政局的留言").message
    client.force_login(world.clerk_a)
    assert (
        "财政局的留言"
        not in client.get(reverse("interaction:inbox", args=[world.a.code]), {"show": "all"}).content.decode()
    )
    assert client.get(reverse("interaction:detail", args=[world.a.code, theirs.pk])).status_code == 404
    assert client.get(reverse("interaction:inbox", args=[world.b.code])).status_code == 404


def test_bad_submission_gets_chinese_messages(world, client):
    page = client.post(
        reverse("ask:ask"), {"agency": "", "title": "", "body": "", "name": "", "contact": "abc"}
    )
    html = page.content.decode()
    assert "请选择部门" in html and "请填写正确的联系电话" in html
    assert not Message.objects.exists()


def test_index_lists_only_own_agencies(world, client):
    client.force_login(world.clerk_a)
    assert client.get(reverse("interaction:index"))["Location"] == reverse(
        "interaction:inbox", args=[world.a.code]
    )
    client.force_login(world.supervisor)
    page = client.get(reverse("interaction:index")).content.decode()
    assert world.a.name in page and world.other_dept.name not in page
