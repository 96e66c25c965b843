"""Rate limits on the public forms, search and login, in one place; the deployment check of the
field-encryption keys.

A fixed-window counter per (limit, client address) in the "ratelimit" cache: locmem by default,
which counts per process (gunicorn's workers each count on their own), Redis with GONGKAI_CACHE_URL
for a shared count. The limits are settings (GONGKAI_RATE_LIMITS); which URL falls under which
limit is declared here, so no view needs to know. A refused request gets the Chinese 429 page.
"""

from __future__ import annotations

import hashlib
import re
import time
from dataclasses import dataclass

from django.conf import settings
from django.core import checks
from django.core.cache import caches
from django.shortcuts import render

from gongkai import fieldcrypt
from gongkai.agencies.auth import client_ip


@dataclass(frozen=True)
class Limited:
    """Which requests a limit counts: a URL name, the methods, and (for search) a query parameter."""

    limit: str
    methods: frozenset[str]
    needs_param: str | None = None


POST = frozenset({"POST"})
GET = frozenset({"GET", "HEAD"})

LIMITED_VIEWS: dict[str, Limited] = {
    "apply:form": Limited("apply", POST),  # the online application
    "apply:track": Limited("track", POST),  # tracking number + query code look-up
    "apply:correct": Limited("correct", POST),  # the applicant's 补正 (text and files)
    "ask:ask": Limited("ask", POST),  # 政民互动 message
    "ask:track": Limited("track", POST),
    "portal:catalogue": Limited("search", GET, needs_param="q"),
    "kb:search": Limited("search", GET, needs_param="q"),
    "login": Limited("login", POST),  # per address, on top of django-axes' per-account lockout
}

RATE = re.compile(r"^(\d+)/(\d*)([smhd])$")
SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """``"10/h"`` → (10, 3600); ``"5/10m"`` → (5, 600)."""
    match = RATE.match(rate.strip())
    if not match:
        raise ValueError(f"bad rate {rate!r} (like 10/h or 30/5m)")
    count, multiple, unit = match.groups()
    return int(count), int(multiple or 1) * SECONDS[unit]


def hit(name: str, address: str, rate: str) -> tuple[bool, int]:
    """Count one request; (refused, seconds until the window ends)."""
    limit, period = parse_rate(rate)
    now = int(time.time())
    window = now // period
    digest = hashlib.sha256(f"{address}".encode()).hexdigest()[:32]  # no address in the cache keys
    key = f"rl:{name}:{digest}:{window}"
    cache = caches["ratelimit"]
    cache.add(key, 0, timeout=period + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=period + 1)
        count = 1
    return count > limit, period - now % period


def too_many_requests(request, retry_after: int):
    minutes = max(1, -(-retry_after // 60))
    response = render(request, "429.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(retry_after)
    return response


class RateLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        limited = LIMITED_VIEWS.get(match.view_name) if match else None
        if limited is None or request.method not in limited.methods:
            return None
        if limited.needs_param and not request.GET.get(limited.needs_param, "").strip():
            return None
        rate = settings.GONGKAI_RATE_LIMITS.get(limited.limit)
        if not rate:
            return None
        refused, retry_after = hit(limited.limit, client_ip(request) or "-", rate)
        return too_many_requests(request, retry_after) if refused else None


@checks.register(checks.Tags.security, deploy=True)
def check_field_keys(app_configs=None, **kwargs):
    """check --deploy: the applicants' ID numbers and phones need keys of their own in production
    (a key derived from SECRET_KEY would be lost, or leaked, with it)."""
    if fieldcrypt.uses_derived_key():
        return [
            checks.Error(
                "GONGKAI_FIELD_KEYS is not set: personal data is encrypted with a key derived from SECRET_KEY",
                hint="Set GONGKAI_FIELD_KEYS (docs/deploy.md, Security).",
                id="gongkai.E001",
            )
        ]
    short = [i for i, key in enumerate(settings.GONGKAI_FIELD_KEYS) if len(key) < fieldcrypt.MIN_KEY_LENGTH]
    if short:
        return [
            checks.Error(
                f"GONGKAI_FIELD_KEYS: key number {short[0] + 1} is shorter than {fieldcrypt.MIN_KEY_LENGTH} characters",
                hint='python -c "import secrets; print(secrets.token_urlsafe(32))"',
                id="gongkai.E002",
            )
        ]
    return []
