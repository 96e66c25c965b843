"""The statutory category list (第二十条/第二十一条), loaded from data/categories.json; the periods
and texts of the law are in ``gongkai.law``."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"

# 第二十一条: its first paragraph binds 设区的市级、县级人民政府及其部门, its second 乡（镇）人民政府
# (values of gongkai.annual.model.AgencyKind / AgencyLevel, which the agencies app uses).
TOWNSHIP = "township"
CITY_COUNTY_LEVELS = frozenset({"city", "county"})


@dataclass(frozen=True)
class Category:
    code: str
    label: str
    article: str = ""
    item: str = ""
    applies_to: str = "all"  # all | city_county | township | own

    @property
    def statutory(self) -> bool:
        return self.applies_to != "own"

    @property
    def display(self) -> str:
        if self.item:
            return f"{self.article}{self.item} {self.label}"
        if self.article:
            return f"{self.article} {self.label}"
        return self.label


@cache
def statutory_categories() -> tuple[Category, ...]:
    raw = json.loads((DATA / "categories.json").read_text("utf-8"))["categories"]
    return tuple(Category(**c) for c in raw)


def statutory_category(code: str) -> Category | None:
    return next((c for c in statutory_categories() if c.code == code), None)


def statutory_categories_for(kind: str | None, level: str | None) -> list[Category]:
    """第二十条 applies to every agency; 第二十一条 to townships and to city/county bodies."""
    wanted = {"all"}
    if kind == TOWNSHIP or level == TOWNSHIP:
        wanted.add("township")
    elif level in CITY_COUNTY_LEVELS:
        wanted.add("city_county")
    return [c for c in statutory_categories() if c.applies_to in wanted]
