"""Check characters of China's two identity numbers, for every app that reads or makes them:
居民身份证号码 (GB 11643-1999, ISO 7064 MOD 11-2) and 统一社会信用代码 (GB 32100-2015, MOD 31).
Plain Python; the apps word their own messages around these."""

from __future__ import annotations

import re
from functools import lru_cache

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)  # 2^(17-i) mod 11
_ID_CHECK = "10X98765432"  # index = weighted sum mod 11

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # 31 characters: no I, O, S, V, Z
_USCC_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))  # 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28
_USCC_VALUE = {c: i for i, c in enumerate(USCC_ALPHABET)}


def resident_id_check_char(first17: str) -> str:
    """The 18th character of a 居民身份证号码 for its 17 leading digits."""
    if not re.fullmatch(r"\d{17}", first17):
        raise ValueError("应为17位数字")
    return _ID_CHECK[sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True)) % 11]


def uscc_check_char(first17: str) -> str:
    """The 18th character of a 统一社会信用代码 for its 17 leading characters."""
    if len(first17) != 17 or any(c not in _USCC_VALUE for c in first17):
        raise ValueError("应为17位代码字符")
    total = sum(_USCC_VALUE[c] * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


@lru_cache(maxsize=8192)  # an import repeats the same few agencies' codes on every row
def valid_uscc(code: str) -> bool:
    """18 characters of the code set, the 行政区划码 (3rd–8th) in digits, the check character right."""
    if len(code) != 18 or any(c not in _USCC_VALUE for c in code) or not code[2:8].isdigit():
        return False
    return uscc_check_char(code[:17]) == code[17]
