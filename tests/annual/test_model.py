from decimal import Decimal

import pytest

from gongkai.annual import InvalidReportJSON, Report
from gongkai.annual.layout import (
    DENY,
    LAYOUT_2019,
    LAYOUT_2021,
    OTHER,
    layout_for_year,
    outcome_keys,
    outcome_rows,
)


def test_2021_table_three_has_25_rows_and_7_columns():
    grid = LAYOUT_2021.applications
    assert len(grid.rows) == 25
    assert grid.column_keys == (
        "natural_person",
        "org_commercial",
        "org_research",
        "org_public_welfare",
        "org_legal_service",
        "org_other",
        "total",
    )
    assert grid.row_keys[0] == "new_received" and grid.row_keys[-1] == "carried_over_out"


def test_2019_table_three_has_a_single_other_row_and_a_ninth_item_table():
    grid = LAYOUT_2019.applications
    assert "r_other" in grid.row_keys and "r_other_fee_unpaid" not in grid.row_keys
    assert len(grid.rows) == 23
    assert [g.key for g in LAYOUT_2019.active] == ["art20_1", "art20_5", "art20_6", "art20_8", "art20_9"]


def test_table_four_has_15_cells():
    assert len(list(LAYOUT_2021.review_litigation.cells())) == 15


def test_format_for_year():
    assert layout_for_year(2024).version == "2021"
    assert layout_for_year(2020).version == "2019"
    assert layout_for_year(2018).version == "pre2019"


def test_zero_and_blank_stay_different_through_json():
    report = Report.empty("2021", year=2024)
    report.tables["applications"].set("new_received", "total", 0)
    report.tables["art20_8"].set("admin_fees", "amount", Decimal("1.25"))
    back = Report.loads(report.dumps())
    assert back.tables["applications"].get("new_received", "total") == 0
    assert back.tables["applications"].get("carried_over_in", "total") is None
    assert back.tables["art20_8"].get("admin_fees", "amount") == Decimal("1.25")
    assert back.to_json() == report.to_json()


@pytest.mark.parametrize(
    "mutate, fragment",
    [
        (lambda d: d.update(schema="other/1"), "schema"),
        (lambda d: d.update(format="2030"), "format"),
        (lambda d: d["applications"]["r_open"].update(total="7"), "applications.r_open.total"),
        (lambda d: d["applications"]["r_open"].update(total=1.5), "应为整数"),
        (lambda d: d["applications"].update(r_nonsense={}), "r_nonsense"),
        (lambda d: d["dates"].update(signature="2024-13-40"), "dates.signature"),
    ],
)
def test_invalid_json_is_refused_with_the_place_named(mutate, fragment):
    data = Report.empty("2021").to_json()
    mutate(data)
    with pytest.raises(InvalidReportJSON, match=fragment.replace(".", r"\.")):
        Report.from_json(data)


def test_update_sets_many_cells_and_refuses_unknown_ones():
    table = Report.empty("2021").tables["applications"]
    table.update({("r_open", "total"): 3, ("r_open", "natural_person"): 3})
    assert table.get("r_open", "total") == 3 and table.get("r_open", "natural_person") == 3
    with pytest.raises(KeyError, match="r_nonsense"):
        table.update({("r_nonsense", "total"): 1})
    assert table.get("r_open", "total") == 3


def test_outcome_groups_come_from_the_rows_declared_groups():
    t2021, t2019 = LAYOUT_2021.applications, LAYOUT_2019.applications
    assert [r.key for r in t2021.rows_in_group(OTHER)] == [
        "r_other_no_correction",
        "r_other_fee_unpaid",
        "r_other_other",
    ]
    assert [r.key for r in t2019.rows_in_group(OTHER)] == ["r_other"]  # printed as one row in 2019
    assert len(t2019.rows_in_group(DENY)) == 8
    assert outcome_rows(t2021) == {key: key for key in outcome_keys(t2021.rows)}
    assert outcome_rows(t2019)["r_other_fee_unpaid"] == "r_other"
    assert outcome_rows(t2019)["r_deny_third_party"] == "r_deny_third_party"
