"""Table 三 from records: a hand-computed example and a property test of the 勾稽关系."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.annual.checks import Severity, run_checks
from gongkai.annual.layout import APPLICANT_PARTS, LAYOUT_2019
from gongkai.annual.model import Report
from gongkai.applications.rules import OUTCOME_KEYS
from gongkai.applications.tally import ApplicationRecord, tally

R = ApplicationRecord
RECORDS = [
    R("natural_person", date(2023, 12, 20), "r_open", date(2024, 1, 10)),  # carried in, finished
    R("natural_person", date(2023, 11, 1)),  # carried in, still open → carried out
    R("natural_person", date(2023, 6, 1), "r_open", date(2023, 7, 1)),  # finished last year: absent
    R("org_commercial", date(2024, 3, 1), "r_partial", date(2024, 3, 20)),  # new, finished
    R("org_commercial", date(2024, 12, 25), "r_deny_third_party", date(2025, 1, 15)),  # new, carried out
    R("org_legal_service", date(2024, 5, 5), "r_other_no_correction", date(2024, 6, 1)),
    R("natural_person", date(2025, 1, 2)),  # next year: absent
    R("natural_person", date(2024, 2, 2), "r_noproc_repeat", date(2024, 12, 31)),  # last day counts
]


def test_hand_computed_example():
    t = tally(RECORDS, 2024)
    expected = {
        "natural_person": {
            "new_received": 1,
            "carried_over_in": 2,
            "r_open": 1,
            "r_noproc_repeat": 1,
            "r_total": 2,
            "carried_over_out": 1,
        },
        "org_commercial": {"new_received": 2, "r_partial": 1, "r_total": 1, "carried_over_out": 1},
        "org_legal_service": {"new_received": 1, "r_other_no_correction": 1, "r_total": 1},
        "total": {
            "new_received": 4,
            "carried_over_in": 2,
            "r_open": 1,
            "r_partial": 1,
            "r_noproc_repeat": 1,
            "r_other_no_correction": 1,
            "r_total": 4,
            "carried_over_out": 2,
        },
    }
    for row, column, value in t.items():
        assert value == expected.get(column, {}).get(row, 0), (row, column)


def test_2019_format_has_one_other_row():
    t = tally(RECORDS, 2024, LAYOUT_2019)
    assert t.get("r_other", "org_legal_service") == 1
    assert t.get("r_total", "total") == 4


@pytest.mark.parametrize(
    "kwargs",
    [
        {"applicant": "robot", "received": date(2024, 1, 1)},
        {"applicant": "natural_person", "received": date(2024, 1, 1), "outcome": "r_open"},
        {"applicant": "natural_person", "received": date(2024, 1, 1), "finished": date(2024, 2, 1)},
        {
            "applicant": "natural_person",
            "received": date(2024, 1, 1),
            "outcome": "r_total",
            "finished": date(2024, 2, 1),
        },
        {
            "applicant": "natural_person",
            "received": date(2024, 3, 1),
            "outcome": "r_open",
            "finished": date(2024, 2, 1),
        },
    ],
)
def test_bad_records_are_refused(kwargs):
    with pytest.raises(ValueError):
        ApplicationRecord(**kwargs)


@st.composite
def records(draw):
    received = draw(st.dates(date(2021, 1, 1), date(2026, 12, 31)))
    applicant = draw(st.sampled_from(APPLICANT_PARTS))
    if draw(st.booleans()):
        return ApplicationRecord(applicant, received)
    finished = received + timedelta(days=draw(st.integers(0, 800)))
    return ApplicationRecord(applicant, received, draw(st.sampled_from(OUTCOME_KEYS)), finished)


ARITHMETIC = ("T3-BAL", "T3-OUT", "T3-ROW", "CELL-INT")


@settings(max_examples=200, deadline=None)
@given(st.lists(records(), max_size=60), st.integers(2022, 2025))
def test_relations_hold_for_any_records(recs, year):
    t = tally(recs, year)
    for column in t.grid.column_keys:
        inflow = t.get("new_received", column) + t.get("carried_over_in", column)
        assert inflow == t.get("r_total", column) + t.get("carried_over_out", column)  # T3-BAL
        assert t.get("r_total", column) == sum(t.get(k, column) for k in OUTCOME_KEYS)  # T3-OUT
    for row in t.grid.row_keys:
        assert t.get(row, "total") == sum(t.get(row, c) for c in APPLICANT_PARTS)  # T3-ROW
    assert t.get("new_received", "total") == sum(1 for r in recs if r.received.year == year)

    report = Report.empty("2021", year=year)
    report.tables["applications"] = t
    findings = [f for f in run_checks(report) if f.code in ARITHMETIC]
    assert not [f for f in findings if f.severity is Severity.ERROR]
    assert not [f for f in findings if f.code.startswith("T3-") and f.severity is Severity.SKIPPED]

    # What is carried out of one year is what is carried into the next (XY-CARRY).
    following = tally(recs, year + 1)
    for column in t.grid.column_keys:
        assert t.get("carried_over_out", column) == following.get("carried_over_in", column)
