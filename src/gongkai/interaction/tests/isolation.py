"""Isolation cases for the 政民互动 staff URLs (run by gongkai.agencies' isolation matrix)."""

from gongkai.agencies.tests.matrix import Exempt
from gongkai.interaction.testing import make_message


def _agency(agency, world):
    return {"agency_code": agency.code}


def _message(agency, world):
    return {"agency_code": agency.code, "pk": make_message(agency).message.pk}


ISOLATION_CASES = {
    "interaction:index": Exempt(
        "lists only the user's own agencies; checked in interaction test_interaction"
    ),
    "interaction:inbox": _agency,
    "interaction:settings": _agency,
    "interaction:stats": lambda agency, world: {"agency_code": agency.code, "year": 2025},
    "interaction:detail": _message,
    "interaction:answer": _message,
    "interaction:publish": _message,
    "interaction:unpublish": _message,
}
