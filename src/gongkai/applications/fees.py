"""信息处理费 under 国办函〔2020〕109号.

第三条: each application is charged either 按件 or 按量, "不得同时按照两种标准重复计算". So an
application carries at most one ``FeeCharge``, and the only ways to make one are ``charge_per_item``
and ``charge_by_volume`` — there is no value that holds both a 件 ordinal and a page count.

Amounts are whole 元 (every rate in 109号 is a whole number of 元).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext_noop

from .rules import PER_ITEM_TARIFF, VOLUME_TIERS, PerItemTariff, VolumeTier


class FeeBasis(StrEnum):
    PER_ITEM = "per_item"  # 按件计收 (第四条)
    BY_VOLUME = "by_volume"  # 按量计收 (第五条)


# Chinese: they go into the 收费通知书 (``explain``); forms show them translated (marked here for that).
FEE_BASIS_LABELS = {FeeBasis.PER_ITEM: gettext_noop("按件计收"), FeeBasis.BY_VOLUME: gettext_noop("按量计收")}


@dataclass(frozen=True)
class FeeLine:
    """One tier of the progressive computation: ``quantity`` units at ``rate`` 元."""

    first: int  # first 件 ordinal / page in this tier (1-based)
    last: int
    rate: int

    @property
    def quantity(self) -> int:
        return self.last - self.first + 1

    @property
    def amount(self) -> int:
        return self.quantity * self.rate


@dataclass(frozen=True)
class FeeCharge:
    """The fee of one application, on exactly one basis. Build it with ``charge_*``."""

    basis: FeeBasis
    lines: tuple[FeeLine, ...]

    @property
    def amount(self) -> int:
        return sum(line.amount for line in self.lines)

    @property
    def quantity(self) -> int:
        return sum(line.quantity for line in self.lines)

    @property
    def label(self) -> str:
        return FEE_BASIS_LABELS[self.basis]

    def explain(self) -> str:
        """The computation as a 收费通知书 would state it, e.g. ``第11—30件 20件×100元=2000元``."""
        unit = "件" if self.basis is FeeBasis.PER_ITEM else "页"
        parts = [
            f"第{line.first}{'—' + str(line.last) if line.last != line.first else ''}{unit} "
            f"{line.quantity}{unit}×{line.rate}元={line.amount}元"
            for line in self.lines
        ]
        return f"{self.label}：" + "；".join(parts) + f"；合计{self.amount}元"


def per_item_rate(k: int, tariff: PerItemTariff = PER_ITEM_TARIFF) -> int:
    """Fee (元) for the ``k``-th 件 (1-based) of the same applicant in one natural month (第四条)."""
    if k < 1:
        raise ValueError(f"件数序号应从1开始：{k}")
    if k <= tariff.free_up_to:
        return 0
    if k <= tariff.base_up_to:
        return tariff.base_rate
    # 31–40 → 200, 41–50 → 300: 以10件为一档，每增加一档，收费标准提高100元/件
    steps = -(-(k - tariff.base_up_to) // tariff.step)  # ceiling division
    return tariff.base_rate + tariff.step_increase * steps


def _group_runs(first: int, last: int, rate_of) -> tuple[FeeLine, ...]:
    lines: list[FeeLine] = []
    for k in range(first, last + 1):
        rate = rate_of(k)
        if lines and lines[-1].rate == rate and lines[-1].last == k - 1:
            lines[-1] = FeeLine(lines[-1].first, k, rate)
        else:
            lines.append(FeeLine(k, k, rate))
    return tuple(lines)


def charge_per_item(
    earlier_items_this_month: int, items: int = 1, tariff: PerItemTariff = PER_ITEM_TARIFF
) -> FeeCharge:
    """按件: this application counts as ``items`` 件 (一事一申请 split, 第四条) after
    ``earlier_items_this_month`` 件 the same applicant filed with this agency in the same natural month."""
    if earlier_items_this_month < 0:
        raise ValueError(f"本月此前件数不能为负数：{earlier_items_this_month}")
    if items < 1:
        raise ValueError(f"件数应至少为1：{items}")
    first = earlier_items_this_month + 1
    return FeeCharge(
        FeeBasis.PER_ITEM, _group_runs(first, first + items - 1, lambda k: per_item_rate(k, tariff))
    )


def charge_by_volume(pages: int, tiers: tuple[VolumeTier, ...] = VOLUME_TIERS) -> FeeCharge:
    """按量: ``pages`` pages provided for this one application (第五条), progressive by tier."""
    if pages < 0:
        raise ValueError(f"页数不能为负数：{pages}")
    lines: list[FeeLine] = []
    low = 1
    for tier in tiers:
        high = pages if tier.up_to is None else min(pages, tier.up_to)
        if high >= low:
            lines.append(FeeLine(low, high, tier.rate))
        if tier.up_to is None or tier.up_to >= pages:
            break
        low = tier.up_to + 1
    return FeeCharge(FeeBasis.BY_VOLUME, tuple(lines))


def by_volume_fee(pages: int, tiers: tuple[VolumeTier, ...] = VOLUME_TIERS) -> int:
    return charge_by_volume(pages, tiers).amount


def monthly_per_item_total(items: int, tariff: PerItemTariff = PER_ITEM_TARIFF) -> int:
    """Total 按件 fee for ``items`` 件 by one applicant in one natural month."""
    if items < 0:
        raise ValueError(f"件数不能为负数：{items}")
    return sum(per_item_rate(k, tariff) for k in range(1, items + 1))
