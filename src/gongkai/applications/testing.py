"""Test helpers for applications (used by its tests, the browser test and the demo)."""

from __future__ import annotations

from datetime import date, datetime, time

from django.utils import timezone

from gongkai.identifiers import resident_id_check_char, uscc_check_char

from .models import Application, Channel
from .services import ApplicantData, register_by_staff

PERSON_ID = "11010519491231002" + resident_id_check_char("11010519491231002")
PHONE = "13912345678"
ADDRESS = "示例县人民路88号3单元502室"


def resident_id(first17: str = "11010519491231002") -> str:
    return first17 + resident_id_check_char(first17)


def uscc(first17: str = "91110108MA01ABCD1") -> str:
    return first17 + uscc_check_char(first17)


def applicant(**over) -> ApplicantData:
    fields = {
        "applicant_type": "natural_person",
        "name": "王建华",
        "id_type": "resident_id",
        "id_number": PERSON_ID,
        "phone": PHONE,
        "email": "wjh@example.com",
        "address": ADDRESS,
        "postcode": "999001",
        "description": "2025年示例县义务教育阶段学校布局调整方案（示教发〔2025〕3号）",
        "delivery_form": "electronic",
        "delivery_channel": "email",
    }
    fields.update(over)
    return ApplicantData(**fields)


def make_application(
    agency, received: date = date(2026, 3, 2), actor=None, channel: str = Channel.IN_PERSON, **over
) -> Application:
    """A registered application received in person on ``received`` (clock running)."""
    return register_by_staff(actor, agency, applicant(**over), channel, received_on=received).application


def submitted_on(app: Application, day: date) -> Application:
    """Move an application's submission back to ``day`` (09:00 local), so a test can confirm its
    receipt on a fixed past day instead of today: deadlines from today may run into a year the
    working-day calendar has not entered yet (counted provisionally, 暂定)."""
    moment = timezone.make_aware(datetime.combine(day, time(9, 0)))
    Application.objects.filter(pk=app.pk).update(submitted_at=moment)
    app.refresh_from_db()
    return app


def bare_application(agency, tracking_no: str, **fields) -> Application:
    """An unsaved application with placeholder applicant data and only the given ``fields`` that
    matter to a table, for tests that bulk-create many (no services, no clock, no events)."""
    values = {
        "query_code_hash": "x",
        "channel": "in_person",
        "name": "x",
        "id_type": "resident_id",
        "id_number": "x",
        "phone": "x",
        "description": "x",
        "delivery_form": "paper",
        "delivery_channel": "post",
        "submitted_at": timezone.now(),
        **fields,
    }
    return Application(agency=agency, tracking_no=tracking_no, **values)
