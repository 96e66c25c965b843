"""What a check is and what it reports.

A check is a function ``(report, context) -> Iterable[Finding]`` registered with ``@check(code, ...)``.
It never raises on a partial report: when it cannot evaluate something it yields a ``Finding`` of
severity ``Severity.SKIPPED`` that says what it could not check and why.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from operator import is_
from typing import Any, TypeVar

from ... import law
from ..model import Report
from ..peers import Digest


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    SKIPPED = "skipped"  # the check could not be evaluated; the message says why


SEVERITY_LABELS = {
    Severity.ERROR: ("错误", "error"),
    Severity.WARNING: ("警告", "warning"),
    Severity.INFO: ("提示", "info"),
    Severity.SKIPPED: ("未检查", "not checked"),
}


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    message_zh: str
    message_en: str
    cells: tuple[str, ...] = ()

    # what the dataclass would write, without its object.__setattr__ call per field (a frozen
    # instance's fields can only be set so): a finding is made for nearly every check of a report
    def __init__(
        self, code: str, severity: Severity, message_zh: str, message_en: str, cells: tuple[str, ...] = ()
    ):
        self.__dict__.update(
            code=code, severity=severity, message_zh=message_zh, message_en=message_en, cells=cells
        )

    def message(self, language: str = "zh") -> str:
        return self.message_en if language.startswith("en") else self.message_zh

    def to_json(self) -> dict:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message_zh,
            "message_en": self.message_en,
            "cells": list(self.cells),
        }


@dataclass
class CheckOptions:
    """Settings for checks that rest on inferred or local rules (spec tags [I]/[U])."""

    # PUB-DEADLINE: (month, day) in the year after the report year, per agency kind
    deadlines: dict[str, tuple[int, int]] = field(default_factory=lambda: dict(law.REPORT_DEADLINES))
    # PUB-DEADLINE: agency kinds whose deadline is statutory (条例第四十九条) — lateness is an error;
    # for the others the deadline is a local rule [U] and lateness only a warning
    deadline_statutory: tuple[str, ...] = ("department", "government")
    # PUB-DEADLINE: report years before the revised 条例 (old 第三十一条): one deadline for every agency
    deadline_pre2019: tuple[int, int] = law.REPORT_DEADLINE_BEFORE_REVISION
    # PUB-SIGNED [I]: a 落款日期 more days than this before the publication date is worth a look
    # (signed long ago, or a date carried over from a template); never an error
    signature_gap_days: int = 30
    min_section_chars: int = 30  # SEC-EMPTY: shorter text than this in 一/五 is "empty"
    # UNIT-MONEY: 本年收费金额 (万元) at or above this, per agency level, looks like it was written in 元;
    # a level not listed (or unknown) uses "default"
    money_wan_limits: dict[str, float] = field(
        default_factory=lambda: {
            "township": 1_000,
            "county": 10_000,
            "city": 100_000,
            "province": 1_000_000,
            "ministry": 1_000_000,
            "default": 100_000,
        }
    )
    # UNIT-MONEY: more decimals than this in 万元 is finer than 1 元 — a sign of a unit slip
    money_max_decimals: int = 4
    valid_tolerance: int = 0  # XY-VALID: allowed gap between expected and printed 现行有效件数
    # DUP-TEXT [R] threshold / [I] metric: share of this report's prose (一–五, not the tables)
    # found in last year's or another agency's report, as 8-character shingles (annual.similarity);
    # 宿迁 2026 deducts for 与上年度重复率 > 50%
    duplicate_share: float = 0.5
    # DUP-TEXT: a part copied on its own even when the whole is not (the problems part, typically)
    duplicate_section_share: float = 0.8
    duplicate_sections: tuple[str, ...] = ("problems",)
    duplicate_passages: int = 3  # DUP-TEXT: copied passages quoted in the message
    # XY-JUMP [I]: a key figure (annual.peers.KEY_FIGURES) more than jump_ratio times last year's,
    # or below drop_ratio of it; figures where both years are below jump_floor are left alone
    # (2 → 12 applications is a small agency's ordinary year); 0 this year (or last) where the
    # other year had at least jump_zero_from is flagged too. Falls are not checked while the
    # report's year is not over (a draft counts part of it).
    jump_ratio: float = 5.0
    drop_ratio: float = 0.2
    jump_floor: int = 20
    jump_zero_from: int = 20
    # PEER-RANGE [I]: a key figure outside [Q1 − k·IQR, Q3 + k·IQR] of the peers like this agency
    # (the attributes in peer_match, where known) — with at least peer_min of them printing it;
    # values below jump_floor are never called high
    peer_fence: float = 3.0
    peer_min: int = 8
    peer_match: tuple[str, ...] = ("kind", "level")
    today: date | None = None  # for "not yet published" reasoning; None = date.today()

    def report_deadline(self, kind: str, year: int) -> date:
        """The last day to publish ``year``'s report for an agency of ``kind`` (a department's if unknown)."""
        if year < law.REVISED_FROM_YEAR:
            month, day = self.deadline_pre2019
        else:
            month, day = self.deadlines.get(kind, self.deadlines["department"])
        return date(year + 1, month, day)

    def year_due(self, kind: str, today: date) -> int:
        """The report year whose deadline comes next, ``today`` included: last year's until its
        deadline, then this year's (every deadline falls in the year after the report year)."""
        last = today.year - 1
        return last if today <= self.report_deadline(kind, last) else today.year


