"""What 第二十条 records feed into table 二 of the annual report, as data in one place.

条例第二十条第（五）项 (行政许可), 第（六）项 (行政处罚、行政强制), 第（八）项 (行政事业性收费);
the grids and their keys are ``gongkai.annual.layout.ACTIVE_2021``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from gongkai import law
from gongkai.annual.layout import LAYOUT_2021


class Kind(StrEnum):
    """Kinds of decision; the values are the row keys in table 二."""

    LICENSING = "admin_licensing"
    PENALTY = "admin_penalty"
    COERCION = "admin_coercion"


@dataclass(frozen=True)
class KindInfo:
    label: str  # lazily translated; the aliases stay in Chinese (what an import file says)
    grid: str  # table-二 grid
    column: str
    aliases: tuple[str, ...]  # what an import file may write in the 类别 column besides the row's label


KINDS: dict[Kind, KindInfo] = {
    Kind.LICENSING: KindInfo(_("行政许可"), "art20_5", "decisions", ("许可",)),
    Kind.PENALTY: KindInfo(_("行政处罚"), "art20_6", "decisions", ("处罚",)),
    Kind.COERCION: KindInfo(_("行政强制"), "art20_6", "decisions", ("强制",)),
}
KIND_BY_ALIAS = {
    alias: kind
    for kind, info in KINDS.items()
    for alias in (LAYOUT_2021.grid(info.grid).row(kind.value).text, *info.aliases, kind.value)
}

FEE_GRID, FEE_ROW, FEE_COLUMN = "art20_8", "admin_fees", "amount"
ART20_1_GRID = "art20_1"

# Amounts are kept in 元 with 2 decimals (分) and shown in 万元: exact, never rounded.
YUAN_PLACES = Decimal("0.01")
YUAN_PER_WAN = Decimal(10000)
WAN_PLACES = Decimal("0.0001")  # 4 decimals of 万元 = 1 元
MAX_AMOUNT_YUAN = Decimal("9999999999.99")

# The first day and year a record may belong to: the 条例 in force.
EARLIEST_DATE = law.IN_FORCE
EARLIEST_YEAR = law.FIRST_YEAR


def yuan_to_wan(yuan: Decimal) -> Decimal:
    """Exact 万元 for an amount in 元; at least 4 decimals (12.3456), more only when 分 need them."""
    wan = Decimal(yuan) / YUAN_PER_WAN
    four = wan.quantize(WAN_PLACES)
    return four if four == wan else wan.normalize()
