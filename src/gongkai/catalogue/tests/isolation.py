"""Isolation cases for the catalogue's staff URLs (run by gongkai.agencies' isolation matrix)."""

from gongkai.agencies.tests.matrix import Exempt
from gongkai.catalogue.models import Attachment, Status
from gongkai.catalogue.testing import make_entry

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _agency(agency, world):
    return {"agency_code": agency.code}


def _entry(agency, world, status=Status.DRAFT):
    return {"agency_code": agency.code, "pk": make_entry(agency, "隔离测试草稿", status=status).pk}


def _transition(agency, world):
    return {**_entry(agency, world, Status.SUBMITTED), "action": "publish"}


def _attachment(agency, world):
    from django.core.files.base import ContentFile

    entry = make_entry(agency, "隔离测试附件")
    att = Attachment(
        entry=entry, name="a.pdf", kind="pdf", content_type="application/pdf", size=len(PDF), sha256="0"
    )
    att.file.save("a.pdf", ContentFile(PDF), save=True)
    return {"agency_code": agency.code, "pk": entry.pk, "att": att.pk}


ISOLATION_CASES = {
    "catalogue:synonyms": _agency,
    "catalogue:index": Exempt("lists only the user's own agencies; checked in catalogue test_views"),
    "catalogue:entry_list": _agency,
    "catalogue:review_queue": _agency,
    "catalogue:settings": _agency,
    "catalogue:entry_create": _agency,
    "catalogue:entry_detail": _entry,
    "catalogue:entry_edit": _entry,
    "catalogue:entry_delete": _entry,
    "catalogue:entry_history": _entry,
    "catalogue:entry_validity": lambda agency, world: _entry(agency, world, Status.PUBLISHED),
    "catalogue:entry_transition": _transition,
    "catalogue:attachment_add": _entry,
    "catalogue:attachment_download": _attachment,
    "catalogue:attachment_delete": _attachment,
}
