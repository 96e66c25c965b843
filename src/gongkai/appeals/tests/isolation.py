"""Isolation cases for the appeals staff URLs (run by gongkai.agencies' isolation matrix)."""

from datetime import date

from gongkai.agencies.tests.matrix import Exempt
from gongkai.appeals.testing import make_appeal


def _agency(agency, world):
    return {"agency_code": agency.code}


def _appeal(agency, world):
    return {"agency_code": agency.code, "pk": make_appeal(agency, received_on=date(2024, 3, 1)).pk}


ISOLATION_CASES = {
    "appeals:index": Exempt("lists only the user's own agencies; checked in appeals test_views"),
    "appeals:list": _agency,
    "appeals:create": _agency,
    "appeals:table_four": lambda agency, world: {"agency_code": agency.code, "year": 2024},
    "appeals:table_four_drill": lambda agency, world: {
        "agency_code": agency.code,
        "year": 2024,
        "row": "reconsideration",
        "column": "total",
    },
    "appeals:detail": _appeal,
    "appeals:edit": _appeal,
    "appeals:answer": _appeal,
    "appeals:decision": _appeal,
    "appeals:withdraw": _appeal,
}
