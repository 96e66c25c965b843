"""Caching of public catalogue counts and search results, keyed on the catalogue's Stamp token.

Every save or delete of an entry changes the token (signals below; bulk loaders call ``bump``),
so cached values never outlive the data they describe; the timeout only bounds memory.
"""

from __future__ import annotations

import hashlib
import random
import time

from django.core.cache import cache
from django.db import connection
from django.db.models.signals import post_delete, post_save

TIMEOUT = 300
# How long a process trusts the token it read (seconds). Every cached public page needs the token;
# on PostgreSQL reading it is a network round trip per request, the cached page's only query. Another
# process's change shows within this time; this process's own change at once (bump forgets it).
TOKEN_SECONDS = 1.0
_read: tuple[float, int] | None = None


def token() -> int:
    global _read
    now = time.monotonic()
    # Inside a transaction (a service's write, a test's) always the database's own value: a token
    # read there may be rolled back, and must never be trusted by the next request.
    if _read is not None and now - _read[0] < TOKEN_SECONDS and not connection.in_atomic_block:
        return _read[1]
    # Raw SQL: this runs on every public page, the ORM's query building would cost more than the query.
    with connection.cursor() as cur:
        cur.execute("SELECT token FROM catalogue_stamp WHERE id = 1")
        row = cur.fetchone()
    value = row[0] if row else 0
    _read = None if connection.in_atomic_block else (now, value)
    return value


def bump() -> None:
    global _read
    from .models import Stamp

    _read = None
    value = random.getrandbits(62)
    if not Stamp.objects.filter(pk=1).update(token=value):
        Stamp.objects.update_or_create(pk=1, defaults={"token": value})


def key(kind: str, *parts) -> str:
    digest = hashlib.sha1(repr(parts).encode("utf-8")).hexdigest()
    return f"gongkai:catalogue:{kind}:{token()}:{digest}"


def cached(kind: str, parts: tuple, compute):
    k = key(kind, *parts)
    value = cache.get(k)
    if value is None:
        value = compute()
        cache.set(k, value, TIMEOUT)
    return value


def _changed(sender, **kwargs):
    bump()


def watch(*models) -> None:
    """Every save or delete of these models changes the token: the apps above whose rows appear on a
    cached public page (the published reports on /reports/) call this from their ``ready``."""
    for model in models:
        label = model._meta.label_lower
        post_save.connect(_changed, sender=model, dispatch_uid=f"catalogue_stamp_save_{label}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"catalogue_stamp_delete_{label}")


def connect_signals() -> None:
    from gongkai.agencies.models import Agency

    from .models import Attachment, Entry

    # Agencies too: their names and office details appear on cached public pages (guide, lists).
    watch(Entry, Attachment, Agency)


# ----------------------------------------------------------------------------- whole public pages

CSRF_SENTINEL = "gongkai-csrf-placeholder-5b1f0c"


def public_page(view):
    """Cache a public page's HTML for visitors who are not logged in.

    The page is rendered once with a placeholder CSRF token (base.html's language form and htmx
    headers need one) and each response gets the visitor's own token swapped in, so a cached page
    never carries someone else's token. Logged-in users and pending messages bypass the cache.
    """
    from functools import wraps

    from django.http import HttpResponse
    from django.middleware.csrf import get_token
    from django.utils.translation import get_language

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        messages = getattr(request, "_messages", None)
        if (
            request.user.is_authenticated
            or (messages is not None and len(messages))
            or request.method != "GET"
        ):
            return view(request, *args, **kwargs)
        k = key("html:" + view.__name__, get_language(), request.get_full_path())
        html = cache.get(k)
        if html is None:
            request.csrf_placeholder = True
            response = view(request, *args, **kwargs)
            if response.status_code != 200 or response.streaming:
                return response
            html = response.content.decode(response.charset)
            if CSRF_SENTINEL not in html:
                return response  # the view did not use the placeholder: never share its output
            cache.set(k, html, TIMEOUT)
        return HttpResponse(html.replace(CSRF_SENTINEL, get_token(request)))

    return wrapped


def render_public(request, template: str, context: dict):
    """``render`` for views under ``public_page``: the placeholder token when the page is cached."""
    from django.shortcuts import render

    if getattr(request, "csrf_placeholder", False):
        context = {**context, "csrf_token": CSRF_SENTINEL}
    return render(request, template, context)
