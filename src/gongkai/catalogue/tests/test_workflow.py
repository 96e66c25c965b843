"""The entry state machine, roles, the event log and the 第二十六条 flag."""

from datetime import date

import pytest

from gongkai.catalogue import services, workflow
from gongkai.catalogue.errors import CatalogueError
from gongkai.catalogue.models import Entry, Status, Validity
from gongkai.events.models import Event
from gongkai.workdays.services import db_calendar


def _draft(world, **kw):
    data = {"title": "关于开展安全生产检查的通知", "category": "A13", "created_date": date(2024, 5, 6), **kw}
    return services.create_entry(world.clerk_a, world.a, **data)


def _events(entry):
    return list(Event.objects.for_subject(entry).order_by("id"))


def test_full_path_and_event_log(world):
    e = _draft(world)
    assert e.status == Status.DRAFT and e.issuer == world.a.name
    e = workflow.submit(world.clerk_a, e)
    assert e.status == Status.SUBMITTED
    e = workflow.return_entry(world.reviewer_a, e, "内容概述不完整")
    assert e.status == Status.RETURNED and e.return_reason == "内容概述不完整"
    e = services.update_entry(world.clerk_a, e, summary="检查范围和时间安排")
    assert e.status == Status.DRAFT
    e = workflow.submit(world.clerk_a, e)
    assert e.return_reason == ""
    e = workflow.publish(world.reviewer_a, e, today=date(2024, 5, 20))
    assert e.status == Status.PUBLISHED and e.publish_date == date(2024, 5, 20)

    events = _events(e)
    assert [ev.action for ev in events] == [
        "catalogue.entry.create",
        "catalogue.entry.submit",
        "catalogue.entry.return",
        "catalogue.entry.update",
        "catalogue.entry.submit",
        "catalogue.entry.publish",
    ]
    create, submit, ret, update, _s2, pub = events
    assert create.before is None and create.after["title"] == "关于开展安全生产检查的通知"
    assert create.actor == world.clerk_a and create.agency == world.a
    assert submit.before == {"status": "draft"} and submit.after == {"status": "submitted"}
    assert ret.actor == world.reviewer_a and ret.note == "内容概述不完整"
    assert ret.after["return_reason"] == "内容概述不完整"
    assert update.before["summary"] == "" and update.after["summary"] == "检查范围和时间安排"
    assert update.before["status"] == "returned" and update.after["status"] == "draft"
    assert pub.before["status"] == "submitted" and pub.after["status"] == "published"
    assert pub.after["publish_date"] == "2024-05-20"


@pytest.mark.parametrize(
    "status, action",
    [
        (Status.DRAFT, "publish"),
        (Status.DRAFT, "return"),
        (Status.DRAFT, "withdraw"),
        (Status.SUBMITTED, "submit"),
        (Status.PUBLISHED, "submit"),
        (Status.PUBLISHED, "publish"),
        (Status.WITHDRAWN, "publish"),
        (Status.WITHDRAWN, "submit"),
        (Status.RETURNED, "publish"),
    ],
)
def test_refused_transitions_change_nothing(world, status, action):
    e = _draft(world)
    Entry.objects.filter(pk=e.pk).update(status=status)
    before = Event.objects.count()
    with pytest.raises(CatalogueError) as err:
        workflow.transition(world.superuser, e, action, reason="理由")
    assert "不能执行" in err.value.message
    assert Entry.objects.get(pk=e.pk).status == status
    assert Event.objects.count() == before


def test_roles_are_enforced(world):
    e = _draft(world)
    with pytest.raises(CatalogueError):
        workflow.submit(world.reviewer_a, e)  # a 审核人 does not enter
    workflow.submit(world.clerk_a, e)
    with pytest.raises(CatalogueError):
        workflow.publish(world.clerk_a, e)  # a 专员 does not approve
    with pytest.raises(CatalogueError):
        workflow.publish(world.stranger, e)  # 审核人 of another agency
    with pytest.raises(CatalogueError):
        workflow.publish(world.supervisor, e)  # supervisors only read
    assert Entry.objects.get(pk=e.pk).status == Status.SUBMITTED
    with pytest.raises(CatalogueError):
        services.create_entry(
            world.stranger, world.a, title="x", category="A01", created_date=date(2024, 1, 1)
        )


