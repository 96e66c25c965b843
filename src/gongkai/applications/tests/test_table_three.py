"""Table 三 from the database: the pure tally over one values_list query, validated by gongkai.annual."""

from datetime import date, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.annual.layout import LAYOUT_2019, LAYOUT_2021
from gongkai.annual.model import cell_path
from gongkai.applications import services
from gongkai.applications.models import Application
from gongkai.applications.queries import drilldown, table_three, table_three_findings
from gongkai.applications.rules import APPLICANT_TYPES, OUTCOME_KEYS
from gongkai.applications.tally import ApplicationRecord, tally
from gongkai.applications.testing import applicant, bare_application, make_application, uscc


def test_table_three_from_the_records(world):
    a = world.a
    old = make_application(a, date(2025, 12, 15))  # carried in, answered in 2026
    services.reply(world.clerk_a, old, "r_open", "x", "art36_1", date(2026, 1, 5))
    make_application(a, date(2025, 12, 20))  # carried in, still open → carried out
    gone = make_application(a, date(2025, 6, 2))  # finished in 2025: absent from 2026
    services.reply(world.clerk_a, gone, "r_partial", "x", on=date(2025, 6, 10))
    org = make_application(
        a,
        date(2026, 3, 2),
        applicant_type="org_commercial",
        id_type="uscc",
        id_number=uscc(),
        name="示例建筑有限公司",
    )
    services.reply(world.clerk_a, org, "r_deny_third_party", "涉及商业秘密", "art36_3", date(2026, 3, 10))
    w = make_application(a, date(2026, 3, 2))
    services.withdraw(world.clerk_a, w, "撤回", date(2026, 3, 3))
    dup, keep = make_application(a, date(2026, 3, 2)), make_application(a, date(2026, 3, 2))
    services.merge(world.clerk_a, dup, keep.tracking_no, date(2026, 3, 3))  # counted once, as ``keep``
    services.submit_online(a, applicant())  # not yet received: not counted
    make_application(world.b, date(2026, 3, 2))  # another agency

    with CaptureQueriesContext(connection) as queries:
        t = table_three(a, 2026)
    assert len(queries) == 1
    assert t.get("new_received", "natural_person") == 2  # w, keep
    assert t.get("new_received", "org_commercial") == 1
    assert t.get("carried_over_in", "natural_person") == 2
    assert t.get("r_open", "natural_person") == 1
    assert t.get("r_other_other", "natural_person") == 1
    assert t.get("r_deny_third_party", "org_commercial") == 1
    assert t.get("carried_over_out", "natural_person") == 2  # the December one and ``keep``
    assert t.get("new_received", "total") == 3
    assert table_three_findings(t, 2026) == []
    assert table_three(a, 2025).get("carried_over_out", "natural_person") == 2


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.tuples(
            st.sampled_from(sorted(APPLICANT_TYPES)),
            st.dates(date(2024, 1, 1), date(2026, 11, 1)),
            st.one_of(st.none(), st.sampled_from(OUTCOME_KEYS)),
            st.integers(0, 400),
        ),
        max_size=40,
    ),
    st.integers(2024, 2026),
)
def test_any_records_validate(world, rows, year):
    Application.objects.all().delete()
    from datetime import timedelta

    Application.objects.bulk_create(
        [
            bare_application(
                world.a,
                f"p-{i}",
                state="closed" if outcome else "registered",
                applicant_type=kind,
                received_on=received,
                outcome=outcome or "",
                finished_on=received + timedelta(days=days) if outcome else None,
            )
            for i, (kind, received, outcome, days) in enumerate(rows)
        ]
    )
    t = table_three(world.a, year)
    assert table_three_findings(t, year) == []
    assert t.get("new_received", "total") == sum(1 for _, r, _, _ in rows if r.year == year)
    # The database's GROUP BY gives exactly what the pure tally gives over the same records.
    records = [
        ApplicationRecord(kind, received, outcome, received + timedelta(days=days) if outcome else None)
        for kind, received, outcome, days in rows
    ]
    assert list(t.items()) == list(tally(records, year).items())
    assert list(table_three(world.a, year, LAYOUT_2019).items()) == list(
        tally(records, year, LAYOUT_2019).items()
    )


def test_every_cell_drills_down_to_its_value(world):
    """The drill-down selects, cell by cell, what the GROUP BY counts (same three rules)."""
    Application.objects.all().delete()
    kinds, outcomes = sorted(APPLICANT_TYPES), OUTCOME_KEYS
    Application.objects.bulk_create(
        [
            bare_application(
                world.a,
                f"d-{i}",
                state="closed" if i % 3 else "registered",
                applicant_type=kinds[i % len(kinds)],
                received_on=date(2024, 10, 1) + timedelta(days=7 * i),
                outcome=outcomes[i % len(outcomes)] if i % 3 else "",
                finished_on=date(2024, 10, 20) + timedelta(days=7 * i) if i % 3 else None,
            )
            for i in range(60)
        ]
    )
    for layout in (LAYOUT_2021, LAYOUT_2019):
        table, grid = table_three(world.a, 2025, layout), layout.applications
        assert table.get("r_total", "total") > 0
        for row, column in grid.cells():
            drill = drilldown(world.a, 2025, (row, column), layout)
            assert drill.value == table.get(row, column) == len(drill.items), (layout.name, row, column)
            assert drill.path == cell_path(grid, row, column)
    assert drilldown(world.a, 2025, "applications.r_open.total").source == "applications"
