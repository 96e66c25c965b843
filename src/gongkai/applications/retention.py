"""Retention of applicants' personal data (个人信息保护法 第十九条: no longer than necessary).

A daily step of the worker (tasks.daily): once ``GONGKAI_PERSONAL_DATA_RETENTION_DAYS`` have
passed since a case was finished (办结日期), the applicant's ID number, phone, e-mail, address and
postcode are erased and the files the applicant sent (申请材料 and 补正材料, where copies of identity
documents are) are deleted. The case, its name, dates, outcome, letters and staff files stay, so
the annual report's figures do not change. Each case is one transaction with its event.

The default, 3 years, is a choice [I]: no 保管期限 for 依申请公开 files was found (spec
supervision-and-privacy §3.6), 3 years matches the PIA records' minimum (第五十五–五十六条) and
outlasts the remedy periods (60 days / 6 months) with their proceedings; a local 档案 rule that
asks for longer is set in the variable.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from gongkai.events.services import record

from .models import Application, Attachment, AttachmentPurpose

ERASED_FIELDS = ("id_number", "phone", "email", "address", "postcode")
APPLICANT_FILES = (AttachmentPurpose.APPLICATION, AttachmentPurpose.CORRECTION)


def retention_days() -> int:
    return int(getattr(settings, "GONGKAI_PERSONAL_DATA_RETENTION_DAYS", 3 * 365))


def due(today: date | None = None):
    """Finished cases past the retention period whose personal data is still there."""
    today = today or timezone.localdate()
    cutoff = today - timedelta(days=retention_days())
    return Application.objects.filter(
        finished_on__isnull=False, finished_on__lte=cutoff, personal_data_erased_on__isnull=True
    )


def erase_personal_data(app: Application, today: date) -> None:
    files = list(app.attachments.filter(purpose__in=APPLICANT_FILES))
    with transaction.atomic():
        erased = [name for name in ERASED_FIELDS if getattr(app, name)]
        for name in ERASED_FIELDS:
            setattr(app, name, "")
        app.personal_data_erased_on = today
        app.save(update_fields=[*ERASED_FIELDS, "id_number_hash", "personal_data_erased_on"])
        Attachment.objects.filter(pk__in=[f.pk for f in files]).delete()
        record(
            None,
            "applications.personal_data.erase",
            app,
            after={"fields": erased, "files": len(files), "retention_days": retention_days()},
        )
        # the files go once the rows are gone for good
        paths = [f.file for f in files if f.file]
        transaction.on_commit(lambda: [p.storage.delete(p.name) for p in paths])


def erase_expired(today: date | None = None) -> int:
    today = today or timezone.localdate()
    count = 0
    for app in due(today).iterator():
        erase_personal_data(app, today)
        count += 1
    return count
