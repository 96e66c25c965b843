"""What to do with each kind of personal data, per document type (spec supervision-and-privacy §4.2).

The defaults follow the spec's table; they are [I] (our reading of 浙江 第七条, 永安, 法释〔2016〕19号),
so an installation may declare its own ``Profile`` and pass it instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from .detect import ADDRESS, BANK_ACCOUNT, EMAIL, ID_NUMBER, KINDS, MANUAL, NAME, PARTY, PHONE, Proposal


class Action(StrEnum):
    KEEP = "keep"  # not proposed at all
    REMOVE = "remove"  # every character masked
    MASK = "mask"  # partly masked: 张某某, 35*************123, 138****1234
    TRUNCATE = "truncate"  # an address kept down to 乡镇/街道, the rest masked


@dataclass(frozen=True)
class Profile:
    key: str
    actions: Mapping[str, Action] = field(default_factory=dict)

    def action(self, kind: str) -> Action:
        return self.actions.get(kind, Action.REMOVE)  # what a profile does not name is removed

    def proposals(self, found: Iterable[Proposal]) -> list[Proposal]:
        return [p for p in found if self.action(p.kind) is not Action.KEEP]


REPLY_COPY = "reply_copy"
PENALTY_DECISION = "penalty_decision"

PROFILES: dict[str, Profile] = {
    p.key: p
    for p in (
        # 依申请公开 replies and the information they provided, republished under 第四十四条: remove all.
        Profile(REPLY_COPY, {kind: Action.REMOVE for kind in KINDS}),
        # 行政处罚决定书: the party's name stays (公示); other people 某; ID and phone partly masked.
        Profile(
            PENALTY_DECISION,
            {
                PARTY: Action.KEEP,
                NAME: Action.MASK,
                ID_NUMBER: Action.MASK,
                PHONE: Action.MASK,
                ADDRESS: Action.TRUNCATE,
                EMAIL: Action.REMOVE,
                BANK_ACCOUNT: Action.REMOVE,
                MANUAL: Action.REMOVE,
            },
        ),
    )
}


def profile(key: str) -> Profile:
    try:
        return PROFILES[key]
    except KeyError:
        raise ValueError(f"unknown redaction profile {key!r}") from None
