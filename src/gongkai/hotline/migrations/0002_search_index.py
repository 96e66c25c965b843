"""The full-text index of the knowledge base (hotline.search): FTS5 + triggers on SQLite, a GIN
index on PostgreSQL."""

from django.db import migrations


def create(apps, schema_editor):
    from gongkai.hotline.search import create_index

    create_index(schema_editor)


def drop(apps, schema_editor):
    conn = schema_editor.connection
    statements = {
        "sqlite": [
            "DROP TRIGGER IF EXISTS hotline_entry_fts_ai",
            "DROP TRIGGER IF EXISTS hotline_entry_fts_ad",
            "DROP TRIGGER IF EXISTS hotline_entry_fts_au",
            "DROP TABLE IF EXISTS hotline_entry_fts",
        ],
        "postgresql": ["DROP INDEX IF EXISTS hotline_entry_tsv"],
    }.get(conn.vendor, [])
    with conn.cursor() as cur:
        for sql in statements:
            cur.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("hotline", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
