"""Serial numbers (申请编号, 文号) and the per-agency settings they use."""

from __future__ import annotations

import re

from django.db import IntegrityError, transaction
from django.db.models import F

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
    if not Counter.objects.filter(agency=agency, year=year, series=series).exists():
        try:
            with transaction.atomic():
                Counter.objects.create(agency=agency, year=year, series=series, last=0)
        except IntegrityError:
            pass  # created meanwhile by another transaction
    # The UPDATE takes the lock before the value is read, so two transactions never share a number.
    Counter.objects.filter(agency=agency, year=year, series=series).update(last=F("last") + 1)
    return Counter.objects.select_for_update().get(agency=agency, year=year, series=series).last
