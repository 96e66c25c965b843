"""The hash chain: an intact log verifies; a changed, removed, inserted or truncated row is found."""

from importlib import import_module

import pytest
from django.db import DatabaseError, connection, transaction

from gongkai.agencies.testing import build_world
from gongkai.cli import main as gongkai
from gongkai.events import chain
from gongkai.events.models import ChainHead, Event
from gongkai.events.services import record, verify_chain


@pytest.fixture
def logged(db):
    world = build_world()
    with transaction.atomic():
        for n in range(5):
            record(world.admin_a, f"test.step{n}", world.a, {"n": n}, {"n": n + 1, "when": "2026-01-01"})
    return world


def _raw(sql, params=()):
    """Change the table behind the application's back, as someone with database access could."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER IF EXISTS events_event_no_update")
        else:  # the test's own inserts leave deferred checks pending, which ALTER TABLE refuses
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("ALTER TABLE events_event DISABLE TRIGGER events_event_no_change")
        cursor.execute(sql, params)


def test_events_are_numbered_and_chained(logged):
    events = list(Event.objects.order_by("seq"))
    assert [e.seq for e in events] == [1, 2, 3, 4, 5]
    previous = chain.GENESIS
    for event in events:
        event.refresh_from_db()  # digests are computed on what the database gives back
        assert event.digest == chain.digest(previous, event.seq, event.chain_content())
        previous = event.digest
    head = ChainHead.objects.get()
    assert (head.seq, head.digest) == (5, previous)
    verdict = verify_chain()
    assert verdict.intact and verdict.checked == 5


def test_a_changed_row_is_found(logged):
    third = Event.objects.get(seq=3)
    _raw("UPDATE events_event SET note = %s WHERE id = %s", ["改过", third.pk])
    verdict = verify_chain()
    assert not verdict.intact
    assert verdict.breaks[0].seq == 3 and "内容与其校验值不符" in verdict.breaks[0].problem_zh


def test_a_changed_digest_breaks_the_next_event(logged):
    second = Event.objects.get(seq=2)
    _raw("UPDATE events_event SET digest = %s WHERE id = %s", ["f" * 64, second.pk])
    seqs = [b.seq for b in verify_chain().breaks]
    assert seqs[:2] == [2, 3]


def test_a_removed_row_is_found(logged):
    _raw("DELETE FROM events_event WHERE seq = 2")
    problems = [b.problem_zh for b in verify_chain().breaks]
    assert any("第 2–2 条记录缺失" in p for p in problems)


def test_removing_the_last_rows_is_found_by_the_head(logged):
    _raw("DELETE FROM events_event WHERE seq >= 4")
    verdict = verify_chain()
    assert not verdict.intact and "链头记为第 5 条" in verdict.breaks[-1].problem_zh


def test_a_row_written_around_the_log_is_found(logged):
    _raw(
        "INSERT INTO events_event (at, actor_name, action, subject_type, subject_id, subject_label, note, digest)"
        " VALUES (%s, '', 'forged', '', '', '', '', '')",
        ["2026-01-01 00:00:00"],
    )
    assert any("没有序号" in b.problem_zh for b in verify_chain().breaks)


def test_an_empty_log_is_intact(db):
    assert verify_chain().intact


def test_the_command_says_intact_or_broken(logged, capsys):
    assert gongkai(["audit", "verify"]) == 0
    assert "完整：共 5 条记录" in capsys.readouterr().out
    _raw("UPDATE events_event SET action = 'x' WHERE seq = 1")
    assert gongkai(["audit", "verify"]) == 1
    out = capsys.readouterr().out
    assert "异常" in out and "Traceback" not in out
    assert gongkai(["audit", "verify", "--lang", "en"]) == 1
    assert "does not match its digest" in capsys.readouterr().out


def test_the_migration_chains_events_already_logged(logged):
    """Rows logged before the chain existed get numbers and digests, in the order they were
    written, and the table keeps its append-only trigger."""
    from django.db.migrations.loader import MigrationLoader

    state = MigrationLoader(connection).project_state(("events", "0003_hash_chain"))
    migration = import_module("gongkai.events.migrations.0003_hash_chain")
    _raw("UPDATE events_event SET seq = NULL, digest = ''")
    ChainHead.objects.all().delete()

    class Editor:  # what RunPython hands over: the connection and a way to run SQL
        connection = connection

        @staticmethod
        def execute(sql):
            with connection.cursor() as cursor:
                cursor.execute(sql)

    migration.chain_existing(state.apps, Editor())
    verdict = verify_chain()
    assert verdict.intact and verdict.checked == 5
    first = Event.objects.get(seq=1)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE events_event SET note = 'x' WHERE id = %s", [first.pk])