def test_reason_required_for_return_and_withdraw(world):
    e = workflow.submit(world.clerk_a, _draft(world))
    with pytest.raises(CatalogueError) as err:
        workflow.return_entry(world.reviewer_a, e, "  ")
    assert err.value.field == "reason"
    e = workflow.publish(world.reviewer_a, e, today=date(2024, 5, 7))
    with pytest.raises(CatalogueError):
        workflow.withdraw(world.reviewer_a, e, "")
    e = workflow.withdraw(world.reviewer_a, e, "重复发布")
    assert e.status == Status.WITHDRAWN


def test_published_entries_cannot_be_edited_or_deleted(world):
    e = workflow.publish(
        world.reviewer_a, workflow.submit(world.clerk_a, _draft(world)), today=date(2024, 5, 7)
    )
    with pytest.raises(CatalogueError):
        services.update_entry(world.clerk_a, e, title="改")
    with pytest.raises(CatalogueError):
        services.delete_entry(world.clerk_a, e)
    assert Entry.objects.get(pk=e.pk).title == "关于开展安全生产检查的通知"


def test_validity_of_published_entry(world):
    e = workflow.publish(
        world.reviewer_a,
        workflow.submit(world.clerk_a, _draft(world, doc_type="normative")),
        today=date(2024, 5, 7),
    )
    with pytest.raises(CatalogueError) as err:
        workflow.set_validity(world.clerk_a, e, Validity.REPEALED, None)
    assert err.value.field == "invalid_date"
    with pytest.raises(CatalogueError):
        workflow.set_validity(world.clerk_a, e, Validity.REPEALED, date(2023, 1, 1))  # before 生成日期
    e = workflow.set_validity(world.clerk_a, e, Validity.REPEALED, date(2025, 6, 30))
    ev = _events(e)[-1]
    assert ev.action == "catalogue.entry.validity"
    assert ev.before == {"validity": "valid", "invalid_date": None}
    assert ev.after == {"validity": "repealed", "invalid_date": "2025-06-30"}


def test_bad_input_is_refused_with_field(world):
    with pytest.raises(CatalogueError) as err:
        services.create_entry(
            world.clerk_a, world.a, title="x", category="C01", created_date=date(2024, 1, 1)
        )
    assert err.value.field == "category"  # 乡镇 categories are not for a county department
    with pytest.raises(CatalogueError) as err:
        services.create_entry(
            world.clerk_a, world.a, title="  ", category="A01", created_date=date(2024, 1, 1)
        )
    assert err.value.field == "title"
    assert not Entry.objects.exists()


# ---------------------------------------------------------------- 第二十六条: 20 working days


@pytest.mark.parametrize(
    "created, published, lag, late",
    [
        # 2024-03-04 (Mon) + 20 working days = 2024-04-01 (no holiday in between).
        (date(2024, 3, 4), date(2024, 4, 1), 20, False),
        (date(2024, 3, 4), date(2024, 4, 2), 21, True),
        # 2024-05-11 (Sat) was a 调休 working day: 2024-05-06 + 20 = 2024-05-31.
        (date(2024, 5, 6), date(2024, 5, 31), 20, False),
        (date(2024, 5, 6), date(2024, 6, 3), 21, True),
        # Across 国庆 2024 (10-01..10-07 off; 9-29 and 10-12 make-up working days): 9-20 + 20 = 10-23.
        (date(2024, 9, 20), date(2024, 10, 23), 20, False),
        (date(2024, 9, 20), date(2024, 10, 24), 21, True),
        (date(2024, 5, 6), date(2024, 5, 6), 0, False),
        # Published before the date written on the document: not late.
        (date(2024, 5, 6), date(2024, 5, 1), 0, False),
    ],
)
def test_publication_lag(db, created, published, lag, late):
    assert workflow.publication_lag(created, published) == (lag, late)


def test_flag_counted_provisionally_then_unknown_without_calendar_data(db):
    # 2027 is not entered: counted on the statutory holidays alone (元旦) until the notice is.
    # 12/2–31: 22 working days, 2027-01-04..20: 13.
    assert workflow.publication_lag(date(2026, 12, 1), date(2027, 1, 20)) == (35, True)
    # Beyond the provisional years: unknown, never silently "on time".
    beyond = max(db_calendar().provisional_years) + 1
    assert workflow.publication_lag(date(beyond, 1, 5), date(beyond, 1, 20)) == (None, None)


def test_publish_stores_flag(world):
    e = workflow.submit(world.clerk_a, _draft(world, created_date=date(2024, 3, 4)))
    e = workflow.publish(world.reviewer_a, e, today=date(2024, 4, 2))
    assert (e.publish_lag, e.late) == (21, True)
    assert Entry.objects.get(pk=e.pk).late is True
