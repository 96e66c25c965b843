"""Checks for what an applicant types in: ID numbers, 统一社会信用代码, phone numbers.

Each ``validate_*`` returns the value normalised (full-width digits, spaces and case fixed) or
raises ``InvalidValue`` whose message is a sentence to show next to the field, in the active
language (Chinese, the source language, by default; Django's gettext is the only Django used here).
The Django form layer wraps these in its own ValidationError.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from django.utils.translation import gettext as _

from gongkai.i18n import join_list
from gongkai.identifiers import USCC_ALPHABET, resident_id_check_char, uscc_check_char

from .rules import ID_TYPES


class InvalidValue(ValueError):
    """The value is not valid; ``str(error)`` is the message for the form field (active language)."""


def _clean(value: str) -> str:
    # NFKC turns full-width digits and letters (１２３ＡＢＣ) into ASCII, as applicants often type them.
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", value or ""))


# ---------------------------------------------------------------- 居民身份证 (GB 11643-1999)

# Province-level codes (GB/T 2260) under which 居民身份证 are issued on the mainland.
_PROVINCES = frozenset(
    str(n)
    for n in (*range(11, 16), *range(21, 24), *range(31, 38), *range(41, 47), *range(50, 55), *range(61, 66))
)
_PERMIT_AREAS = {"810000": "香港", "820000": "澳门", "830000": "台湾"}


def _check_18(value: str, label: str, today: date | None, area_error) -> str:
    """``label`` is the Chinese name of the document (an ``ID_TYPES`` label), translated here."""
    v = _clean(value).upper()
    label = _(label)
    if not v:
        raise InvalidValue(_("请填写%(label)s号码") % {"label": label})
    if re.fullmatch(r"\d{15}", v):
        raise InvalidValue(_("15位旧身份证号码已停止使用，请填写18位号码"))
    if len(v) != 18:
        raise InvalidValue(_("%(label)s号码应为18位，实为%(n)s位") % {"label": label, "n": len(v)})
    if not re.fullmatch(r"\d{17}[\dX]", v):
        raise InvalidValue(_("%(label)s号码前17位应为数字，最后一位为数字或X") % {"label": label})
    try:
        born = date(int(v[6:10]), int(v[10:12]), int(v[12:14]))
    except ValueError:
        raise InvalidValue(
            _("%(label)s号码中的出生日期 %(date)s 不是有效日期") % {"label": label, "date": v[6:14]}
        ) from None
    if born.year < 1900 or born > (today or date.today()):
        raise InvalidValue(
            _("%(label)s号码中的出生日期 %(date)s 不合理") % {"label": label, "date": born.isoformat()}
        )
    message = area_error(v)
    if message:
        raise InvalidValue(message)
    if resident_id_check_char(v[:17]) != v[17]:
        raise InvalidValue(_("%(label)s号码校验码不正确，请核对后重新填写") % {"label": label})
    return v


def validate_resident_id(value: str, today: date | None = None) -> str:
    """18-digit 居民身份证号码: area, date of birth and check character (GB 11643)."""
    return _check_18(value, ID_TYPES["resident_id"].label, today, _resident_area_error)


def _resident_area_error(v: str) -> str | None:
    if v[:2] in _PROVINCES:
        return None
    if v[:6] in _PERMIT_AREAS:
        return _("这是港澳台居民居住证号码，请选择证件类型“港澳台居民居住证”")
    return _("居民身份证号码的地区码 %(code)s 无效") % {"code": v[:6]}


def validate_hmt_residence_permit(value: str, today: date | None = None) -> str:
    """港澳台居民居住证: same structure as the ID card, area 810000/820000/830000."""
    return _check_18(value, ID_TYPES["hmt_residence_permit"].label, today, _permit_area_error)


def _permit_area_error(v: str) -> str | None:
    if v[:6] in _PERMIT_AREAS:
        return None
    return _("港澳台居民居住证号码应以810000（香港）、820000（澳门）或830000（台湾）开头")


# ---------------------------------------------------------------- 统一社会信用代码 (GB 32100-2015)


def validate_uscc(value: str) -> str:
    """统一社会信用代码: 18 characters of the GB 32100 alphabet, area digits, check character."""
    v = _clean(value).upper()
    if not v:
        raise InvalidValue(_("请填写统一社会信用代码"))
    if len(v) != 18:
        raise InvalidValue(_("统一社会信用代码应为18位，实为%(n)s位") % {"n": len(v)})
    bad = sorted({c for c in v if c not in USCC_ALPHABET})
    if bad:
        raise InvalidValue(
            _("统一社会信用代码含有不允许的字符：%(chars)s（不使用I、O、S、V、Z）")
            % {"chars": join_list(bad)}
        )
    if not v[2:8].isdigit():
        raise InvalidValue(
            _("统一社会信用代码第3—8位应为登记管理机关行政区划码（6位数字），实为 %(code)s")
            % {"code": v[2:8]}
        )
    if uscc_check_char(v[:17]) != v[17]:
        raise InvalidValue(_("统一社会信用代码校验码不正确，请核对后重新填写"))
    return v


# ---------------------------------------------------------------- phone numbers

_MOBILE = re.compile(r"(?:\+?86)?(1[3-9]\d{9})")
# Area codes: 010 and 02X have three digits, all others four (0XXX).
_LANDLINE = re.compile(
    r"\(?(0[12]\d|0[3-9]\d{2})\)?-?([2-9]\d{6,7})(?:(?:-|转|ext\.?|EXT\.?|分机)(\d{1,6}))?",
)


def validate_phone(value: str) -> str:
    """A mainland mobile number (1[3-9] + 9 digits) or a landline with its area code.

    Returns ``13800138000`` or ``010-62345678`` (``-分机`` kept as ``010-62345678-123``).
    """
    v = _clean(value)
    if not v:
        raise InvalidValue(_("请填写联系电话"))
    m = _MOBILE.fullmatch(v.replace("-", ""))
    if m:
        return m.group(1)
    m = _LANDLINE.fullmatch(v)
    if m:
        area, number, extension = m.groups()
        return f"{area}-{number}" + (f"-{extension}" if extension else "")
    digits = v.replace("-", "")
    if digits.isdigit() and digits.startswith("1") and len(digits) == 11:
        raise InvalidValue(_("手机号码应为以13—19开头的11位数字"))
    raise InvalidValue(_("请填写有效的手机号码，或带区号的固定电话（如 010-62345678）"))


# ---------------------------------------------------------------- by ID type

_BY_TYPE = {
    "resident_id": validate_resident_id,
    "hmt_residence_permit": validate_hmt_residence_permit,
    "uscc": lambda value, today=None: validate_uscc(value),
}


def validate_id_number(id_type: str, value: str, today: date | None = None) -> str:
    """Validate ``value`` as a number of ``id_type`` (a key of ``rules.ID_TYPES``).

    Types without a published check algorithm (passports, 通行证 …) only need to be non-empty
    (spaces removed) and at most 50 characters.
    """
    if id_type not in ID_TYPES:
        raise InvalidValue(_("未知的证件类型：%(type)s") % {"type": id_type})
    check = _BY_TYPE.get(id_type)
    if check is not None:
        return check(value, today=today)
    v = _clean(value).upper()
    label = _(ID_TYPES[id_type].label)
    if not v:
        raise InvalidValue(_("请填写%(label)s号码") % {"label": label})
    if len(v) > 50:
        raise InvalidValue(_("%(label)s号码过长（最多50个字符）") % {"label": label})
    return v


def error_message(check, value: str, *args, **kwargs) -> str | None:
    """``None`` when ``check(value, ...)`` accepts the value, else its message."""
    try:
        check(value, *args, **kwargs)
    except InvalidValue as error:
        return str(error)
    return None
