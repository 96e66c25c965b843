"""The batch checker's writes: a batch and its files (stored in the data folder), the check of each
file (one at a time, each saved on its own, so a crash loses at most the file in hand and an
unreadable file never stops the others), re-checking, deleting and purging old batches."""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
from datetime import timedelta
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from gongkai.annual.checks import Severity, has_errors, run_checks
from gongkai.annual.errors import failure
from gongkai.annual.readers import read_bytes, sniff
from gongkai.events.services import record

from .models import CheckBatch, CheckItem, ItemState
from .signals import batch_queued
from .upload import UploadRefused, collect
from .workflow import MACHINE, BatchState

log = logging.getLogger(__name__)

__all__ = [
    "UploadRefused",
    "check_item",
    "check_pending",
    "create_batch",
    "delete_batch",
    "purge_old",
    "recheck",
]


def storage_dir() -> Path:
    return Path(settings.GONGKAI_CHECKER_DIR)


def batch_dir(batch_id: int) -> Path:
    return storage_dir() / str(batch_id)


def _move(batch: CheckBatch, action: str) -> None:
    batch.state = MACHINE.fire(batch.state, action)


def create_batch(owner, uploads) -> CheckBatch:
    """Store the reports of ``uploads`` as a new batch of ``owner``'s, queued for the worker (the
    task is queued when the transaction commits). UploadRefused, with nothing kept, when the upload
    breaks a limit."""
    with transaction.atomic():
        batch = CheckBatch.objects.create(owner=owner)
        folder = batch_dir(batch.pk)
        items: list[CheckItem] = []

        def store(name: str, data: bytes) -> None:
            position = len(items) + 1
            suffix = PurePosixPath(name).suffix.lower()[:10]
            stored = f"{position:05d}{suffix}"
            folder.mkdir(parents=True, exist_ok=True)
            (folder / stored).write_bytes(data)
            items.append(
                CheckItem(
                    batch=batch,
                    position=position,
                    name=name[:500],
                    size=len(data),
                    sha256=hashlib.sha256(data).hexdigest(),
                    stored=stored,
                )
            )

        try:
            collected = collect(uploads, sink=store)
            CheckItem.objects.bulk_create(items)
            batch.total = len(items)
            batch.skipped = collected.skipped[:200]
            batch.save(update_fields=["total", "skipped"])
            record(owner, "checker.batch.create", batch, after={"files": batch.total})
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        transaction.on_commit(lambda: _enqueue(batch.pk))
    return batch


def _enqueue(batch_id: int) -> None:
    batch_queued.send(sender=CheckBatch, batch_id=batch_id)


def check_item(item: CheckItem) -> CheckItem:
    """Read and check one stored file and save what came of it (whatever the file holds)."""
    path = batch_dir(item.batch_id) / item.stored
    fields = dict.fromkeys(("kind", "report_format", "agency", "error"), "")
    fields |= {"year": None, "errors": 0, "warnings": 0, "note_count": 0}
    fields |= {"findings": [], "notes": [], "report": None}
    try:
        data = path.read_bytes()
    except OSError:
        fields |= {
            "state": ItemState.UNREADABLE,
            "error": "文件已不在数据文件夹中（可能已被删除），无法检查。",
        }
    else:
        suffix = PurePosixPath(item.name).suffix
        try:
            fields["kind"] = sniff(data, suffix.lower()) if data.strip() else ""
        except Exception:
            fields["kind"] = ""
        try:
            report = read_bytes(data, source=PurePosixPath(item.name).name, suffix=suffix)
            findings = run_checks(report)
        except Exception as exc:  # the file's fault or ours: the batch goes on either way
            kind, message = failure(exc)
            if kind == "internal":
                log.exception("checking %s (batch %s) failed", item.name, item.batch_id)
            fields |= {"state": ItemState.UNREADABLE, "error": message}
        else:
            fields |= {
                "state": ItemState.ERRORS if has_errors(findings) else ItemState.CLEAN,
                "report_format": report.format,
                "agency": report.agency.name or "",
                "year": report.year,
                "errors": sum(f.severity is Severity.ERROR for f in findings),
                "warnings": sum(f.severity is Severity.WARNING for f in findings),
                "note_count": len(report.notes),
                "findings": [f.to_json() for f in findings],
                "notes": [n.to_json() for n in report.notes],
                "report": json.loads(report.dumps()),  # money as JSON numbers, as the schema has it
            }
    for name, value in fields.items():
        setattr(item, name, value)
    item.checked = timezone.now()
    item.save()
    return item


def check_pending(batch_id: int, limit: int | None = None) -> bool:
    """The worker's part: check up to ``limit`` of the batch's pending files (all when None), each
    saved as soon as it is checked; True while files are left for another run. A deleted batch has
    nothing left."""
    with transaction.atomic():
        batch = CheckBatch.objects.select_for_update().filter(pk=batch_id).first()
        if batch is None:
            return False
        if batch.state != BatchState.CHECKING:
            _move(batch, "start")
        batch.touched = timezone.now()
        batch.save(update_fields=["state", "touched"])
    pending = CheckItem.objects.filter(batch_id=batch_id, state=ItemState.PENDING).order_by("position")
    for item in pending[:limit] if limit else pending:
        check_item(item)
        CheckBatch.objects.filter(pk=batch_id).update(touched=timezone.now())
    with transaction.atomic():
        batch = CheckBatch.objects.select_for_update().filter(pk=batch_id).first()
        if batch is None:
            return False
        if batch.items.filter(state=ItemState.PENDING).exists():
            return True
        if batch.state != BatchState.DONE:
            _move(batch, "finish")
            batch.save(update_fields=["state"])
    return False


def recheck(actor, batch: CheckBatch) -> CheckBatch:
    """Queue the batch again: a stuck one goes on with the files left; a finished one is checked
    anew from the start (the readers may read more than they did)."""
    with transaction.atomic():
        batch = CheckBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.state == BatchState.DONE:
            batch.items.update(state=ItemState.PENDING)
        _move(batch, "recheck")
        batch.touched = timezone.now()
        batch.save(update_fields=["state", "touched"])
        record(actor, "checker.batch.recheck", batch)
        transaction.on_commit(lambda: _enqueue(batch.pk))
    return batch


def delete_batch(actor, batch: CheckBatch) -> None:
    """The batch, its results and its stored files, gone."""
    batch_id = batch.pk
    with transaction.atomic():
        record(actor, "checker.batch.delete", batch, before={"files": batch.total})
        batch.delete()
        transaction.on_commit(lambda: shutil.rmtree(batch_dir(batch_id), ignore_errors=True))


def purge_old(days: int | None = None, now=None) -> int:
    """Delete the batches uploaded more than ``days`` ago (GONGKAI_CHECKER_KEEP_DAYS), files and
    all; the daily job runs it. Returns how many went."""
    days = settings.GONGKAI_CHECKER_KEEP_DAYS if days is None else days
    cutoff = (now or timezone.now()) - timedelta(days=days)
    gone = 0
    for batch in CheckBatch.objects.filter(created__lt=cutoff):
        delete_batch(None, batch)
        gone += 1
    return gone
