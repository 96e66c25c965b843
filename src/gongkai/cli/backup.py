"""``gongkai backup`` and ``gongkai restore``: the database and every stored file in one archive.

The archive (a .tar.gz) holds ``manifest.json`` (when, from which engine, the migrations applied,
each member's size and sha256), the database (SQLite: a copy made with SQLite's online backup, so
the site can keep running; PostgreSQL: ``pg_dump --format=custom``), every file the database
refers to (read through Django's storage, so local disk and S3-compatible storage both work), the
secret key file (signed links, sessions and keys derived from it need it) and the sent-mail folder.
It holds personal data and secrets: it is written readable by its owner only.

Restore checks the whole archive before it touches anything, refuses a database that already has
data (``--force`` replaces it), restores into a single transaction (PostgreSQL) or by an atomic
file swap (SQLite), then runs the migrations so an older backup fits the installed code.

Exit status: 0 = done; 2 = refused or failed (the message says why; nothing was changed).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
from datetime import datetime
from pathlib import Path

from .django_setup import setup_django

FORMAT = "gongkai.backup/1"
DB_SQLITE, DB_PG = "database.sqlite3", "database.pgdump"
FILES, EXTRA = "files/", "data/"
# Folders of the data directory kept besides the stored files (what the site wrote that is not a
# database row): the secret key and copies of the e-mail it sent.
EXTRA_ITEMS = ("secret_key", "mail")


class BackupError(Exception):
    """A refusal or failure, with its message for the person running the command."""


def register(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser(
        "backup",
        help="备份数据库和上传的文件",
        description="把数据库（SQLite 在线备份或 pg_dump）和全部上传文件写入一个归档文件。退出码：0 完成，2 失败。",
    )
    p.add_argument(
        "-o", "--output", metavar="ARCHIVE", help="归档文件（默认 数据目录/backups/gongkai-时间.tar.gz）"
    )
    p.set_defaults(handler=cmd_backup)
    p = commands.add_parser(
        "restore",
        help="从备份恢复",
        description="从 gongkai backup 写出的归档恢复数据库和文件。目标数据库已有数据时默认拒绝。退出码：0 完成，2 拒绝或失败。",
    )
    p.add_argument("archive", metavar="ARCHIVE")
    p.add_argument("--force", action="store_true", help="目标数据库已有数据时也恢复（将被替换）")
    p.set_defaults(handler=cmd_restore)


def cmd_backup(args: argparse.Namespace) -> int:
    setup_django()
    try:
        path = backup(Path(args.output) if args.output else None)
    except BackupError as exc:
        print(f"备份失败：{exc}", file=sys.stderr)
        return 2
    print(f"已备份到 {path}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    setup_django()
    try:
        manifest = restore(Path(args.archive), force=args.force)
    except BackupError as exc:
        print(f"未恢复：{exc}", file=sys.stderr)
        return 2
    print(f"已从 {args.archive} 恢复（备份于 {manifest['created']}，{len(manifest['files'])} 个文件）")
    return 0


# ---------------------------------------------------------------- backup


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _database():
    from django.db import connection

    return connection


def _pg_env(settings_dict: dict) -> tuple[list[str], dict]:
    """libpq connection options for pg_dump/pg_restore (the password through the environment)."""
    options = ["--dbname", settings_dict["NAME"]]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings_dict.get(key):
            options += [flag, str(settings_dict[key])]
    env = {**os.environ}
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = settings_dict["PASSWORD"]
    return options, env


def _dump_database(folder: Path) -> str:
    connection = _database()
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(folder / DB_SQLITE)
        try:
            connection.connection.backup(target)  # consistent while the site keeps writing
        finally:
            target.close()
        return DB_SQLITE
    if connection.vendor == "postgresql":
        options, env = _pg_env(connection.settings_dict)
        done = subprocess.run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                "--file",
                str(folder / DB_PG),
                *options,
            ],
            env=env,
            capture_output=True,
            text=True,
        )
        if done.returncode:
            raise BackupError(f"pg_dump 出错：{done.stderr.strip()}")
        return DB_PG
    raise BackupError(f"不支持备份此类数据库：{connection.vendor}")


def _stored_file_names() -> list[str]:
    """Every file name the database refers to, from every FileField of every model."""
    from django.apps import apps
    from django.db import models

    names: set[str] = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField):
                names.update(
                    n
                    for n in model._default_manager.exclude(**{field.name: ""}).values_list(
                        field.name, flat=True
                    )
                    if n
                )
    return sorted(names)


def _applied_migrations() -> dict[str, str]:
    from django.db.migrations.recorder import MigrationRecorder

    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(_database()).applied_migrations():
        latest[app] = max(latest.get(app, ""), name)
    return latest


def _add(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime = len(data), 0o600, int(datetime.now().timestamp())
    archive.addfile(info, io.BytesIO(data))


def backup(output: Path | None = None) -> Path:
    from django.conf import settings
    from django.core.files.storage import default_storage

    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    output = output or Path(settings.DATA_DIR) / "backups" / f"gongkai-{stamp}.tar.gz"
    output.parent.mkdir(parents=True, exist_ok=True)
    members: dict[str, dict] = {}
    partial = output.with_name(output.name + ".partial")
    with tempfile.TemporaryDirectory() as scratch:
        database = _dump_database(Path(scratch))
        # Created for the owner only, then renamed into place: a half-written archive never
        # carries the final name.
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as archive:
                data = (Path(scratch) / database).read_bytes()
                _add(archive, database, data)
                members[database] = {"size": len(data), "sha256": _sha256(data)}
                for name in _stored_file_names():
                    try:
                        with default_storage.open(name, "rb") as stored:
                            data = stored.read()
                    except (FileNotFoundError, OSError) as exc:
                        raise BackupError(f"读不到存储的文件 {name}：{exc}") from None
                    _add(archive, FILES + name, data)
                    members[FILES + name] = {"size": len(data), "sha256": _sha256(data)}
                for item in EXTRA_ITEMS:
                    source = Path(settings.DATA_DIR) / item
                    for path in sorted(source.rglob("*")) if source.is_dir() else [source]:
                        if path.is_file():
                            relative = EXTRA + path.relative_to(settings.DATA_DIR).as_posix()
                            data = path.read_bytes()
                            _add(archive, relative, data)
                            members[relative] = {"size": len(data), "sha256": _sha256(data)}
                manifest = {
                    "format": FORMAT,
                    "created": datetime.now().astimezone().isoformat(timespec="seconds"),
                    "engine": _database().vendor,
                    "database": database,
                    "migrations": _applied_migrations(),
                    "files": {k: v for k, v in members.items() if k.startswith(FILES)},
                    "members": members,
                }
                _add(archive, "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1).encode())
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    os.replace(partial, output)
    return output


# ---------------------------------------------------------------- restore


def _unpack(archive_path: Path, into: Path) -> dict:
    """Extract and check every member against the manifest; nothing outside ``into``."""
    try:
        with tarfile.open(archive_path, "r:*") as archive:
            archive.extractall(into, filter="data")  # refuses absolute paths, "..", links out
    except FileNotFoundError:
        raise BackupError(f"找不到归档文件 {archive_path}") from None
    except (tarfile.TarError, EOFError, OSError, ValueError) as exc:
        raise BackupError(f"归档文件已损坏或不是 gongkai 备份：{exc}") from None
    try:
        manifest = json.loads((into / "manifest.json").read_text("utf-8"))
    except (OSError, ValueError):
        raise BackupError("归档中没有可读的 manifest.json，不是 gongkai 备份") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"不认识的备份格式：{manifest.get('format')!r}")
    for name, meta in manifest["members"].items():
        path = into / name
        if not path.is_file() or _sha256(path.read_bytes()) != meta["sha256"]:
            raise BackupError(f"归档中的 {name} 缺失或与校验值不符，备份不完整")
    return manifest


def _has_data() -> bool:
    connection = _database()
    tables = set(connection.introspection.table_names())
    if "django_migrations" not in tables:
        return False
    from django.contrib.auth import get_user_model

    with connection.cursor() as cursor:
        for table in ("events_event", "agencies_agency", get_user_model()._meta.db_table):
            if table in tables:
                cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")
                if cursor.fetchone():
                    return True
    return False


def _restore_sqlite(source: Path) -> None:
    connection = _database()
    check = sqlite3.connect(source)
    try:
        if check.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise BackupError("备份中的 SQLite 数据库未通过完整性检查")
    finally:
        check.close()
    target = Path(connection.settings_dict["NAME"])
    connection.close()
    staged = target.with_name(target.name + ".restoring")
    shutil.copyfile(source, staged)
    for suffix in ("-wal", "-shm"):  # the old database's journal must not be replayed onto the new
        target.with_name(target.name + suffix).unlink(missing_ok=True)
    os.replace(staged, target)


def _restore_postgresql(source: Path) -> None:
    connection = _database()
    options, env = _pg_env(connection.settings_dict)
    connection.close()
    # --clean: an empty site still has its migrated tables, replaced by the dump's own (the
    # refusal to overwrite data was made before); --single-transaction: all or nothing.
    command = [
        "pg_restore",
        "--no-owner",
        "--no-privileges",
        "--exit-on-error",
        "--single-transaction",
        "--clean",
        "--if-exists",
    ]
    done = subprocess.run([*command, *options, str(source)], env=env, capture_output=True, text=True)
    if done.returncode:
        raise BackupError(f"pg_restore 出错，数据库未改动：{done.stderr.strip()[-2000:]}")


def _restore_files(folder: Path, manifest: dict) -> None:
    from django.conf import settings
    from django.core.files.base import File
    from django.core.files.storage import default_storage

    for name in manifest["files"]:
        stored = name[len(FILES) :]
        if default_storage.exists(stored):
            default_storage.delete(stored)
        with (folder / name).open("rb") as handle:
            saved = default_storage.save(stored, File(handle))
        if saved != stored:
            raise BackupError(f"文件 {stored} 被存储改名为 {saved}，请检查存储设置")
    extra_root = folder / EXTRA.rstrip("/")
    if extra_root.is_dir():
        for path in sorted(extra_root.rglob("*")):
            if path.is_file():
                target = Path(settings.DATA_DIR) / path.relative_to(extra_root)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)
                os.chmod(target, 0o600)


def restore(archive_path: Path, force: bool = False) -> dict:
    from django.core.management import call_command

    connection = _database()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        manifest = _unpack(archive_path, folder)
        if manifest["engine"] != connection.vendor:
            raise BackupError(
                f"备份来自 {manifest['engine']} 数据库，当前为 {connection.vendor}：请在同类数据库上恢复"
            )
        if _has_data() and not force:
            raise BackupError("目标数据库已有数据；确认要替换时加 --force")
        if connection.vendor == "sqlite":
            _restore_sqlite(folder / manifest["database"])
        else:
            _restore_postgresql(folder / manifest["database"])
        _restore_files(folder, manifest)
    call_command("migrate", verbosity=0, interactive=False)
    return manifest
