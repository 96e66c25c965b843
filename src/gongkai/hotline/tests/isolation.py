"""Isolation cases for the knowledge base's staff URLs (run by gongkai.agencies' isolation matrix)."""

from gongkai.agencies.tests.matrix import Exempt
from gongkai.hotline.testing import make_entry


def _agency(agency, world):
    return {"agency_code": agency.code}


def _entry(agency, world):
    return {"agency_code": agency.code, "pk": make_entry(agency).pk}


ISOLATION_CASES = {
    "hotline:index": Exempt("lists only the user's own agencies; checked in hotline test_hotline"),
    "hotline:entries": _agency,
    "hotline:lookup": _agency,
    "hotline:entry_create": _agency,
    "hotline:staleness": _agency,
    "hotline:export": lambda agency, world: {"agency_code": agency.code, "fmt": "json"},
    "hotline:entry": _entry,
    "hotline:entry_edit": _entry,
    "hotline:entry_action": _entry,
}
