"""Help for writing sections 一、五、六: ready sentences from the data, and 内容雷同 against last year."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from decimal import Decimal
from difflib import SequenceMatcher

from gongkai.annual.layout import DENY, NOPROC, OTHER, UNABLE
from gongkai.annual.model import Report, Table
from gongkai.facts import Fact

from .build import FeeSummary

DUPLICATE_RATIO = 0.9  # the same threshold as gongkai.annual's DUP-TEXT
_DIGITS = re.compile(r"\d+")


def _n(table: Table | None, row: str, column: str = "total") -> int | None:
    if table is None:
        return None
    value = table.get(row, column)
    return None if value is None else int(value)


def active_sentence(report: Report) -> str | None:
    t = report.tables
    docs, lic, pen, fee = (t.get(k) for k in ("art20_1", "art20_5", "art20_6", "art20_8"))
    if any(x is None for x in (docs, lic, pen, fee)) or any(tbl.is_blank for tbl in (docs, lic, pen, fee)):
        return None
    amount = fee.get("admin_fees", "amount")
    amount_text = f"{Decimal(amount or 0).normalize():f}"
    regs = _n(docs, "regulations", "made") or 0
    regs_text = f"制定规章{regs}件，" if regs else ""
    return (
        f"本年{regs_text}制发行政规范性文件{_n(docs, 'normative_docs', 'made') or 0}件、"
        f"废止{_n(docs, 'normative_docs', 'repealed') or 0}件，现行有效行政规范性文件"
        f"{_n(docs, 'normative_docs', 'valid') or 0}件；公开行政许可处理决定{_n(lic, 'admin_licensing', 'decisions') or 0}件、"
        f"行政处罚决定{_n(pen, 'admin_penalty', 'decisions') or 0}件、行政强制决定{_n(pen, 'admin_coercion', 'decisions') or 0}件，"
        f"行政事业性收费{amount_text}万元。"
    )


def applications_sentence(report: Report) -> str | None:
    a = report.applications
    if a is None or _n(a, "new_received") is None:
        return None
    new, carried, done, out = (
        _n(a, r) or 0 for r in ("new_received", "carried_over_in", "r_total", "carried_over_out")
    )
    if new + carried == 0:
        return "本年度未收到政府信息公开申请，无上年结转申请。"
    carried_text = f"，上年结转{carried}件" if carried else ""
    out_text = f"，结转下年度继续办理{out}件" if out else ""
    return f"本年度共收到政府信息公开申请{new}件{carried_text}，办结{done}件{out_text}。"


def outcomes_sentence(report: Report) -> str | None:
    a = report.applications
    if a is None or not (_n(a, "r_total") or 0):
        return None
    parts = [
        ("予以公开", _n(a, "r_open") or 0),
        ("部分公开", _n(a, "r_partial") or 0),
        ("不予公开", a.group_total(DENY)),
        ("无法提供", a.group_total(UNABLE)),
        ("不予处理", a.group_total(NOPROC)),
        ("其他处理", a.group_total(OTHER)),
    ]
    listed = "、".join(f"{label}{n}件" for label, n in parts if n)
    return f"办理结果中，{listed}。"


def review_sentence(report: Report) -> str | None:
    r = report.review_litigation
    if r is None or r.is_blank:
        return None
    recon = _n(r, "reconsideration") or 0
    suits = (_n(r, "litigation_direct") or 0) + (_n(r, "litigation_after_reconsideration") or 0)
    if recon + suits == 0:
        return "全年未发生因政府信息公开工作被申请行政复议或提起行政诉讼的情况。"
    return f"全年因政府信息公开工作被申请行政复议{recon}件，被提起行政诉讼{suits}件。"


@dataclass(frozen=True)
class Suggestion:
    part: str  # the text field it belongs in
    text: str
    facts: tuple[Fact, ...] = field(default=())  # the registry figures it quotes


def pick(key: str, items: tuple, k: int = 1, offset: int = 0) -> list:
    """``k`` consecutive items from a place that ``key`` fixes: wording that stays put for one
    agency and year but differs between agencies and years (30号: no 内容雷同)."""
    start = int(hashlib.sha256(key.encode()).hexdigest(), 16) % len(items)
    return [items[(start + offset + i) % len(items)] for i in range(k)]


FACT_OPENERS = ("全年", "本年度", "{year}年", "{year}年度", "据统计，{year}年")


def fact_sentences(report: Report) -> list[Suggestion]:
    """One sentence per registry and part of section 一, quoting each computable fact as
    "label + figure" (the form TXT-FACT reads back, so text and check agree by construction)."""
    groups: dict[tuple[str, str], list[Fact]] = {}
    for fact in report.facts:
        if fact.value is not None:
            groups.setdefault((fact.part, fact.key.split(".")[0]), []).append(fact)
    out = []
    for (part, source), quoted in groups.items():
        key = f"{report.agency.name}:{report.year}:{source}:{part}"
        opener = pick(key, FACT_OPENERS)[0].format(year=report.year)
        separator = pick(key, ("，", "；"), offset=1)[0]
        text = opener + separator.join(f"{f.label}{f.text}" for f in quoted) + "。"
        out.append(Suggestion(f"overview_{part}", text, tuple(quoted)))
    return out


def uncomputable_facts(report: Report) -> list[Fact]:
    """Facts a sentence cannot quote (no value); their definitions say why."""
    return [f for f in report.facts if f.value is None]


def ready_sentences(report: Report, fees: FeeSummary) -> list[Suggestion]:
    """Sentences whose figures come from the tables (so TXT-NUM agrees by construction) and from
    the registries' facts (TXT-FACT)."""
    out = []
    for part, text in (
        ("overview_active", active_sentence(report)),
        ("overview_on_request", applications_sentence(report)),
        ("overview_on_request", outcomes_sentence(report)),
        ("overview_on_request", review_sentence(report)),
        ("other", "（一）信息处理费收取情况。" + fees.sentence(report.year or 0)),
    ):
        if text:
            out.append(Suggestion(part, text))
    return out + fact_sentences(report)


# ---------------------------------------------------------------- 内容雷同


def paragraphs(text: str) -> list[str]:
    """Paragraphs and sentences long enough to compare (15 characters or more, without spaces)."""
    parts = re.split(r"\n+|(?<=。)", text or "")
    return [p.strip() for p in parts if len(re.sub(r"\s+", "", p)) >= 15]


@dataclass(frozen=True)
class Duplicate:
    text: str
    previous: str
    ratio: float


def near_duplicates(text: str, previous_text: str | None, ratio: float = DUPLICATE_RATIO) -> list[Duplicate]:
    if not text or not previous_text:
        return []
    old = paragraphs(previous_text)
    found = []
    for p in paragraphs(text):
        squeezed = re.sub(r"\s+", "", p)
        best = max(
            (
                (SequenceMatcher(None, squeezed, re.sub(r"\s+", "", o), autojunk=False).ratio(), o)
                for o in old
            ),
            default=(0.0, ""),
        )
        # a sentence of figures brought up to date ("收到申请95件" → "收到申请120件") is not a copy
        if best[0] >= ratio and _DIGITS.findall(p) == _DIGITS.findall(best[1]):
            found.append(Duplicate(p, best[1], best[0]))
    return found
