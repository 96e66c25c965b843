"""Settings that matter for speed and safety in production."""

import os
import subprocess
import sys

import pytest
from django.conf import settings


def test_database_connections_are_reused_with_health_checks():
    db = settings.DATABASES["default"]
    assert db["CONN_MAX_AGE"] >= 60 and db["CONN_HEALTH_CHECKS"] is True


@pytest.mark.parametrize("url", [None, "postgres://u@127.0.0.1:5432/x"])
def test_both_databases_get_persistent_connections(url, tmp_path):
    """The SQLite default and a DATABASE_URL (PostgreSQL) both keep connections for 600 s."""
    env = {**os.environ, "GONGKAI_DATA": str(tmp_path), "DJANGO_SETTINGS_MODULE": "gongkai.web.settings"}
    env.pop("DATABASE_URL", None)
    env.pop("GONGKAI_CONN_MAX_AGE", None)
    if url:
        env["DATABASE_URL"] = url
    code = (
        "from django.conf import settings as s; d = s.DATABASES['default']; "
        "print(d['ENGINE'], d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])"
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    engine, age, checks = out.stdout.split()
    assert ("postgresql" in engine) == bool(url)
    assert (age, checks) == ("600", "True")
