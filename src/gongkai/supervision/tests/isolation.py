"""Isolation cases for the supervision URLs (run by gongkai.agencies' isolation matrix): each page is
the area under one agency, so a user who cannot read that agency gets 404."""

from gongkai.agencies.tests.matrix import Exempt

YEAR = 2024


def _area(agency, world):
    return {"agency_code": agency.code, "year": YEAR}


ISOLATION_CASES = {
    "supervision:index": Exempt("redirects to the user's own area (supervision test_views)"),
    "supervision:workplace": _area,
    "supervision:region": _area,
    "supervision:quality": _area,
    "supervision:export": lambda agency, world: {**_area(agency, world), "fmt": "xlsx"},
    "supervision:chart": lambda agency, world: {**_area(agency, world), "name": "appeals"},
}
