"""Creating and revoking API tokens (each with its event, in one transaction)."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from gongkai.events.services import record

from .models import ApiToken

TOKEN_PREFIX = "gk_"
MAX_TOKENS = 20  # live tokens per user: enough for every script, not a pile nobody reviews


class TokenError(Exception):
    """A refused token action; the message is for the person (Chinese)."""


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    raw: str  # shown once, never stored


@transaction.atomic
def create_token(user, name: str) -> NewToken:
    from django.utils.translation import gettext as _

    name = " ".join((name or "").split())[:100]
    if not name:
        raise TokenError(_("请填写令牌名称（例如用途或脚本名）。"))
    if ApiToken.objects.filter(user=user, revoked_at__isnull=True).count() >= MAX_TOKENS:
        raise TokenError(_("有效令牌已达 %(n)s 个，请先停用不再使用的令牌。") % {"n": MAX_TOKENS})
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name, token_hash=hash_token(raw), prefix=raw[:8])
    record(user, "api.token.create", token, after={"name": name, "prefix": token.prefix})
    return NewToken(token, raw)


@transaction.atomic
def revoke_token(actor, token: ApiToken) -> ApiToken:
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        record(actor, "api.token.revoke", token, after={"prefix": token.prefix})
    return token


def authenticate(raw: str) -> ApiToken | None:
    """The usable token for ``raw`` (its user attached), marking it used; None for anything else."""
    if not raw or not raw.startswith(TOKEN_PREFIX) or len(raw) > 100:
        return None
    token = ApiToken.objects.usable().select_related("user").filter(token_hash=hash_token(raw)).first()
    if token is None:
        return None
    # One UPDATE, no event per request: last_used_at is what attributes the use.
    now = timezone.now()
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now
    return token
