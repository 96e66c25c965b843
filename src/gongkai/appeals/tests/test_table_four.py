"""Table 四 from the appeal records: a hand-computed year, the 201号 rule, and T4-SUM for any data."""

from datetime import date, timedelta

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.annual.checks import Severity, run_checks
from gongkai.annual.model import Report
from gongkai.appeals import queries, rules
from gongkai.appeals.rules import Kind, Scope
from gongkai.appeals.testing import make_appeal

R, D, A = Kind.RECONSIDERATION, Kind.LITIGATION_DIRECT, Kind.LITIGATION_AFTER


def _year_2024(agency, other):
    make_appeal(agency, R, date(2024, 2, 1), decision="recon_uphold", decided_on=date(2024, 4, 1))
    make_appeal(agency, R, date(2024, 3, 1), decision="recon_revoke", decided_on=date(2024, 5, 1))
    make_appeal(agency, R, date(2024, 4, 1), decision="recon_confirm_illegal", decided_on=date(2024, 6, 1))
    make_appeal(agency, R, date(2024, 5, 1), decision="recon_reject_claim", decided_on=date(2024, 7, 1))
    make_appeal(agency, R, date(2024, 6, 1), withdrawn=True, decided_on=date(2024, 6, 20))
    # decided after the year end: still 尚未审结 on 31 December
    make_appeal(agency, R, date(2024, 11, 1), decision="recon_uphold", decided_on=date(2025, 1, 10))
    make_appeal(agency, R, date(2024, 12, 1))
    # carried over from 2023 and decided in 2024
    make_appeal(agency, R, date(2023, 11, 1), decision="recon_change", decided_on=date(2024, 1, 15))
    # finished in 2023, received in 2025: never in 2024
    make_appeal(agency, R, date(2023, 5, 1), decision="recon_uphold", decided_on=date(2023, 8, 1))
    make_appeal(agency, R, date(2025, 1, 5))

    make_appeal(agency, D, date(2024, 3, 10), decision="court_reject_claim", decided_on=date(2024, 9, 1))
    make_appeal(agency, D, date(2024, 4, 10), decision="court_dismiss_suit", decided_on=date(2024, 6, 1))
    make_appeal(agency, D, date(2024, 7, 1), stage="answered", answered_on=date(2024, 7, 10))

    make_appeal(agency, A, date(2024, 5, 5), decision="court_revoke", decided_on=date(2024, 10, 1))
    # 201号: this agency only as the 复议机关 sued with the original actor — not counted here
    make_appeal(
        agency,
        A,
        date(2024, 6, 6),
        decision="court_reject_claim",
        decided_on=date(2024, 11, 1),
        review_body_co_defendant=True,
    )
    make_appeal(agency, A, date(2024, 8, 8), review_body_co_defendant=True)
    make_appeal(agency, A, date(2024, 9, 9), decision="court_allow_withdrawal", decided_on=date(2024, 12, 31))

    make_appeal(other, R, date(2024, 5, 5), decision="recon_uphold", decided_on=date(2024, 6, 6))


def _rows(table):
    return {row: table.row_values(row) for row in table.grid.row_keys}


def test_hand_computed_year(world):
    _year_2024(world.a, world.b)
    table = queries.table_four(world.a, 2024)
    assert table.grid.key == "review_litigation"
    #                         upheld corrected other pending total
    assert _rows(table) == {
        "reconsideration": [1, 3, 2, 2, 8],
        "litigation_direct": [1, 0, 1, 1, 3],
        "litigation_after_reconsideration": [0, 1, 1, 0, 2],
    }
    assert _rows(queries.table_four(world.b, 2024))["reconsideration"] == [1, 0, 0, 0, 1]


def test_received_in_year_scope_leaves_out_carried_over_cases(world):
    _year_2024(world.a, world.b)
    table = queries.table_four(world.a, 2024, scope=Scope.RECEIVED_IN_YEAR)
    assert _rows(table)["reconsideration"] == [1, 2, 2, 2, 7]


def test_pending_cases_reappear_next_year_with_their_result(world):
    _year_2024(world.a, world.b)
    table = queries.table_four(world.a, 2025)
    # 2024-11-01 upheld in 2025, 2024-12-01 still open, 2025-01-05 open
    assert _rows(table)["reconsideration"] == [1, 0, 0, 2, 3]
    assert _rows(table)["litigation_direct"] == [0, 0, 0, 1, 1]


