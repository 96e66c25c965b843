"""Report, Table and Note; the ``gongkai.annual/1`` JSON in and out.

A cell is an ``int`` (or a ``Decimal`` for money in 万元), or ``None`` when it is blank or missing:
0 and "not there" are different things and stay different all the way through.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from ..facts import PARTS, Fact
from .errors import InvalidReportJSON
from .layout import FORMATS, FormatLayout, Grid, layout_for

SCHEMA = "gongkai.annual/1"

Number = int | Decimal


class AgencyKind(StrEnum):
    DEPARTMENT = "department"  # 政府部门
    GOVERNMENT = "government"  # 人民政府
    TOWNSHIP = "township"  # 乡镇街道
    OTHER = "other"


AGENCY_KIND_LABELS = {
    AgencyKind.DEPARTMENT: "政府部门",
    AgencyKind.GOVERNMENT: "人民政府",
    AgencyKind.TOWNSHIP: "乡镇街道",
    AgencyKind.OTHER: "其他",
}


class AgencyLevel(StrEnum):
    MINISTRY = "ministry"
    PROVINCE = "province"
    CITY = "city"
    COUNTY = "county"
    TOWNSHIP = "township"


@dataclass
class Agency:
    name: str | None = None
    kind: AgencyKind | None = None
    level: AgencyLevel | None = None

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "kind": self.kind.value if self.kind else None,
            "level": self.level.value if self.level else None,
        }


@dataclass(frozen=True)
class Note:
    """What a reader recovered, doubted or could not read. ``cells`` are paths like
    ``applications.r_total.natural_person``."""

    code: str
    message: str
    cells: tuple[str, ...] = ()

    def to_json(self) -> dict:
        return {"code": self.code, "message": self.message, "cells": list(self.cells)}


def cell_path(grid: Grid, row: str, column: str) -> str:
    return f"{grid.path_prefix}{row}.{column}"  # applications.…, review_litigation.…, active.<grid>.…


_CELL_PATHS: dict[int, tuple[Grid, dict[tuple[str, str], str]]] = {}


def cell_paths(grid: Grid) -> dict[tuple[str, str], str]:
    """Every cell's path (``cell_path``), made once per grid: a table left mostly blank has a
    hundred and more cells to name in a finding."""
    found = _CELL_PATHS.get(id(grid))
    if found is None or found[0] is not grid:
        if len(_CELL_PATHS) >= 64:  # grids come from the layouts; only guards grids made on the fly
            _CELL_PATHS.clear()
        found = _CELL_PATHS[id(grid)] = (grid, {cell: cell_path(grid, *cell) for cell in grid.cells()})
    return found[1]


_BLANK_VALUES: dict[int, tuple[Grid, dict[tuple[str, str], None]]] = {}


def _blank_values(grid: Grid) -> dict[tuple[str, str], None]:
    """Every cell of ``grid`` blank, in grid order: made once per grid (grids are frozen), copied
    for each table (a dict copy is far quicker than walking the grid's cells)."""
    cached = _BLANK_VALUES.get(id(grid))
    if cached is None or cached[0] is not grid:
        if len(_BLANK_VALUES) >= 64:  # grids come from the layouts; only guards grids made on the fly
            _BLANK_VALUES.clear()
        cached = _BLANK_VALUES[id(grid)] = (grid, dict.fromkeys(grid.cells()))
    return cached[1]


class Table:
    """The values of one grid; every declared cell exists, ``None`` when blank."""

    def __init__(self, grid: Grid, values: dict[tuple[str, str], Number | None] | None = None):
        self.grid = grid
        self._values: dict[tuple[str, str], Number | None] = _blank_values(grid).copy()
        if values:
            for (row, column), value in values.items():
                self.set(row, column, value)

    def get(self, row: str, column: str) -> Number | None:
        return self._values[(row, column)]

    def set(self, row: str, column: str, value: Number | None) -> None:
        if (row, column) not in self._values:
            raise KeyError(f"{self.grid.key} has no cell {row}.{column}")
        self._values[(row, column)] = value

    def update(self, values: dict[tuple[str, str], Number | None]) -> None:
        """Set many cells at once (readers fill a whole table in one go)."""
        unknown = values.keys() - self._values.keys()
        if unknown:
            row, column = sorted(unknown)[0]
            raise KeyError(f"{self.grid.key} has no cell {row}.{column}")
        self._values.update(values)

    def items(self) -> Iterator[tuple[str, str, Number | None]]:
        for (row, column), value in self._values.items():
            yield row, column, value

    def values(self) -> list[Number | None]:
        """Every cell in grid order (rows, then columns), as ``grid.cells()`` lists them."""
        return list(self._values.values())

    def group_total(self, group: str, column: str = "total") -> Number:
        """The rows under a printed group label (``Grid.rows_in_group``) added up in ``column``;
        blank cells count as 0."""
        return sum(self._values[(r.key, column)] or 0 for r in self.grid.rows_in_group(group))

    def row_values(self, row: str) -> list[Number | None]:
        return [self._values[(row, c)] for c in self.grid.column_keys]

    def path(self, row: str, column: str) -> str:
        return f"{self.grid.path_prefix}{row}.{column}"  # as cell_path

    @property
    def is_blank(self) -> bool:
        values = self._values.values()
        # a filled-in table usually says so in its first cell; else C-level passes, not a generator
        return next(iter(values), None) is None and list(values).count(None) == len(values)

    @property
    def missing(self) -> list[tuple[str, str]]:
        if None not in self._values.values():
            return []  # the usual case: a filled-in table
        return [k for k, v in self._values.items() if v is None]

    def to_json(self) -> dict:
        return {
            r: {c: _number_to_json(self._values[(r, c)]) for c in self.grid.column_keys}
            for r in self.grid.row_keys
        }

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Table) and self.grid.key == other.grid.key and self._values == other._values

    def __repr__(self) -> str:
        return f"Table({self.grid.key}, {self._values!r})"


