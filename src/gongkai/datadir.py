"""Where the running platform keeps what it writes (database, secret key, static files, uploads),
known without Django so that a command can tell whether a database exists without creating one."""

from __future__ import annotations

import os
from pathlib import Path

SQLITE_FILE = "gongkai.sqlite3"  # in the data folder, unless DATABASE_URL names another database


def data_dir() -> Path:
    return Path(os.environ.get("GONGKAI_DATA", "var")).resolve()


def database_configured() -> bool:
    """DATABASE_URL is set, or the platform's SQLite file exists."""
    return bool(os.environ.get("DATABASE_URL")) or (data_dir() / SQLITE_FILE).is_file()
