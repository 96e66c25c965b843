"""A figure the annual report's section 一 can quote, from one of the registries (政务服务事项,
双公示, the 12345 knowledge base, 政民互动) or the other apps: what it is, its value, how it is
defined, and where its records are. The report's drafting turns facts into sentences, the
text-vs-figure check compares the text's numbers with them, and the drill-down follows ``records``.
Plain Python, no Django."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

# Section 一's sub-parts (gongkai.annual.layout.SUBTOPICS keys) a fact belongs to.
PARTS = ("active", "on_request", "info_management", "platform", "supervision")


@dataclass(frozen=True)
class Fact:
    key: str  # stable, e.g. "govservice.online_rate"
    label: str  # Chinese, as a report would name it: 网上可办率
    value: int | Decimal | None  # None: not computable (say why in ``definition``)
    unit: str  # 项, 条, 次, %, 个工作日 …
    definition: str  # Chinese: numerator / denominator and what is excluded, shown beside the figure
    part: str  # one of PARTS
    records: str = ""  # URL of the records behind the figure (the drill-down), "" when none

    def __post_init__(self):
        if self.part not in PARTS:
            raise ValueError(f"unknown part {self.part!r}; one of {PARTS}")

    @property
    def text(self) -> str:
        """The value as a report writes it: 1439项, 98.85%."""
        if self.value is None:
            return "—"
        value = (
            f"{self.value:f}".rstrip("0").rstrip(".") if isinstance(self.value, Decimal) else str(self.value)
        )
        return f"{value}{self.unit}"


# ---------------------------------------------------------------- providers
# Each app that has figures for section 一 registers one provider in its AppConfig.ready(); the
# reports app collects them without importing the apps (and a registry app can be left out).
# A provider returns nothing for agencies that have no records in its registry at all, so a
# report never says "0项" of a service the agency does not keep here.

Provider = Callable[[tuple[int, ...], int], list[Fact]]  # (agency ids, report year) -> facts
_PROVIDERS: dict[str, Provider] = {}


def register(name: str, provider: Provider) -> None:
    _PROVIDERS[name] = provider


def providers() -> dict[str, Provider]:
    return dict(_PROVIDERS)


def collect(agency_ids: tuple[int, ...], year: int) -> list[Fact]:
    """Every registered provider's facts for these agencies and year, in registration order."""
    return [fact for provider in _PROVIDERS.values() for fact in provider(tuple(agency_ids), year)]
