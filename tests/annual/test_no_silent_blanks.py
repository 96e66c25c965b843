"""No silently blank rows (issue 11 §7): every row of table 三 is read with its values, or each of
its blank cells is named in a note saying why — never blank without a note. And how blank cells
were printed is recorded: CELL-SLASH for "/", "—", "-", "无"; CELL-BLANK for nothing at all, one
note per table per code."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.annual.example import random_report
from gongkai.annual.layout import LAYOUT_2021
from gongkai.annual.readers.text import read_text

from .test_text_reader import SAMPLE, make_text

T3 = LAYOUT_2021.applications
assert T3 is not None


def _unexplained_blanks(report) -> list[str]:
    """Cells of table 三 that are blank and named by no note."""
    covered = {cell for note in report.notes for cell in note.cells}
    table = report.applications
    return [
        table.path(r, c)
        for r in T3.row_keys
        for c in T3.column_keys
        if table.get(r, c) is None and table.path(r, c) not in covered
    ]


def test_placeholders_and_blank_cells_are_one_note_per_table_per_code():
    rows = dict(SAMPLE)
    rows["r_partial"] = "1\t/\t—\t0\t无\t\t1"
    rows["r_deny_state_secret"] = "0\t\t0\t0\t-\t0\t0"
    report = read_text(make_text(rows))
    slash = [n for n in report.notes if n.code == "CELL-SLASH"]
    blank = [n for n in report.notes if n.code == "CELL-BLANK"]
    assert len(slash) == 1 and len(blank) == 1
    assert set(slash[0].cells) == {
        "applications.r_partial.org_commercial",
        "applications.r_partial.org_research",
        "applications.r_partial.org_legal_service",
        "applications.r_deny_state_secret.org_legal_service",
    }
    assert set(blank[0].cells) == {
        "applications.r_partial.org_other",
        "applications.r_deny_state_secret.org_commercial",
    }
    assert "表三" in slash[0].message and "4 个" in slash[0].message
    assert not _unexplained_blanks(report)


def test_a_row_whose_numbers_run_into_its_label_is_named():
    rows = dict(SAMPLE)
    # the flattened-page case: the label's ordinal glued to the digits, nothing else on the line
    text = make_text(rows).replace("（一）予以公开\t5\t2\t0\t0\t1\t0\t8", "（一）予以公开5200108000")
    report = read_text(text)
    assert not _unexplained_blanks(report)
    if report.applications.get("r_open", "total") is None:
        named = [n for n in report.notes if any(c.startswith("applications.r_open.") for c in n.cells)]
        assert named and any("予以公开" in n.message for n in named)


def test_a_missing_row_is_named_by_its_label():
    text = make_text(SAMPLE).replace("2.重复申请\t2\t0\t0\t0\t0\t0\t2\n", "")
    report = read_text(text)
    assert report.applications.get("r_noproc_repeat", "total") is None
    notes = [n for n in report.notes if "applications.r_noproc_repeat.total" in n.cells]
    assert notes and "重复申请" in notes[0].message
    assert not _unexplained_blanks(report)


# ---------------------------------------------------------------- the property

_SEPARATORS = st.sampled_from(["\t", " | ", "|", "  ", "   ", " \t ", "\u3000\u3000"])


@st.composite
def _printed_tables(draw):
    """A random consistent report's table 三 printed with random separators and whitespace, rows
    of zeros, cells glued together, blank and placeholder cells."""
    seed = draw(st.integers(0, 10_000))
    report = random_report(random.Random(seed), "2021")
    if draw(st.booleans()):  # zero rows: many real reports are mostly zeros
        for row in T3.row_keys:
            if draw(st.integers(0, 2)) == 0:
                for column in T3.column_keys:
                    report.applications.set(row, column, 0)
    rows: dict[str, str] = {}
    for row in T3.rows:
        values = report.applications.row_values(row.key)
        sep = draw(_SEPARATORS)
        cells = ["" if v is None else str(v) for v in values]
        how = draw(st.sampled_from(["plain", "plain", "glued", "blank", "slash", "label-glued"]))
        if how == "glued":
            i = draw(st.integers(0, len(cells) - 2))
            cells[i : i + 2] = [cells[i] + cells[i + 1]]
        elif how == "blank":
            cells[draw(st.integers(0, len(cells) - 1))] = ""
        elif how == "slash":
            cells[draw(st.integers(0, len(cells) - 1))] = draw(st.sampled_from(["/", "—", "-", "无"]))
        line = sep.join(cells)
        rows[row.key] = line if how != "label-glued" else "\b" + "".join(cells)
    return rows


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_printed_tables())
def test_every_row_of_table_three_is_read_or_named_in_a_note(rows):
    text = make_text(rows)
    text = text.replace("\t\b", "")  # "label-glued": the digits run straight on from the label
    report = read_text(text)
    assert not _unexplained_blanks(report), [n.code for n in report.notes]
