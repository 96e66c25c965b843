"""Attachments of an entry: checked by size and by their real type (magic bytes, ``files``), stored
under their hash, and removed from storage only once the database change is committed.
"""

from __future__ import annotations

import contextlib
import hashlib
import os

from django.conf import settings
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.agencies.models import Role
from gongkai.events.services import record

from .errors import CatalogueError
from .files import sniff_upload
from .models import Attachment, Entry
from .workflow import EDITABLE_STATES, locked, require_role

DEFAULT_MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024


def max_attachment_bytes() -> int:
    return int(getattr(settings, "GONGKAI_ATTACHMENT_MAX_BYTES", DEFAULT_MAX_ATTACHMENT_BYTES))


def remove_files(names) -> None:
    for name in names:
        with contextlib.suppress(OSError):
            default_storage.delete(name)


def _safe_name(name: str, extension: str) -> str:
    base = os.path.basename((name or "").replace("\\", "/")).strip() or "attachment"
    stem, _ext = os.path.splitext(base)
    stem = "".join(ch for ch in stem if ch.isprintable() and ch not in '<>:"/\\|?*')[:120] or "attachment"
    # The extension follows the content: a PNG named .pdf is stored and served as .png.
    return stem + extension


def add_attachment(actor, entry: Entry, upload) -> Attachment:
    """Attach an uploaded file after checking its size and its real type (magic bytes).

    The file is written only after every check passed; if the database part then fails, the
    written file is removed again, so nothing is half-saved.
    """
    limit = max_attachment_bytes()
    size = getattr(upload, "size", None)
    if size is None:
        upload.seek(0, os.SEEK_END)
        size = upload.tell()
        upload.seek(0)
    if size == 0:
        raise CatalogueError(_("文件是空的。"), "file")
    if size > limit:
        raise CatalogueError(
            _("文件过大：%(size).1f MB，上限为 %(limit).0f MB。")
            % {"size": size / 1048576, "limit": limit / 1048576},
            "file",
        )
    kind = sniff_upload(upload)
    if kind is None:
        raise CatalogueError(
            _(
                "不支持的文件类型（按文件内容判断）。只能上传 PDF、Word（.docx/.doc）、Excel（.xlsx/.xls）、PNG 或 JPEG 文件。"
            ),
            "file",
        )
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in iter(lambda: upload.read(1 << 20), b""):
        digest.update(chunk)
    upload.seek(0)
    name = _safe_name(getattr(upload, "name", ""), kind.extension)

    stored: list[str] = []
    try:
        with transaction.atomic():
            entry = locked(entry)
            require_role(actor, entry.agency, Role.CLERK)
            if entry.status not in EDITABLE_STATES:
                raise CatalogueError(_("只有草稿或已退回的条目可以修改附件。"))
            att = Attachment(
                entry=entry,
                name=name,
                kind=kind.key,
                content_type=kind.content_type,
                size=size,
                sha256=digest.hexdigest(),
                uploaded_by=actor if getattr(actor, "pk", None) else None,
            )
            stored_name = f"{digest.hexdigest()[:16]}{kind.extension}"
            att.file.save(stored_name, File(upload, name=stored_name), save=False)
            stored.append(att.file.name)
            att.save()
            record(
                actor,
                "catalogue.attachment.add",
                entry,
                None,
                {"attachment": att.pk, "name": name, "type": kind.key, "size": size, "sha256": att.sha256},
                note=name,
            )
    except BaseException:
        remove_files(stored)
        raise
    return att


@transaction.atomic
def delete_attachment(actor, attachment: Attachment) -> None:
    entry = locked(attachment.entry)
    require_role(actor, entry.agency, Role.CLERK)
    if entry.status not in EDITABLE_STATES:
        raise CatalogueError(_("只有草稿或已退回的条目可以修改附件。"))
    info = {
        "attachment": attachment.pk,
        "name": attachment.name,
        "type": attachment.kind,
        "size": attachment.size,
    }
    name = attachment.file.name
    attachment.delete()
    record(actor, "catalogue.attachment.delete", entry, info, None, note=attachment.name)
    transaction.on_commit(lambda: remove_files([name]))
