"""Serial numbers (申请编号, 文号) and the per-agency settings they use."""

from __future__ import annotations

import re

from gongkai import serials

from .models import ApplicationSettings, Counter


def settings_for(agency) -> ApplicationSettings:
    """The agency's settings, or unsaved defaults (文号 prefix: 示例县教育局 → 示教)."""
    found = ApplicationSettings.objects.filter(agency=agency).first()
    if found is not None:
        return found
    return ApplicationSettings(agency=agency, doc_prefix=default_prefix(agency.name))


def default_prefix(name: str) -> str:
    """示例县教育局 → 示教; 示例县人民政府 → 示政 (place's first character + the body's)."""
    m = re.match(r"^(.+?[省市县区旗州])(.+)$", name)
    if not m:
        return name[:2]
    body = m[2].removeprefix("人民")
    return m[1][:1] + body[:1]


def next_serial(agency, year: int, series: str) -> int:
    """The next serial of (agency, year, series); run inside the caller's transaction."""
    return serials.next_serial(Counter, agency=agency, year=year, series=series)
