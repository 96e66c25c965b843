"""Table 二 from the records: hand-computed, yearly totals override, money exact in 万元."""

from datetime import date
from decimal import Decimal

import pytest

from gongkai.annual.checks import Severity, run_checks
from gongkai.annual.model import Report
from gongkai.catalogue.models import DocType, Status, Validity
from gongkai.catalogue.testing import make_entry
from gongkai.records import queries
from gongkai.records.rules import Kind, yuan_to_wan
from gongkai.records.testing import make_decision, make_fee, make_total


def _values(tables):
    out = {}
    for key, table in tables.items():
        for row, column, value in table.items():
            out.setdefault(key, {}).setdefault(row, {})[column] = value
    return out


def test_hand_computed_year(world):
    a = world.a
    for d in (date(2024, 1, 1), date(2024, 6, 30), date(2024, 12, 31)):
        make_decision(a, Kind.LICENSING, d)
    make_decision(a, Kind.LICENSING, date(2023, 12, 31))  # last year
    make_decision(a, Kind.LICENSING, date(2025, 1, 1))  # next year
    make_decision(a, Kind.PENALTY, date(2024, 3, 3))
    make_decision(a, Kind.PENALTY, date(2024, 4, 4))
    make_decision(world.b, Kind.COERCION, date(2024, 4, 4))  # another agency
    make_fee(a, 2024, "不动产登记费", "100000.00")
    make_fee(a, 2024, "工本费", "23456")
    make_fee(a, 2023, "不动产登记费", "99999")
    make_entry(
        a, "示例县某规章", status=Status.PUBLISHED, doc_type=DocType.REGULATION, created_date=date(2024, 2, 1)
    )
    make_entry(
        a, "规范性文件一", status=Status.PUBLISHED, doc_type=DocType.NORMATIVE, created_date=date(2022, 2, 1)
    )
    make_entry(
        a,
        "规范性文件二",
        status=Status.PUBLISHED,
        doc_type=DocType.NORMATIVE,
        created_date=date(2021, 2, 1),
        validity=Validity.REPEALED,
        invalid_date=date(2024, 9, 1),
    )

    tables = queries.table_two(a, 2024)
    assert set(tables) == {"art20_1", "art20_5", "art20_6", "art20_8"}
    assert _values(tables) == {
        "art20_1": {
            "regulations": {"made": 1, "repealed": 0, "valid": 1},
            "normative_docs": {"made": 0, "repealed": 1, "valid": 1},
        },
        "art20_5": {"admin_licensing": {"decisions": 3}},
        "art20_6": {"admin_penalty": {"decisions": 2}, "admin_coercion": {"decisions": 0}},
        "art20_8": {"admin_fees": {"amount": Decimal("12.3456")}},
    }
    amount = tables["art20_8"].get("admin_fees", "amount")
    assert isinstance(amount, Decimal) and amount == Decimal("12.3456")

    report = Report.empty("2021", year=2024)
    report.tables.update(tables)
    errors = [
        f for f in run_checks(report) if f.severity is Severity.ERROR and f.code.startswith(("T2", "CELL"))
    ]
    assert errors == []
    money = [f for f in run_checks(report) if f.code == "UNIT-MONEY" and f.severity is Severity.WARNING]
    assert money == []


def test_an_empty_year_is_zeros_not_blanks(world):
    tables = queries.table_two(world.a, 2024)
    assert all(v is not None for t in tables.values() for _, _, v in t.items())
    assert tables["art20_8"].get("admin_fees", "amount") == Decimal("0")


@pytest.mark.parametrize(
    ("yuan", "wan"),
    [
        ("123456", "12.3456"),
        ("123456.00", "12.3456"),
        ("100", "0.0100"),
        ("1", "0.0001"),
        ("0", "0.0000"),
        ("9999999999.99", "999999.999999"),
        ("0.01", "0.000001"),
        ("12345.6", "1.23456"),
    ],
)
def test_yuan_to_wan_is_exact(yuan, wan):
    got = yuan_to_wan(Decimal(yuan))
    assert str(got) == wan
    assert got * 10000 == Decimal(yuan)


def test_yearly_total_replaces_the_records(world):
    for day in (1, 2, 3):
        make_decision(world.a, Kind.PENALTY, date(2024, 5, day))
    make_decision(world.a, Kind.LICENSING, date(2024, 5, 1))
    make_total(world.a, 2024, Kind.PENALTY, 120)
    make_total(world.a, 2023, Kind.LICENSING, 7)  # another year: no effect on 2024
    tables = queries.table_two(world.a, 2024)
    assert tables["art20_6"].get("admin_penalty", "decisions") == 120
    assert tables["art20_5"].get("admin_licensing", "decisions") == 1
    drill = queries.drilldown(world.a, 2024, ("art20_6", "admin_penalty", "decisions"))
    assert drill.source == "yearly_total" and drill.value == 120
    assert "年度处理决定数量" in drill.rule
    assert "3件" in drill.notes[0]  # says the entered decisions were not counted
    counted = queries.drilldown(world.a, 2024, "active.art20_5.admin_licensing.decisions")
    assert counted.source == "records" and counted.value == 1 and len(counted.items) == 1


def test_a_zero_yearly_total_still_overrides(world):
    make_decision(world.a, Kind.COERCION, date(2024, 5, 1))
    make_total(world.a, 2024, Kind.COERCION, 0)
    assert queries.table_two(world.a, 2024)["art20_6"].get("admin_coercion", "decisions") == 0


def test_every_cell_drills_down_to_its_value(world):
    make_decision(world.a, Kind.LICENSING, date(2024, 5, 1))
    make_fee(world.a, 2024, "工本费", "150.50")
    make_entry(
        world.a, "规章甲", status=Status.PUBLISHED, doc_type=DocType.REGULATION, created_date=date(2024, 2, 1)
    )
    tables = queries.table_two(world.a, 2024)
    for key, table in tables.items():
        for row, column, value in table.items():
            drill = queries.drilldown(world.a, 2024, (key, row, column))
            assert drill.value == value, (key, row, column)
            assert drill.path == f"active.{key}.{row}.{column}"
            if drill.source in ("records", "catalogue"):
                assert len(drill.items) == value, (key, row, column)
    fees = queries.drilldown(world.a, 2024, "active.art20_8.admin_fees.amount")
    assert fees.value == Decimal("0.01505") and "150.50 元" in fees.rule
    assert queries.drilldown(world.a, 2024, "active.art20_1.regulations.made").items[0].label == "规章甲"
    with pytest.raises(KeyError):
        queries.drilldown(world.a, 2024, ("art20_5", "admin_licensing", "nonsense"))


def test_an_older_layout_gets_only_the_cells_it_shares(world):
    from gongkai.annual.layout import LAYOUT_2019

    make_decision(world.a, Kind.LICENSING, date(2020, 5, 1))
    tables = queries.table_two(world.a, 2020, layout=LAYOUT_2019)
    assert tables["art20_5"].get("admin_licensing", "decisions") == 1
    assert tables["art20_5"].get("admin_licensing", "prev_year_items") is None
    assert "art20_8" in tables and tables["art20_8"].is_blank  # 2019 has no amount column