@dataclass
class CheckContext:
    options: CheckOptions = field(default_factory=CheckOptions)
    previous: Report | None = None  # last year's report, for XY-*
    # reports of the same year by other agencies (or their digests: key figures and prose
    # fingerprint, all a batch keeps), for PEER-RANGE and DUP-TEXT
    peers: Sequence[Report | Digest] = ()
    # what several checks derive from the same input (the peers' digests), made once per run
    cache: dict = field(default_factory=dict, repr=False, compare=False)


CheckFunction = Callable[[Report, CheckContext], Iterable[Finding]]
T = TypeVar("T")


_KEPT: dict[tuple, tuple[list, Any]] = {}


def kept(purpose: str, objects: list, make: Callable[[], T]) -> T:
    """``make()``, kept per ``purpose`` (the check's code) and ``objects``: frozen parts of the
    layouts (grids, relations, sections), which some messages depend on alone. Keyed by the
    objects' ids, checked by identity; the entry holds the objects, so their ids cannot be
    reused while it is kept."""
    key = (purpose, *map(id, objects))
    found = _KEPT.get(key)
    if found is None or not all(map(is_, found[0], objects)):
        if len(_KEPT) >= 256:  # layouts make a few dozen; only guards objects made on the fly
            _KEPT.clear()
        found = _KEPT[key] = (list(objects), make())
    return found[1]


def per_report(context: CheckContext, name: str, report: Report, make: Callable[[], T]) -> T:
    """``make()``, worked out once per report for the checks that share it (a context may be
    reused for another report: the entry remembers whose it is)."""
    found = context.cache.get(name)
    if found is None or found[0] is not report:
        found = context.cache[name] = (report, make())
    return found[1]


def blank_tables(report: Report, context: CheckContext) -> frozenset[str]:
    """The keys of the report's tables with every cell blank: several checks ask, table by table."""
    return per_report(
        context,
        "blank_tables",
        report,
        lambda: frozenset(key for key, table in report.tables.items() if table.is_blank),
    )


@dataclass(frozen=True)
class CheckSpec:
    code: str
    title_zh: str
    title_en: str
    function: CheckFunction


REGISTRY: dict[str, CheckSpec] = {}


def check(code: str, title_zh: str, title_en: str) -> Callable[[CheckFunction], CheckFunction]:
    def register(function: CheckFunction) -> CheckFunction:
        if code in REGISTRY:
            raise ValueError(f"check {code} registered twice")
        REGISTRY[code] = CheckSpec(code, title_zh, title_en, function)
        return function

    return register


def finding(code: str, severity: Severity, zh: str, en: str, cells: Iterable[str] = ()) -> Finding:
    return Finding(code, severity, zh, en, tuple(cells))


def skipped(code: str, zh: str, en: str) -> Finding:
    return Finding(code, Severity.SKIPPED, zh, en)


def run_all(report: Report, context: CheckContext) -> Iterator[Finding]:
    for spec in REGISTRY.values():
        try:
            yield from spec.function(report, context)
        except Exception as exc:  # a check must not take the others down with it
            yield Finding(
                spec.code,
                Severity.SKIPPED,
                f"检查 {spec.code} 未能完成：{exc}",
                f"check {spec.code} could not complete: {exc}",
            )
