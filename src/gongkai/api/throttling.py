"""The hook for rate limits on the API, kept inside gongkai.api.

Off unless ``GONGKAI_API_THROTTLE`` is set in the settings, e.g.
``{"anon": "600/h", "token": "6000/h"}`` (ninja's rate syntax: N/s, N/m, N/h, N/d): anonymous
callers are counted by address, token holders by token. ninja keeps the counts in Django's cache;
a refused request is a 429 in the API's error shape with Retry-After."""

from __future__ import annotations

from django.conf import settings
from ninja.throttling import AnonRateThrottle, AuthRateThrottle


def throttles() -> list:
    rates = getattr(settings, "GONGKAI_API_THROTTLE", None) or {}
    out = []
    if rates.get("anon"):
        out.append(AnonRateThrottle(rates["anon"]))
    if rates.get("token"):
        out.append(AuthRateThrottle(rates["token"]))
    return out
