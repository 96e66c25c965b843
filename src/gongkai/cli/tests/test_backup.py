"""``gongkai backup`` / ``gongkai restore``: a backup restored into an empty database serves the
same pages and files as the site it was taken from (each site is its own process, as in use)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tarfile
import uuid

import pytest
from django.db import connection

# Made in the first site: an agency, a published catalogue entry with an attachment, an event.
SEED = """
import django, json
django.setup()
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import transaction
call_command("migrate", verbosity=0)
from gongkai.agencies.testing import make_agency
from gongkai.catalogue.models import Attachment
from gongkai.catalogue.testing import make_entry
with transaction.atomic():
    agency = make_agency("jyj", "示例县教育局")
    entry = make_entry(agency, "关于备份恢复的通知", status="published", body="备份正文")
    data = "附件内容：恢复后应一字不差。".encode()
    attachment = Attachment(entry=entry, name="附件.pdf", kind="pdf", content_type="application/pdf",
                            size=len(data), sha256="x")
    attachment.file.save("附件.pdf", ContentFile(data), save=True)
print(json.dumps({"entry": entry.pk, "attachment": attachment.pk}))
"""

# What a visitor gets from a site: the entry page and the attachment, and the log's verdict.
VISIT = """
import django, hashlib, json, sys
django.setup()
from django.test import Client
from gongkai.events.services import verify_chain
ids = json.loads(sys.argv[1])
client = Client(HTTP_HOST="127.0.0.1")
page = client.get(f"/catalogue/{ids['entry']}/")
file = client.get(f"/catalogue/{ids['entry']}/files/{ids['attachment']}/")
body = b"".join(file.streaming_content) if file.streaming else file.content
text = page.content.decode()
print(json.dumps({"page": page.status_code, "title": "关于备份恢复的通知" in text, "file": file.status_code,
                  "sha": hashlib.sha256(body).hexdigest(), "log_intact": verify_chain().intact}))
"""


def _env(data_dir, database_url=None):
    env = {**os.environ, "GONGKAI_DATA": str(data_dir), "DJANGO_SETTINGS_MODULE": "gongkai.web.settings"}
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def _python(script, env, *args):
    done = subprocess.run(
        [sys.executable, "-c", script, *args], env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def _gongkai(env, *args):
    return subprocess.run(
        [sys.executable, "-c", "from gongkai.cli import main; raise SystemExit(main())", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _round_trip(tmp_path, first_url=None, second_url=None):
    first, second = _env(tmp_path / "first", first_url), _env(tmp_path / "second", second_url)
    ids = _python(SEED, first)
    original = _python(VISIT, first, json.dumps(ids))
    assert original == {**original, "page": 200, "title": True, "file": 200, "log_intact": True}

    archive = tmp_path / "backup.tar.gz"
    made = _gongkai(first, "backup", "-o", str(archive))
    assert made.returncode == 0, made.stderr
    assert oct(archive.stat().st_mode & 0o777) == "0o600"  # personal data and secrets inside

    # The second site starts empty (its database migrated, as `gongkai serve` leaves it).
    _python(
        "import django; django.setup(); from django.core.management import call_command; "
        "call_command('migrate', verbosity=0); print('{}')",
        second,
    )
    restored = _gongkai(second, "restore", str(archive))
    assert restored.returncode == 0, restored.stderr
    assert _python(VISIT, second, json.dumps(ids)) == original

    again = _gongkai(second, "restore", str(archive))
    assert again.returncode == 2 and "目标数据库已有数据" in again.stderr and "Traceback" not in again.stderr
    assert _gongkai(second, "restore", "--force", str(archive)).returncode == 0
    assert _python(VISIT, second, json.dumps(ids)) == original
    return first, archive


@pytest.fixture(scope="module")
def sqlite_round_trip(tmp_path_factory):
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite path runs in the SQLite suite")
    tmp_path = tmp_path_factory.mktemp("backup")
    return tmp_path, *_round_trip(tmp_path)


def test_sqlite_backup_restores_into_an_empty_site(sqlite_round_trip):
    tmp_path, first, archive = sqlite_round_trip
    assert archive.is_file()  # the round trip's own assertions ran in the fixture


def test_a_damaged_archive_changes_nothing(sqlite_round_trip):
    tmp_path, first, archive = sqlite_round_trip
    # Same archive with one stored file's bytes changed: its checksum no longer matches.
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name.startswith("files/"):
                data = data.replace("恢复".encode(), "篡改".encode())
            target.addfile(member, io.BytesIO(data))
    third = _env(tmp_path / "third")
    done = _gongkai(third, "restore", str(damaged))
    assert done.returncode == 2 and "与校验值不符" in done.stderr
    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(archive.read_bytes()[:2000])
    done = _gongkai(third, "restore", str(truncated))
    assert done.returncode == 2 and "损坏" in done.stderr and "Traceback" not in done.stderr
    assert not any((tmp_path / "third").rglob("*.pdf"))  # nothing was restored


def test_postgresql_backup_restores_into_an_empty_database(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("the PostgreSQL path runs in the PostgreSQL suite (make test-pg)")
    settings = connection.settings_dict
    base = f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}"
    template = os.environ.get("GONGKAI_PG_TEMPLATE", "template0")
    names = [f"gongkai_backup_{uuid.uuid4().hex[:8]}_{n}" for n in (1, 2)]
    import psycopg

    admin = psycopg.connect(
        dbname="postgres",
        host=settings["HOST"],
        port=settings["PORT"],
        user=settings["USER"],
        autocommit=True,
    )
    try:
        for name in names:
            admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        _round_trip(tmp_path, f"{base}/{names[0]}", f"{base}/{names[1]}")
    finally:
        for name in names:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()
