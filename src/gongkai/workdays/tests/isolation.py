"""Isolation cases for the calendar's staff URL (run by gongkai.agencies' isolation matrix)."""

from gongkai.agencies.tests.matrix import Exempt

ISOLATION_CASES = {
    "workdays:calendar": Exempt(
        "the national calendar, not one agency's; permissions in applications test_views"
    ),
}
