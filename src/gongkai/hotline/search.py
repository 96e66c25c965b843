"""Full-text search of the knowledge base, the catalogue's way (gongkai.catalogue.search): text cut
by its rjieba segmenter into two columns, matched by an FTS5 table on SQLite (external content,
kept in step by triggers) or ``to_tsvector('simple', …)`` with a GIN index on PostgreSQL. Query
words are letters and digits only, so FTS operators and quotes never reach the parser."""

from __future__ import annotations

from django.db import connection
from django.db.models import QuerySet

from gongkai.catalogue.search import index_words
from gongkai.catalogue.search.segment import query_words

FTS = "hotline_entry_fts"
SQLITE_CREATE = [
    f"""CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5(
        search_title, search_text, content='hotline_entry', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2')""",
    f"""CREATE TRIGGER IF NOT EXISTS {FTS}_ai AFTER INSERT ON hotline_entry BEGIN
        INSERT INTO {FTS}(rowid, search_title, search_text) VALUES (new.id, new.search_title, new.search_text);
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS {FTS}_ad AFTER DELETE ON hotline_entry BEGIN
        INSERT INTO {FTS}({FTS}, rowid, search_title, search_text)
        VALUES ('delete', old.id, old.search_title, old.search_text);
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS {FTS}_au AFTER UPDATE OF search_title, search_text ON hotline_entry BEGIN
        INSERT INTO {FTS}({FTS}, rowid, search_title, search_text)
        VALUES ('delete', old.id, old.search_title, old.search_text);
        INSERT INTO {FTS}(rowid, search_title, search_text) VALUES (new.id, new.search_title, new.search_text);
    END""",
    f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')",
]
# Must stay textually equal to the index expression so the planner uses it.
TSV = (
    "(setweight(to_tsvector('simple'::regconfig, hotline_entry.search_title), 'A') || "
    "to_tsvector('simple'::regconfig, hotline_entry.search_text))"
)
POSTGRES_CREATE = [
    "CREATE INDEX IF NOT EXISTS hotline_entry_tsv ON hotline_entry USING gin ("
    "(setweight(to_tsvector('simple'::regconfig, search_title), 'A') || "
    "to_tsvector('simple'::regconfig, search_text)))"
]


def create_index(schema_editor_or_connection) -> None:
    conn = getattr(schema_editor_or_connection, "connection", schema_editor_or_connection)
    statements = {"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE}.get(conn.vendor, [])
    with conn.cursor() as cur:
        for sql in statements:
            cur.execute(sql)


def ensure_index(conn) -> None:
    """SQLite drops a table's triggers when Django rebuilds it to alter it: put them back."""
    if conn.vendor != "sqlite":
        return
    with conn.cursor() as cur:
        cur.execute("SELECT name FROM sqlite_master WHERE name LIKE 'hotline_entry%'")
        names = {r[0] for r in cur.fetchall()}
    if "hotline_entry" in names and not {FTS, f"{FTS}_ai", f"{FTS}_ad", f"{FTS}_au"} <= names:
        create_index(conn)


def segmented(title: str, questions: list[str], summary: str, answer: str) -> dict:
    """The two search columns: the title (weighted), then the questions, the summary and the answer."""
    return {
        "search_title": index_words(title),
        "search_text": index_words("\n".join([*questions, summary, answer])),
    }


def search(qs: QuerySet, query: str, limit: int = 200) -> list[int]:
    """Ids of the entries of ``qs`` matching ``query``, best first; [] for a query with no words."""
    words = query_words(query or "")
    if not words:
        return []
    if connection.vendor == "postgresql":
        tsq = " & ".join(f"'{w}':*" if len(w) == 1 else f"'{w}'" for w in words)
        ranked = qs.extra(
            where=[f"{TSV} @@ to_tsquery('simple'::regconfig, %s)"],
            params=[tsq],
            select={"rank": f"ts_rank({TSV}, to_tsquery('simple'::regconfig, %s))"},
            select_params=[tsq],
            order_by=["-rank", "-id"],
        )
    else:
        ranked = qs.extra(
            tables=[FTS],
            where=[f"{FTS}.rowid = hotline_entry.id", f"{FTS} MATCH %s"],
            params=[" ".join(f'"{w}"*' if len(w) == 1 else f'"{w}"' for w in words)],
            select={"rank": f"bm25({FTS}, 10.0, 1.0)"},
            order_by=["rank", "-id"],
        )
    return list(ranked.values_list("id", flat=True)[:limit])
