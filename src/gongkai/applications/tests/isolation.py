"""Isolation cases for the staff URLs of applications (see gongkai.agencies.tests.test_isolation)."""

from datetime import date

from gongkai.agencies.tests.matrix import Exempt

from .. import services
from ..models import Letter
from ..testing import make_application


def _agency(agency, world):
    return {"agency_code": agency.code}


def _app(agency, world):
    return {"agency_code": agency.code, "pk": make_application(agency, date(2026, 3, 2)).pk}


def _action(agency, world):
    return {**_app(agency, world), "action": "reply"}


def _letter(agency, world):
    app = make_application(agency, date(2026, 3, 2))
    services.request_correction(None, app, "请写明文号", date(2026, 3, 20), date(2026, 3, 3))
    letter = Letter.objects.get(application=app)
    return {"agency_code": agency.code, "pk": app.pk, "letter_id": letter.pk, "fmt": "docx"}


def _attachment(agency, world):

    from django.core.files.uploadedfile import SimpleUploadedFile

    from ..testing import applicant

    upload = SimpleUploadedFile("id.pdf", b"%PDF-1.4\n%test\n", content_type="application/pdf")
    app = services.submit_online(agency, applicant(), [upload]).application
    return {"agency_code": agency.code, "pk": app.pk, "att": app.attachments.get().pk}


ISOLATION_CASES = {
    "applications:index": Exempt("lists only the user's own agencies"),
    "applications:workbench": _agency,
    "applications:create": _agency,
    "applications:reminders_read": _agency,
    "applications:template_list": _agency,
    "applications:template_edit": lambda agency, world: {"agency_code": agency.code, "kind": "correction"},
    "applications:table_three": lambda agency, world: {"agency_code": agency.code, "year": 2026},
    "applications:detail": _app,
    "applications:act": _action,
    "applications:assign": _app,
    "applications:letter_download": _letter,
    "applications:attachment_download": _attachment,
}
