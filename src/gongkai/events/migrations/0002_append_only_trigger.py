"""Database-side guard: the event table refuses UPDATE (both databases) and DELETE (PostgreSQL).

SQLite keeps DELETE possible because Django's test flush empties tables with DELETE; PostgreSQL
flushes with TRUNCATE, which row triggers do not see."""

from django.db import migrations

SQLITE_UP = [
    """CREATE TRIGGER IF NOT EXISTS events_event_no_update BEFORE UPDATE ON events_event
       BEGIN SELECT RAISE(ABORT, 'events_event is append-only'); END""",
]
SQLITE_DOWN = ["DROP TRIGGER IF EXISTS events_event_no_update"]

PG_UP = [
    """CREATE OR REPLACE FUNCTION events_event_append_only() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'events_event is append-only'; END; $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER events_event_no_change BEFORE UPDATE OR DELETE ON events_event
       FOR EACH ROW EXECUTE FUNCTION events_event_append_only()""",
]
PG_DOWN = [
    "DROP TRIGGER IF EXISTS events_event_no_change ON events_event",
    "DROP FUNCTION IF EXISTS events_event_append_only()",
]


def _run(statements):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for sql in statements.get(vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("events", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": PG_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": PG_DOWN}),
        )
    ]
