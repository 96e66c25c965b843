"""Database objects of the search index, per vendor. Used by migration 0002 and, on SQLite, after
every migrate: Django rebuilds a SQLite table to alter it, which drops its triggers, so
``ensure_sqlite_index`` puts them back (and rebuilds the FTS table when they were missing)."""

from __future__ import annotations

SQLITE_TABLE = """
CREATE VIRTUAL TABLE IF NOT EXISTS catalogue_entry_fts USING fts5(
    search_title, search_text,
    content='catalogue_entry', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2'
)"""

SQLITE_TRIGGERS = {
    "catalogue_entry_fts_ai": """
CREATE TRIGGER IF NOT EXISTS catalogue_entry_fts_ai AFTER INSERT ON catalogue_entry BEGIN
    INSERT INTO catalogue_entry_fts(rowid, search_title, search_text)
    VALUES (new.id, new.search_title, new.search_text);
END""",
    "catalogue_entry_fts_ad": """
CREATE TRIGGER IF NOT EXISTS catalogue_entry_fts_ad AFTER DELETE ON catalogue_entry BEGIN
    INSERT INTO catalogue_entry_fts(catalogue_entry_fts, rowid, search_title, search_text)
    VALUES ('delete', old.id, old.search_title, old.search_text);
END""",
    "catalogue_entry_fts_au": """
CREATE TRIGGER IF NOT EXISTS catalogue_entry_fts_au AFTER UPDATE OF search_title, search_text
ON catalogue_entry BEGIN
    INSERT INTO catalogue_entry_fts(catalogue_entry_fts, rowid, search_title, search_text)
    VALUES ('delete', old.id, old.search_title, old.search_text);
    INSERT INTO catalogue_entry_fts(rowid, search_title, search_text)
    VALUES (new.id, new.search_title, new.search_text);
END""",
}

SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS catalogue_entry_fts_ai",
    "DROP TRIGGER IF EXISTS catalogue_entry_fts_ad",
    "DROP TRIGGER IF EXISTS catalogue_entry_fts_au",
    "DROP TABLE IF EXISTS catalogue_entry_fts",
]

# The tsvector expression must stay textually equal to search.postgres.TSV.
POSTGRES_CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """CREATE INDEX IF NOT EXISTS catalogue_entry_tsv ON catalogue_entry USING gin (
        (setweight(to_tsvector('simple'::regconfig, search_title), 'A') ||
         to_tsvector('simple'::regconfig, search_text)))""",
    "CREATE INDEX IF NOT EXISTS catalogue_entry_title_trgm ON catalogue_entry USING gin (title gin_trgm_ops)",
]
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS catalogue_entry_tsv",
    "DROP INDEX IF EXISTS catalogue_entry_title_trgm",
]


def create(connection) -> None:
    with connection.cursor() as cur:
        if connection.vendor == "sqlite":
            cur.execute(SQLITE_TABLE)
            for sql in SQLITE_TRIGGERS.values():
                cur.execute(sql)
            cur.execute("INSERT INTO catalogue_entry_fts(catalogue_entry_fts) VALUES ('rebuild')")
        elif connection.vendor == "postgresql":
            for sql in POSTGRES_CREATE:
                cur.execute(sql)


def drop(connection) -> None:
    with connection.cursor() as cur:
        if connection.vendor == "sqlite":
            for sql in SQLITE_DROP:
                cur.execute(sql)
        elif connection.vendor == "postgresql":
            for sql in POSTGRES_DROP:
                cur.execute(sql)


def ensure_sqlite_index(connection) -> bool:
    """Recreate missing FTS table or triggers; returns True when it had to repair anything."""
    if connection.vendor != "sqlite":
        return False
    with connection.cursor() as cur:
        cur.execute("SELECT name FROM sqlite_master WHERE name LIKE 'catalogue_entry%'")
        names = {r[0] for r in cur.fetchall()}
        if "catalogue_entry" not in names:
            return False
        wanted = {"catalogue_entry_fts", *SQLITE_TRIGGERS}
        if wanted <= names:
            return False
        cur.execute(SQLITE_TABLE)
        for sql in SQLITE_TRIGGERS.values():
            cur.execute(sql)
        cur.execute("INSERT INTO catalogue_entry_fts(catalogue_entry_fts) VALUES ('rebuild')")
    return True


def rebuild(connection) -> None:
    """Rebuild the whole index from the segmented columns (after raw bulk loads)."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cur:
            cur.execute("INSERT INTO catalogue_entry_fts(catalogue_entry_fts) VALUES ('rebuild')")
