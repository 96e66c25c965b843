"""Masking of applicants' personal data (ID number, phone, address, e-mail) for every page but the
detail page of the roles that need it; never shown in full on public pages, in exports or in logs.

Patterns follow local practice (spec supervision-and-privacy §4.1): ``138****1234``,
``35*************123``; an address keeps only its first characters (district or township level).
"""

from __future__ import annotations

import re

MASK = "*"


def mask_id(value: str) -> str:
    v = (value or "").strip()
    if not v:
        return ""
    if len(v) <= 6:
        return MASK * len(v)
    return v[:2] + MASK * (len(v) - 5) + v[-3:]


def mask_phone(value: str) -> str:
    v = re.sub(r"\s+", "", value or "")
    if not v:
        return ""
    digits = re.sub(r"\D", "", v)
    if len(digits) == 11 and digits.startswith("1"):
        return f"{digits[:3]}****{digits[-4:]}"
    if len(v) <= 4:
        return MASK * len(v)
    return MASK * (len(v) - 4) + v[-4:]


def mask_address(value: str, keep: int = 6) -> str:
    v = (value or "").strip()
    if not v:
        return ""
    return v[:keep] + MASK * 4 if len(v) > keep else MASK * 4


def mask_email(value: str) -> str:
    v = (value or "").strip()
    if "@" not in v:
        return MASK * 4 if v else ""
    local, domain = v.split("@", 1)
    return f"{local[:1]}***@{domain}"


def mask_name(value: str) -> str:
    """For public or aggregated views: 张** (organisations keep their name: they are not personal data)."""
    v = (value or "").strip()
    return v[:1] + MASK * max(1, len(v) - 1) if v else ""
