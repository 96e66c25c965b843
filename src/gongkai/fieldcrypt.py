"""Personal data encrypted at rest: a model field that stores Fernet tokens, and a keyed hash
(HMAC) column for the equality look-ups an encrypted column can no longer answer.

Keys come from settings.GONGKAI_FIELD_KEYS (any strings of at least 32 characters; each is
stretched to a Fernet key): the first encrypts, every one decrypts (MultiFernet), so rotation is
"put the new key first, run `gongkai rotate-keys`, then drop the old one". Without keys (the demo,
tests) one is derived from SECRET_KEY; production refuses to start without them (settings), and
`check --deploy` reports it (gongkai.web.security).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

TOKEN_PREFIX = "gAAAAA"  # every Fernet token starts so (version byte 0x80 + timestamp)
MIN_KEY_LENGTH = 32


def configured_secrets() -> tuple[str, ...]:
    keys = tuple(getattr(settings, "GONGKAI_FIELD_KEYS", ()) or ())
    if keys:
        return keys
    return ("derived-from-secret-key:" + settings.SECRET_KEY,)


def uses_derived_key() -> bool:
    return not getattr(settings, "GONGKAI_FIELD_KEYS", None)


def _stretch(secret: str, purpose: bytes) -> bytes:
    return hashlib.sha256(purpose + b"\0" + secret.encode("utf-8")).digest()


@lru_cache(maxsize=8)
def _keyring(secrets: tuple[str, ...]) -> tuple[MultiFernet, tuple[bytes, ...]]:
    fernets = [Fernet(base64.urlsafe_b64encode(_stretch(s, b"gongkai-fernet"))) for s in secrets]
    hmac_keys = tuple(_stretch(s, b"gongkai-hmac") for s in secrets)
    return MultiFernet(fernets), hmac_keys


def keyring() -> tuple[MultiFernet, tuple[bytes, ...]]:
    return _keyring(configured_secrets())


def encrypt(value: str) -> str:
    return keyring()[0].encrypt(value.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    try:
        return keyring()[0].decrypt(token.encode("ascii")).decode("utf-8")
    except InvalidToken as error:
        raise ImproperlyConfigured(
            "an encrypted field cannot be read with the configured GONGKAI_FIELD_KEYS "
            "(a key that encrypted it is missing from the list)"
        ) from error


def is_token(value: str) -> bool:
    return value.startswith(TOKEN_PREFIX)


def _normalise(value: str) -> bytes:
    return "".join((value or "").split()).upper().encode("utf-8")


def blind_index(value: str) -> str:
    """The keyed hash under the current (first) key: what is stored."""
    return hmac.new(keyring()[1][0], _normalise(value), hashlib.sha256).hexdigest()


def blind_indexes(value: str) -> list[str]:
    """The keyed hash under every key, for look-ups that must also find rows not yet rotated."""
    return [hmac.new(key, _normalise(value), hashlib.sha256).hexdigest() for key in keyring()[1]]


class EncryptedTextField(models.TextField):
    """Text stored as a Fernet token; reads give the plain text back. The empty string stays empty
    (a blank optional field). No look-up but isnull works on it: use a BlindIndexField."""

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        # A value written before the column was encrypted (the migration encrypts them all) reads as is.
        return decrypt(value) if is_token(value) else value

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return value if is_token(value) else encrypt(value)


class BlindIndexField(models.CharField):
    """The HMAC of another field of the same row, kept up to date on every save and bulk_create."""

    def __init__(self, *args, source: str, **kwargs):
        self.source = source
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("default", "")
        kwargs.setdefault("db_index", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        plain = getattr(model_instance, self.source) or ""
        value = blind_index(plain) if plain else ""
        setattr(model_instance, self.attname, value)
        return value


def rotate(model) -> int:
    """Re-encrypt one model's encrypted fields under the first key and recompute its keyed hashes;
    returns the rows rewritten. Each row is one UPDATE, so an interrupted run can be run again."""
    encrypted = [f for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]
    indexes = [f for f in model._meta.concrete_fields if isinstance(f, BlindIndexField)]
    if not encrypted:
        return 0
    fernet = keyring()[0]
    names = [f.attname for f in encrypted]
    count = 0
    for row in model._default_manager.only("pk", *names).iterator(chunk_size=500):
        values = {}
        for field in encrypted:
            plain = getattr(row, field.attname)
            if plain:
                values[field.attname] = fernet.encrypt(plain.encode("utf-8")).decode("ascii")
        for field in indexes:
            plain = getattr(row, field.source) or ""
            values[field.attname] = blind_index(plain) if plain else ""
        if values:
            model._default_manager.filter(pk=row.pk).update(**values)
            count += 1
    return count
