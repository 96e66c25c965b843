"""One working calendar answers for every app: a holiday entered in the calendar table moves the
catalogue's 第二十六条 timeliness, an open application's deadline, an appeal's answer deadline and
the ``gongkai deadline`` command alike."""

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from gongkai.agencies import testing as agency_testing
from gongkai.appeals.services import answer_due
from gongkai.appeals.testing import make_appeal
from gongkai.applications.testing import make_application
from gongkai.catalogue.models import Entry, Status
from gongkai.catalogue.testing import make_entry
from gongkai.cli import main as cli
from gongkai.workdays import default_calendar
from gongkai.workdays import services as calendar

world = agency_testing.world  # the agencies' fixture

RECEIVED = date(2026, 3, 2)  # a Monday, far from any holiday
HOLIDAY = date(2026, 3, 10)  # a Tuesday, made a day off by the edit


def _cli_deadline(capsys, start: date, n: int) -> date:
    assert cli(["deadline", start.isoformat(), str(n)]) == 0
    return date.fromisoformat(capsys.readouterr().out.strip())


def test_an_edited_holiday_moves_every_count_alike(world, capsys, monkeypatch):
    # The test database is the configured one (the command checks for a database by the environment).
    monkeypatch.setenv("DATABASE_URL", os.environ.get("DATABASE_URL") or "sqlite://")
    packaged = default_calendar()
    published = packaged.nth_working_day_after(RECEIVED, 21)  # one day late under 第二十六条
    entry = make_entry(world.a, status=Status.PUBLISHED, created_date=RECEIVED, publish_date=published)
    app = make_application(world.a, RECEIVED)
    appeal = make_appeal(world.a, received_on=RECEIVED)

    def counts() -> dict:
        """What each app answers now, read back from the database."""
        app.refresh_from_db()
        lag = Entry.objects.values_list("publish_lag", "late").get(pk=entry.pk)
        return {
            "entry": lag,
            "application": app.reply_due,
            "appeal": answer_due(appeal),
            "cli": _cli_deadline(capsys, RECEIVED, 20),
        }

    before = counts()
    assert before == {
        "entry": (21, True),
        "application": packaged.nth_working_day_after(RECEIVED, 20),
        "appeal": packaged.nth_working_day_after(RECEIVED, 10),
        "cli": packaged.nth_working_day_after(RECEIVED, 20),
    }

    moved = calendar.set_day(world.admin_a, HOLIDAY, "holiday", source="测试")

    assert counts() == {
        "entry": (20, False),
        "application": packaged.nth_working_day_after(before["application"], 1),
        "appeal": packaged.nth_working_day_after(before["appeal"], 1),
        "cli": packaged.nth_working_day_after(before["cli"], 1),
    }
    assert [m.reference for m in moved] == [app.tracking_no]


def test_the_command_reads_the_platform_database_when_there_is_one(tmp_path):
    """End to end: a real SQLite data folder, migrated, edited, then asked by the command."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    env["GONGKAI_DATA"] = str(tmp_path)
    gongkai = [str(Path(sys.executable).parent / "gongkai")]

    def run(*args: str) -> str:
        return subprocess.run(
            [*gongkai, *args], env=env, capture_output=True, text=True, check=True, timeout=300
        ).stdout.strip()

    expected = default_calendar().nth_working_day_after(RECEIVED, 20)
    assert run("deadline", RECEIVED.isoformat(), "20") == expected.isoformat()  # no database yet
    assert not (tmp_path / "gongkai.sqlite3").exists()  # and asking did not create one
    run("manage", "migrate", "--verbosity", "0")
    edit = (
        "from datetime import date; from gongkai.workdays.services import set_day; "
        f"set_day(None, date.fromisoformat('{HOLIDAY.isoformat()}'), 'holiday')"
    )
    run("manage", "shell", "-c", edit)
    later = default_calendar().nth_working_day_after(expected, 1)
    assert run("deadline", RECEIVED.isoformat(), "20") == later.isoformat()
    assert run("deadline", "--packaged", RECEIVED.isoformat(), "20") == expected.isoformat()


@pytest.fixture(autouse=True)
def _no_stray_data_folder(monkeypatch, tmp_path_factory):
    # The in-process test must not find the developer's own var/ database by accident.
    monkeypatch.setenv("GONGKAI_DATA", str(tmp_path_factory.mktemp("data")))
