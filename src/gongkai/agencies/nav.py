"""The staff navigation: one link per staff section, on every staff page. Apps add theirs in
``AppConfig.ready()``::

    from gongkai.agencies.nav import register_section
    register_section("catalogue", gettext_lazy("主动公开目录"), catalogue_url, order=30)

``url(agency, access)`` gives the section's page for the agency in hand (``agency`` None: the user
serves several agencies and none is chosen, so the link goes to the section's list of agencies),
or None to leave the link out (a role that may not open it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .models import Role


@dataclass(frozen=True)
class Section:
    key: str
    label: object
    url: Callable
    order: int


@dataclass(frozen=True)
class Link:
    key: str
    label: str
    url: str
    current: bool = False


_SECTIONS: dict[str, Section] = {}


def register_section(key: str, label, url: Callable, order: int = 50) -> None:
    _SECTIONS[key] = Section(key, label, url, order)


def links_for(agency, access, path: str) -> list[Link]:
    """The sections' links, in order; the one whose page holds ``path`` (longest prefix) is current."""
    pairs = []
    for section in sorted(_SECTIONS.values(), key=lambda s: s.order):
        url = section.url(agency, access)
        if url:
            pairs.append((section, url))
    current = max((url for _, url in pairs if path.startswith(url)), key=len, default=None)
    return [Link(s.key, str(s.label), url, url == current) for s, url in pairs]


def _home(agency, access):
    return reverse("staff:dashboard", args=[agency.code]) if agency else reverse("staff:index")


def _admin_only(name):
    def url(agency, access):
        return reverse(name, args=[agency.code]) if agency and access.has(Role.AGENCY_ADMIN) else None

    return url


def _events(agency, access):
    return reverse("staff:events", args=[agency.code]) if agency else None


def _calendar(agency, access):
    return reverse("workdays:calendar")  # the working calendar is one for the whole site


def register_own_sections() -> None:
    register_section("home", _("工作台"), _home, order=0)
    register_section("calendar", _("工作日日历"), _calendar, order=80)
    register_section("people", _("人员"), _admin_only("staff:people"), order=85)
    register_section("settings", _("机构设置"), _admin_only("staff:settings"), order=86)
    register_section("events", _("操作记录"), _events, order=90)
