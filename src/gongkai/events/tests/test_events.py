"""The event log only grows: the model, its queryset and the database all refuse changes."""

import pytest
from django.db import DatabaseError, connection, transaction

from gongkai.agencies.testing import build_world
from gongkai.events.models import AppendOnlyError, Event
from gongkai.events.services import NotInTransaction, changed, record, snapshot


@pytest.fixture
def world(db):
    return build_world()


def test_record_in_a_transaction(world):
    with transaction.atomic():
        event = record(
            world.admin_a, "test.thing", world.clerk_a, {"a": 1}, {"a": 2}, agency=world.a, note="说明"
        )
    event.refresh_from_db()
    assert event.actor == world.admin_a and event.actor_name == "admin_a"
    assert event.subject_type == "auth.user" and event.subject_id == str(world.clerk_a.pk)
    assert event.before == {"a": 1} and event.after == {"a": 2} and event.note == "说明"
    assert list(Event.objects.for_subject(world.clerk_a)) == [event]


def test_agency_is_taken_from_the_subject(world):
    with transaction.atomic():
        assert record(None, "x", world.a).agency == world.a
        e = record(None, "y", ("report", "2025"))
    assert e.agency is None and e.subject_type == "report" and e.actor is None


@pytest.mark.django_db(transaction=True)
def test_record_outside_a_transaction_is_refused():
    # A transactional test runs in autocommit, as a view without transaction.atomic would.
    with pytest.raises(NotInTransaction):
        record(None, "x")
    assert not Event.objects.exists()


def test_refuses_update_and_delete_through_the_orm(world):
    with transaction.atomic():
        event = record(None, "x", world.a, after={"k": "v"})
    event.note = "changed"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        Event.objects.filter(pk=event.pk).update(note="x")
    with pytest.raises(AppendOnlyError):
        Event.objects.all().delete()
    event.refresh_from_db()
    assert event.note == ""


def test_database_refuses_update(world):
    with transaction.atomic():
        event = record(None, "x", world.a)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE events_event SET note = 'forged' WHERE id = %s", [event.pk])
    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("DELETE FROM events_event WHERE id = %s", [event.pk])
    assert Event.objects.get(pk=event.pk).note == ""


def test_people_of_the_log_cannot_be_deleted(world):
    from django.db.models import ProtectedError, RestrictedError

    with transaction.atomic():
        record(world.clerk_a, "x", world.a)
    with pytest.raises((ProtectedError, RestrictedError)):  # other apps' foreign keys may refuse first
        world.clerk_a.delete()
    assert Event.objects.filter(actor=world.clerk_a).exists()


def test_snapshot_and_changed(world):
    snap = snapshot(world.a, ["code", "parent", "created_at"])
    assert snap["code"] == "t-a" and snap["parent"] == world.county.pk and isinstance(snap["created_at"], str)
    assert changed({"a": 1, "b": 2}, {"a": 1, "b": 3, "c": 4}) == ({"b": 2, "c": None}, {"b": 3, "c": 4})
