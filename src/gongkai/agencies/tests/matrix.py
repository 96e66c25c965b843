"""The agency-isolation matrix: every URL under the staff namespaces, tried by users of other agencies.

Each app that adds staff URLs lists them in ``<app>/tests/isolation.py``::

    ISOLATION_CASES = {
        "catalogue:entry_edit": lambda agency, world: {"agency_code": agency.code, "pk": make_entry(agency).pk},
    }

The function gets the agency whose data is probed (``world.a``) and the ``World`` from
``gongkai.agencies.testing``; it creates what it needs and returns the URL kwargs.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver

# Everything under /staff/ is agency-scoped back office, whatever app it comes from; these
# namespaces are included even if mounted elsewhere.
STAFF_PREFIX = "staff/"
STAFF_NAMESPACES = ("staff", "catalogue", "applications")


@dataclass(frozen=True)
class Exempt:
    """A staff URL that is not about one agency (say why, and test it elsewhere)."""

    reason: str


def staff_url_names(prefix: str = STAFF_PREFIX, namespaces=STAFF_NAMESPACES) -> list[str]:
    """Every URL under ``/staff/`` (or in one of ``namespaces``), as its reversible name
    ('ns:name', nested 'ns:sub:name'). An unnamed one appears as '<unnamed route>' so that it
    fails the matrix too: an unnamed staff URL cannot be tested."""
    found: list[str] = []

    def walk(patterns, names: list[str], route: str):
        for p in patterns:
            here = route + str(p.pattern)
            if isinstance(p, URLResolver):
                walk(p.url_patterns, [*names, p.namespace] if p.namespace else names, here)
            elif isinstance(p, URLPattern):
                if not (here.startswith(prefix) or (names and names[0] in namespaces)):
                    continue
                if p.name:
                    found.append(":".join([*names, p.name]))
                else:
                    found.append(f"<unnamed {here}>")

    walk(get_resolver().url_patterns, [], "")
    return sorted(set(found))


def collect_cases() -> dict:
    """ISOLATION_CASES from every installed app that has ``tests/isolation.py``."""
    cases: dict = {}
    for config in apps.get_app_configs():
        try:
            module = import_module(f"{config.name}.tests.isolation")
        except ModuleNotFoundError as error:
            if error.name and (error.name.endswith(".tests") or error.name.endswith(".isolation")):
                continue
            raise
        cases.update(getattr(module, "ISOLATION_CASES", {}))
    return cases