def test_201_rule_review_body_as_co_defendant_is_not_counted(world):
    make_appeal(
        world.a,
        A,
        date(2024, 6, 6),
        decision="court_reject_claim",
        decided_on=date(2024, 11, 1),
        review_body_co_defendant=True,
    )
    make_appeal(world.b, A, date(2024, 6, 6), decision="court_reject_claim", decided_on=date(2024, 11, 1))
    assert queries.table_four(world.a, 2024).get("litigation_after_reconsideration", "total") == 0
    assert queries.table_four(world.b, 2024).get("litigation_after_reconsideration", "upheld") == 1
    drill = queries.drilldown(world.a, 2024, "review_litigation.litigation_after_reconsideration.total")
    assert drill.items == [] and "201号" in drill.notes[0]
    assert rules.COUNT_REVIEW_BODY_CO_DEFENDANT is False


def test_drilldown_lists_the_cases_behind_each_cell(world):
    _year_2024(world.a, world.b)
    table = queries.table_four(world.a, 2024)
    for row, column, value in table.items():
        drill = queries.drilldown(world.a, 2024, (row, column))
        assert drill.value == value == len(drill.items), (row, column)
        assert drill.path == f"review_litigation.{row}.{column}"
        assert all(item.url.startswith(f"/staff/appeals/{world.a.code}/") for item in drill.items)
    corrected = queries.drilldown(world.a, 2024, "review_litigation.reconsideration.corrected")
    assert sorted(i.date for i in corrected.items) == [date(2023, 11, 1), date(2024, 3, 1), date(2024, 4, 1)]
    assert "结果纠正" in corrected.rule
    with pytest.raises(KeyError):
        queries.drilldown(world.a, 2024, ("reconsideration", "nonsense"))


def _t4_errors(table, year):
    report = Report.empty("2021", year=year)
    report.tables["review_litigation"] = table
    return [
        f
        for f in run_checks(report)
        if f.severity is Severity.ERROR and (f.code.startswith("T4") or f.code.startswith("CELL"))
    ]


OUTCOMES = st.one_of(
    st.none(),
    st.just("withdrawn"),
    st.sampled_from(sorted(rules.DECISIONS)),
)
CASES = st.lists(
    st.tuples(
        st.sampled_from(list(Kind)),
        st.integers(min_value=0, max_value=1100),  # received: days after 2023-01-01
        OUTCOMES,
        st.integers(min_value=0, max_value=400),  # decided: days after received
        st.booleans(),  # 201号 co-defendant (only possible after 复议)
    ),
    max_size=25,
)


@pytest.mark.django_db
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cases=CASES, year=st.sampled_from([2023, 2024, 2025]), scope=st.sampled_from(list(Scope)))
def test_t4_sum_holds_for_any_data(world, cases, year, scope):
    with transaction.atomic():
        for kind, received, outcome, after, co_defendant in cases:
            received_on = date(2023, 1, 1) + timedelta(days=received)
            decided_on = received_on + timedelta(days=after)
            if outcome is not None and outcome != "withdrawn":
                litigation = kind != Kind.RECONSIDERATION
                if rules.DECISIONS[outcome].litigation != litigation:
                    outcome = rules.decisions_for(kind)[0].code
            make_appeal(
                world.a,
                kind,
                received_on,
                decision=outcome if outcome not in (None, "withdrawn") else "",
                decided_on=decided_on if outcome else None,
                withdrawn=outcome == "withdrawn",
                review_body_co_defendant=co_defendant and kind == Kind.LITIGATION_AFTER,
            )
        table = queries.table_four(world.a, year, scope=scope)
        for row in table.grid.row_keys:
            values = table.row_values(row)
            assert all(isinstance(v, int) and v >= 0 for v in values)
            assert values[-1] == sum(values[:-1])
        assert (
            sum(table.get(r, "total") for r in table.grid.row_keys)
            == queries.counted(world.a, year, scope).count()
        )
        assert _t4_errors(table, year) == []
        transaction.set_rollback(True)
