"""Full-text search objects, per database vendor (see gongkai.catalogue.search.schema):
SQLite: an FTS5 table (unicode61) over the segmented columns, kept in step by triggers;
PostgreSQL: a GIN index on to_tsvector('simple', segmented columns) and a pg_trgm GIN index on titles."""

from django.db import migrations


def forwards(apps, schema_editor):
    from gongkai.catalogue.search import schema

    schema.create(schema_editor.connection)


def backwards(apps, schema_editor):
    from gongkai.catalogue.search import schema

    schema.drop(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
