"""Detection rules for personal data, declared as data: each ``Rule`` is a pattern, the kind of data it
finds and an optional check (ID check digit, Luhn, a valid birth date). ``detect`` runs the rules in
order and keeps the first proposal for any stretch of text, so the order is the priority (an e-mail
address before the phone number in its local part, an ID number before a bank account).

Digits are matched on a copy of the text with full-width digits and letters folded to ASCII
(one character for one, so spans stay valid on the original).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from gongkai.identifiers import resident_id_check_char

NAME = "name"  # a natural person other than the party of a decision
PARTY = "party_name"  # the natural person a decision is about (当事人、被处罚人)
ID_NUMBER = "id_number"
PHONE = "phone"
ADDRESS = "address"
BANK_ACCOUNT = "bank_account"
EMAIL = "email"
MANUAL = "manual"  # added by the officer
KINDS = (NAME, PARTY, ID_NUMBER, PHONE, ADDRESS, BANK_ACCOUNT, EMAIL, MANUAL)


@dataclass(frozen=True)
class Proposal:
    start: int
    end: int
    kind: str
    rule: str
    keep: int = 0  # leading characters an address truncation keeps (省市区县乡镇街道)

    def __post_init__(self):
        if not 0 <= self.start < self.end or not 0 <= self.keep <= self.end - self.start:
            raise ValueError(f"bad span {self.start}..{self.end} keep {self.keep}")


@dataclass(frozen=True)
class Rule:
    name: str
    kind: str
    pattern: re.Pattern
    group: str | int = 0  # the group that is the personal data (the rest is context, e.g. 姓名：)
    check: Callable[[str], bool] | None = None  # on the folded text of the group
    keep: Callable[[str], int] | None = None


_FOLD = str.maketrans(
    {
        **{chr(0xFF10 + i): str(i) for i in range(10)},
        **{chr(0xFF21 + i): chr(0x41 + i) for i in range(26)},
        **{chr(0xFF41 + i): chr(0x61 + i) for i in range(26)},
        "＠": "@",
        "．": ".",
        "－": "-",
        "（": "(",
        "）": ")",
        "　": " ",
    }
)


def fold(text: str) -> str:
    return text.translate(_FOLD)


# ---------------------------------------------------------------- checks


def _valid_date(year: int, month: int, day: int) -> bool:
    try:
        return date(year, month, day) <= date.today()
    except ValueError:
        return False


def valid_id18(number: str) -> bool:
    number = number.upper()
    return (
        len(number) == 18
        and number[:17].isdigit()
        and resident_id_check_char(number[:17]) == number[17]
        and _valid_date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    )


def valid_id15(number: str) -> bool:
    # The old 15-digit number has no check digit; its 6-digit birth date (19YYMMDD) must be a real day.
    return len(number) == 15 and _valid_date(1900 + int(number[6:8]), int(number[8:10]), int(number[10:12]))


def luhn(number: str) -> bool:
    digits = [int(c) for c in number if c.isdigit()]
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def _bank(number: str) -> bool:
    digits = re.sub(r"[ -]", "", number)
    return 16 <= len(digits) <= 19 and luhn(digits)


# ---------------------------------------------------------------- patterns

_C = "\u4e00-\u9fff"
# A name of 2–3 characters, ended by punctuation, a space, the end or a word that usually follows one.
_PERSON = rf"[{_C}]{{2,3}}?(?=[\s，。、；：:,.;()（）]|$|于|向|的|称|申请|要求|等|同志|先生|女士|提出|对)"
_NAME_LABELS = "姓名|申请人|联系人|委托代理人|代理人|证人|举报人|投诉人|被害人|经办人|家属"
_PARTY_LABELS = "当事人|被处罚人"
# Words that start a clause rather than an address (住在、位于 …): an address never begins with them.
_NOT_FIRST = "住在于至往到的是为和与从由向位及"
_ADMIN = (
    rf"(?![{_NOT_FIRST}])"
    rf"(?:[{_C}]{{2,7}}?(?:省|自治区))?"
    rf"(?:[{_C}]{{2,7}}?(?:市|自治州|州|盟))?"
    rf"(?:[{_C}]{{1,7}}?(?:区|县|旗))?"
    rf"(?:[{_C}]{{1,7}}?(?:街道|乡|镇))?"
)
_DETAIL = (
    rf"(?:[{_C}0-9]{{1,10}}?(?:路|街|大道|巷|弄|村))"
    r"(?:[0-9]+(?:-[0-9]+)*号)?(?:[0-9]+(?:栋|幢|号楼|座))?(?:[0-9]+单元)?(?:[0-9]+室)?"
)
_ADDRESS_RE = re.compile(rf"(?P<admin>{_ADMIN})(?P<detail>{_DETAIL})")
_ADMIN_RE = re.compile(_ADMIN)


def _structured_address(text: str) -> bool:
    # Without an administrative part, only a house number makes a road name an address.
    m = _ADDRESS_RE.fullmatch(text)
    return bool(m and (m["admin"] or "号" in m["detail"]))


def _admin_length(text: str) -> int:
    m = _ADMIN_RE.match(text)
    return m.end() if m else 0


def _rule(name, kind, pattern, group=0, check=None, keep=None) -> Rule:
    return Rule(name, kind, re.compile(pattern), group, check, keep)


RULES: tuple[Rule, ...] = (
    _rule(
        "email",
        EMAIL,
        r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}",
    ),
    _rule("id18", ID_NUMBER, r"(?<![0-9A-Za-z])[0-9]{17}[0-9Xx](?![0-9A-Za-z])", check=valid_id18),
    _rule("id15", ID_NUMBER, r"(?<![0-9A-Za-z])[0-9]{15}(?![0-9A-Za-z])", check=valid_id15),
    _rule("bank_luhn", BANK_ACCOUNT, r"(?<![0-9])(?:[0-9]{4}[ -]?){3}[0-9]{4,7}(?![0-9])", check=_bank),
    _rule("mobile", PHONE, r"(?<![0-9])(?:\+?86[ -]?)?1[3-9][0-9](?:[ -]?[0-9]{4}){2}(?![0-9])"),
    _rule(
        "landline",
        PHONE,
        r"(?<![0-9])(?:\(0[0-9]{2,3}\)|0[0-9]{2,3}-)[ ]?[0-9]{7,8}(?:-[0-9]{1,5})?(?![0-9])",
    ),
    _rule(
        "address_label",
        ADDRESS,
        r"(?:家庭住址|住址|居住地|通信地址|通讯地址|联系地址|住所地|住所|地址)[：:]\s*(?P<v>[^，。；;,\n\s]{4,60})",
        "v",
        keep=_admin_length,
    ),
    _rule("address", ADDRESS, _ADDRESS_RE.pattern, check=_structured_address, keep=_admin_length),
    _rule("party_label", PARTY, rf"(?:{_PARTY_LABELS})(?:[(][^)]*[)])?[：:]?\s*(?P<v>{_PERSON})", "v"),
    _rule("name_label", NAME, rf"(?:{_NAME_LABELS})[：:]?\s*(?P<v>{_PERSON})", "v"),
)


def _known(text: str, names: Iterable[str], kind: str, rule: str) -> list[Proposal]:
    found = []
    for name in sorted({n.strip() for n in names if n and n.strip()}, key=len, reverse=True):
        for m in re.finditer(re.escape(name), text):
            found.append(Proposal(m.start(), m.end(), kind, rule))
    return found


def detect(
    text: str,
    names: Iterable[str] = (),
    rules: Iterable[Rule] = RULES,
    terms: Iterable[str] = (),
) -> list[Proposal]:
    """Proposals sorted by position, never overlapping.

    ``names``: the people the case knows (applicant, third parties, a configured list); every
    occurrence is proposed as a name. ``terms``: any other text the officer wants removed
    (kind ``manual``). Known names and terms go before the rules (what the case knows beats a
    guess), except a decision's party named by its label.
    """
    folded = fold(text)
    found = []
    for rule in rules:
        for m in rule.pattern.finditer(folded):
            value = m.group(rule.group)
            if not value or (rule.check and not rule.check(value)):
                continue
            start, end = m.span(rule.group)
            keep = rule.keep(value) if rule.keep else 0
            found.append(Proposal(start, end, rule.kind, rule.name, min(keep, end - start)))
    # 当事人：X names the party of a decision, which a profile may keep: that beats the case's list.
    candidates = (
        [p for p in found if p.kind == PARTY]
        + _known(text, names, NAME, "known_name")
        + _known(text, terms, MANUAL, "manual")
        + [p for p in found if p.kind != PARTY]
    )
    kept: list[Proposal] = []
    taken = [False] * len(text)
    for p in candidates:
        if not any(taken[p.start : p.end]):
            kept.append(p)
            taken[p.start : p.end] = [True] * (p.end - p.start)
    return sorted(kept, key=lambda p: p.start)