@dataclass
class Report:
    format: str
    agency: Agency = field(default_factory=Agency)
    year: int | None = None
    title: str | None = None
    signature_date: date | None = None
    publication_date: date | None = None
    sections: dict[str, str | None] = field(default_factory=dict)
    tables: dict[str, Table] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)
    source: str | None = None  # where it was read from, if anywhere
    # the registries' figures section 一 could quote (gongkai.facts): not printed, but the
    # text-vs-figure check (TXT-FACT) compares the text with them
    facts: list[Fact] = field(default_factory=list)

    @classmethod
    def empty(cls, version: str, **kwargs: Any) -> Report:
        layout = layout_for(version)
        report = cls(format=version, **kwargs)
        report.sections = {s.key: None for s in layout.sections} | report.sections
        for grid in layout.grids:
            report.tables.setdefault(grid.key, Table(grid))
        return report

    @property
    def layout(self) -> FormatLayout:
        return layout_for(self.format)

    @property
    def applications(self) -> Table | None:
        return self.tables.get("applications")

    @property
    def review_litigation(self) -> Table | None:
        return self.tables.get("review_litigation")

    @property
    def active_tables(self) -> list[Table]:
        return [self.tables[g.key] for g in self.layout.active if g.key in self.tables]

    def note(self, code: str, message: str, *cells: str) -> None:
        self.notes.append(Note(code, message, tuple(cells)))

    def cell(self, path: str) -> Number | None:
        """Look a cell up by its path (``applications.r_open.total``, ``active.art20_1.regulations.made``)."""
        parts = path.split(".")
        if parts[0] == "active":
            parts = parts[1:]
        grid_key, row, column = parts
        return self.tables[grid_key].get(row, column)

    # ------------------------------------------------------------ JSON

    def to_json(self) -> dict:
        layout = self.layout
        return {
            "schema": SCHEMA,
            "format": self.format,
            "agency": self.agency.to_json(),
            "year": self.year,
            "title": self.title,
            "dates": {
                "signature": self.signature_date.isoformat() if self.signature_date else None,
                "publication": self.publication_date.isoformat() if self.publication_date else None,
            },
            "sections": {s.key: self.sections.get(s.key) for s in layout.sections},
            "active": {g.key: self.tables[g.key].to_json() for g in layout.active if g.key in self.tables},
            "applications": self.applications.to_json() if self.applications else None,
            "review_litigation": self.review_litigation.to_json() if self.review_litigation else None,
            "notes": [n.to_json() for n in self.notes],
            "source": self.source,
            "facts": [_fact_to_json(f) for f in self.facts],
        }

    def dumps(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_json(cls, data: Any) -> Report:
        return _ReportLoader(data).load()

    @classmethod
    def loads(cls, text: str) -> Report:
        try:
            data = json.loads(text, parse_float=Decimal)
        except json.JSONDecodeError as exc:
            raise InvalidReportJSON(f"不是有效的 JSON（第 {exc.lineno} 行）：{exc.msg}") from None
        return cls.from_json(data)


def _number_to_json(value: Number | None) -> int | float | None:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _fact_to_json(fact: Fact) -> dict:
    return {
        "key": fact.key,
        "label": fact.label,
        "value": _number_to_json(fact.value),
        "unit": fact.unit,
        "definition": fact.definition,
        "part": fact.part,
        "records": fact.records,
    }


class _ReportLoader:
    """Validates a JSON document against the schema while building the Report."""

    def __init__(self, data: Any):
        self.data = data

    def fail(self, where: str, problem: str) -> None:
        raise InvalidReportJSON(f"{where}：{problem}")

    def load(self) -> Report:
        data = self.data
        if not isinstance(data, dict):
            self.fail("JSON", "顶层应为对象")
        if data.get("schema") != SCHEMA:
            self.fail("schema", f"应为 “{SCHEMA}”，实为 {data.get('schema')!r}")
        version = data.get("format")
        if version not in FORMATS:
            self.fail("format", f"应为 {' / '.join(FORMATS)} 之一，实为 {version!r}")
        agency = data.get("agency") or {}
        if not isinstance(agency, dict):
            self.fail("agency", "应为对象")
        report = Report.empty(
            version,
            agency=Agency(
                name=self._opt_str(agency.get("name"), "agency.name"),
                kind=self._enum(AgencyKind, agency.get("kind"), "agency.kind"),
                level=self._enum(AgencyLevel, agency.get("level"), "agency.level"),
            ),
            year=self._opt_int(data.get("year"), "year"),
            title=self._opt_str(data.get("title"), "title"),
            source=self._opt_str(data.get("source"), "source"),
        )
        dates = data.get("dates") or {}
        report.signature_date = self._date(dates.get("signature"), "dates.signature")
        report.publication_date = self._date(dates.get("publication"), "dates.publication")
        sections = data.get("sections") or {}
        if not isinstance(sections, dict):
            self.fail("sections", "应为对象")
        for key, text in sections.items():
            if key not in report.sections:
                self.fail(f"sections.{key}", "不是本格式的部分")
            report.sections[key] = self._opt_str(text, f"sections.{key}")
        layout = report.layout
        active = data.get("active") or {}
        for grid in layout.active:
            self._load_grid(report.tables[grid.key], active.get(grid.key), f"active.{grid.key}")
        for grid in (layout.applications, layout.review_litigation):
            if grid is not None:
                self._load_grid(report.tables[grid.key], data.get(grid.key), grid.key)
        for i, note in enumerate(data.get("notes") or []):
            if not isinstance(note, dict) or not isinstance(note.get("message"), str):
                self.fail(f"notes[{i}]", "应为含 message 的对象")
            report.notes.append(
                Note(str(note.get("code", "")), note["message"], tuple(note.get("cells") or ()))
            )
        facts = data.get("facts") or []  # absent from documents written before it existed
        if not isinstance(facts, list):
            self.fail("facts", "应为数组")
        report.facts = [self._fact(fact, f"facts[{i}]") for i, fact in enumerate(facts)]
        return report

    def _fact(self, data: Any, where: str) -> Fact:
        if not isinstance(data, dict):
            self.fail(where, "应为对象")
        texts = {}
        for name in ("key", "label", "unit", "definition", "records"):
            value = data.get(name, "")
            if not isinstance(value, str) or (name in ("key", "label") and not value):
                self.fail(
                    f"{where}.{name}", "应为字符串" if name not in ("key", "label") else "应为非空字符串"
                )
            texts[name] = value
        if data.get("part") not in PARTS:
            self.fail(f"{where}.part", f"应为 {' / '.join(PARTS)} 之一，实为 {data.get('part')!r}")
        value = data.get("value")
        if isinstance(value, float):
            value = Decimal(str(value))
        if value is not None and (isinstance(value, bool) or not isinstance(value, (int, Decimal))):
            self.fail(f"{where}.value", f"应为数字或 null，实为 {value!r}")
        return Fact(value=value, part=data["part"], **texts)

    def _load_grid(self, table: Table, values: Any, where: str) -> None:
        if values is None:
            return
        if not isinstance(values, dict):
            self.fail(where, "应为对象")
        for row, cols in values.items():
            if row not in table.grid.row_keys:
                self.fail(f"{where}.{row}", "不是本表的行")
            if not isinstance(cols, dict):
                self.fail(f"{where}.{row}", "应为对象")
            for col, value in cols.items():
                if col not in table.grid.column_keys:
                    self.fail(f"{where}.{row}.{col}", "不是本表的列")
                table.set(row, col, self._cell(value, table.grid.column(col).decimal, f"{where}.{row}.{col}"))

    def _cell(self, value: Any, decimal: bool, where: str) -> Number | None:
        if value is None:
            return None
        if isinstance(value, bool):
            self.fail(where, "应为数字或 null")
        if isinstance(value, int):
            return Decimal(value) if decimal else value
        if isinstance(value, (float, Decimal)):
            if decimal:
                try:
                    return Decimal(str(value))
                except InvalidOperation:
                    self.fail(where, "不是有效数字")
            if value == int(value):
                return int(value)
            self.fail(where, f"应为整数，实为 {value}")
        self.fail(where, f"应为数字或 null，实为 {value!r}")
        return None

    def _opt_int(self, value: Any, where: str) -> int | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(where, "应为整数或 null")
        return value

    def _opt_str(self, value: Any, where: str) -> str | None:
        if value is not None and not isinstance(value, str):
            self.fail(where, "应为字符串或 null")
        return value

    def _enum(self, enum: type[StrEnum], value: Any, where: str):
        if value is None:
            return None
        try:
            return enum(value)
        except ValueError:
            self.fail(where, f"应为 {' / '.join(e.value for e in enum)} 之一，实为 {value!r}")

    def _date(self, value: Any, where: str) -> date | None:
        if value is None:
            return None
        try:
            return date.fromisoformat(value)
        except (TypeError, ValueError):
            self.fail(where, f"应为 YYYY-MM-DD 日期，实为 {value!r}")
        return None
