"""Isolation cases for the staff URLs of this app (see test_isolation.py).

Each URL name maps to ``function(agency, world) -> kwargs`` building the URL for objects that
belong to ``agency``; or to ``Exempt("why")`` for a URL that is not about one agency.
"""

from gongkai.agencies.tests.matrix import Exempt


def _agency(agency, world):
    return {"agency_code": agency.code}


def _member(agency, world):
    # A member of ``agency``: the clerk of world.a (the matrix always builds cases for world.a).
    return {"agency_code": agency.code, "user_id": world.clerk_a.pk}


ISOLATION_CASES = {
    "staff:index": Exempt(
        "lists only the user's own agencies; checked in test_isolation.test_index_lists_own"
    ),
    "staff:dashboard": _agency,
    "staff:people": _agency,
    "staff:person_add": _agency,
    "staff:person_edit": _member,
    "staff:person_deactivate": _member,
    "staff:settings": _agency,
    "staff:events": _agency,
}
