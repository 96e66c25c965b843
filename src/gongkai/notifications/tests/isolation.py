"""Isolation cases for the staff URLs of notifications (see gongkai.agencies.tests.test_isolation)."""

from datetime import date

from gongkai.applications.testing import make_application

from ..models import Notification


def _notification(agency, world):
    app = make_application(agency, date(2026, 3, 2))
    Notification.objects.filter(application=app).update(state="failed")
    return {"agency_code": agency.code, "pk": Notification.objects.filter(application=app).first().pk}


ISOLATION_CASES = {"notifications:retry": _notification}
