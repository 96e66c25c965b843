"""勾稽关系: one check per relation declared in the layout, and the cell-type rule."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .. import arithmetic
from ..layout import LAYOUTS, Grid, Relation
from ..model import Report, Table
from .base import (
    CheckContext,
    CheckFunction,
    Finding,
    Severity,
    blank_tables,
    check,
    finding,
    kept,
    per_report,
    skipped,
)


def _label(table: Table, relation: Relation, at: str) -> str:
    # kept: a blank table asks for the label of every line of every relation, report after report
    key = (id(table.grid), id(relation), at)
    found = _LABELS.get(key)
    if found is None or found[0] is not relation or found[1] is not table.grid:
        grid = table.grid
        label = grid.column(at).label if relation.axis == "rows" else grid.row(at).label
        found = _LABELS[key] = (relation, grid, label)
    return found[2]


_LABELS: dict[tuple[int, int, str], tuple[Relation, object, str]] = {}


def _line_labels(table: Table, relation: Relation) -> tuple[str, ...]:
    key = (id(table.grid), id(relation))
    found = _LINE_LABELS.get(key)
    if found is None or found[0] is not relation or found[1] is not table.grid:
        labels = tuple(_label(table, relation, line.at) for line in arithmetic.lines(table, relation))
        found = _LINE_LABELS[key] = (relation, table.grid, labels)
    return found[2]


_LINE_LABELS: dict[tuple[int, int], tuple[Relation, object, tuple[str, ...]]] = {}


def _relations_by_code(
    report: Report, context: CheckContext
) -> dict[str, list[tuple[Table, Relation, bool]]]:
    """Each relation code's (table, relation, table is blank) in the report's order, found in one
    pass over the tables for all the relation checks of a report."""

    def make() -> dict[str, list[tuple[Table, Relation, bool]]]:
        blank = blank_tables(report, context)
        by_code: dict[str, list[tuple[Table, Relation, bool]]] = {}
        for key, table in report.tables.items():
            for relation in table.grid.relations:
                by_code.setdefault(relation.code, []).append((table, relation, key in blank))
        return by_code

    return per_report(context, "relations_by_code", report, make)


def _incomplete(code: str, labels: Iterable[str]) -> tuple[str, str]:
    """The texts of the skipped finding naming the lines not checked."""
    unique = dict.fromkeys(labels)
    return (
        f"{code}：以下各行/列有空白或缺失单元格，未能核对：{'、'.join(unique)}",
        f"{code}: blank or missing cells, not checked for: {', '.join(unique)}",
    )


def _all_blank(code: str, entries: list[tuple[Table, Relation, bool]]) -> Finding:
    """The skipped finding when every table of the code is blank: it then names every line of
    every relation, which depends on the layout only, so it is kept (a finding is frozen)."""
    declared = [obj for table, relation, _ in entries for obj in (table.grid, relation)]
    lines = (label for table, relation, _ in entries for label in _line_labels(table, relation))
    return kept(code, declared, lambda: skipped(code, *_incomplete(code, lines)))


def _relation_findings(report: Report, context: CheckContext, code: str) -> Iterator[Finding]:
    entries = _relations_by_code(report, context).get(code, [])
    if entries and all(blank for _, _, blank in entries):  # many a report leaves the tables out
        yield _all_blank(code, entries)
        return
    evaluated = False
    incomplete: list[str] = []
    for table, relation, blank in entries:
        if blank:  # every line incomplete
            incomplete.extend(_line_labels(table, relation))
            continue
        if arithmetic.holds_everywhere(table, relation):
            evaluated = True
            continue
        for line, both in arithmetic.evaluate(table, relation):
            if both is None:
                incomplete.append(_label(table, relation, line.at))
                continue
            evaluated = True
            lhs, rhs = both
            if lhs != rhs:
                name = _label(table, relation, line.at)
                fields = {"column": name, "row": name, "lhs": lhs, "rhs": rhs}
                yield finding(
                    code,
                    Severity.ERROR,
                    relation.message_zh.format(**fields),
                    relation.message_en.format(**fields),
                    [table.path(*cell) for cell in line.cells],
                )
    if incomplete:
        yield skipped(code, *_incomplete(code, incomplete))
    elif not evaluated:
        yield skipped(code, f"{code}：报告中没有可核对的表格", f"{code}: no table to check in this report")


def _relation_check(code: str) -> CheckFunction:
    def relation_check(report: Report, context: CheckContext) -> Iterator[Finding]:
        return _relation_findings(report, context, code)  # the findings' generator itself

    return relation_check


def register_relation_checks(grids: Iterable[Grid]) -> None:
    """Register one check per relation code declared on ``grids``, in declaration order, titled as
    the relation says. A code declared on several grids (T3-OUT in both formats) is one check: it
    evaluates the relation of that code on whichever table of a report declares it."""
    declared: dict[str, Relation] = {}
    for grid in grids:
        for relation in grid.relations:
            declared.setdefault(relation.code, relation)
    for code, relation in declared.items():
        check(code, relation.title_zh, relation.title_en)(_relation_check(code))


# before CELL-INT: the relation checks come first in the output, in the layouts' order
register_relation_checks(grid for layout in LAYOUTS.values() for grid in layout.grids)


def _all_counts(values: list) -> bool:
    """Every value blank or an int ≥ 0 — fine in any column — decided by C-level passes over the
    table (the usual case) instead of a column lookup per cell."""
    return set(map(type, values)) <= _COUNT_TYPES and min(filter(None, values), default=0) >= 0


_COUNT_TYPES = {int, type(None)}


@check("CELL-INT", "单元格为非负整数", "Cells are non-negative integers")
def cell_values(report: Report, context: CheckContext) -> Iterator[Finding]:
    blank = blank_tables(report, context)
    for key, table in report.tables.items():
        if key in blank or _all_counts(table.values()):
            continue
        for row, column, value in table.items():
            if value is None:
                continue
            col = table.grid.column(column)
            bad_type = not col.decimal and value != int(value)
            negative = value < 0 and not col.signed
            if bad_type or negative:
                label = f"{table.grid.title}·{table.grid.row(row).label}·{col.label}"
                yield finding(
                    "CELL-INT",
                    Severity.ERROR,
                    f"“{label}”应为非负{'数' if col.decimal else '整数'}，实为 {value}",
                    f"“{label}” must be a non-negative {'number' if col.decimal else 'integer'}, found {value}",
                    [table.path(row, column)],
                )
