"""信息处理费 (国办函〔2020〕109号): the spec's worked examples and every tier boundary."""

import dataclasses

import pytest

from gongkai.applications.fees import (
    FeeBasis,
    FeeCharge,
    by_volume_fee,
    charge_by_volume,
    charge_per_item,
    monthly_per_item_total,
    per_item_rate,
)


def test_spec_example_45_applications_in_one_month():
    # 10×0 + 20×100 + 10×200 + 5×300
    assert monthly_per_item_total(45) == 5500
    assert charge_per_item(0, items=45).amount == 5500


def test_spec_example_150_pages():
    # 30×0 + 70×10 + 50×20
    assert by_volume_fee(150) == 1700


@pytest.mark.parametrize(
    ("k", "rate"),
    [(1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (40, 200), (41, 300), (50, 300), (51, 400), (61, 500)],
)
def test_per_item_rate_boundaries(k, rate):
    assert per_item_rate(k) == rate


@pytest.mark.parametrize(
    ("pages", "fee"),
    [(0, 0), (1, 0), (30, 0), (31, 10), (100, 700), (101, 720), (200, 2700), (201, 2740), (250, 4700)],
)
def test_by_volume_boundaries(pages, fee):
    assert by_volume_fee(pages) == fee


@pytest.mark.parametrize(("items", "total"), [(0, 0), (10, 0), (11, 100), (30, 2000), (31, 2200), (40, 4000)])
def test_monthly_totals(items, total):
    assert monthly_per_item_total(items) == total


def test_per_item_charge_continues_the_month():
    # 9 件 earlier this month; this application is split into 3 件 (一事一申请): 件 10, 11, 12.
    charge = charge_per_item(9, items=3)
    assert charge.basis is FeeBasis.PER_ITEM
    assert charge.amount == 200
    assert charge.quantity == 3
    assert [(line.first, line.last, line.rate) for line in charge.lines] == [(10, 10, 0), (11, 12, 100)]
    # The 31st 件 alone
    assert charge_per_item(30).amount == 200


def test_explanation_states_each_tier():
    assert charge_by_volume(150).explain() == (
        "按量计收：第1—30页 30页×0元=0元；第31—100页 70页×10元=700元；第101—150页 50页×20元=1000元；合计1700元"
    )
    assert charge_per_item(10).explain() == "按件计收：第11件 1件×100元=100元；合计100元"


def test_one_basis_per_application():
    # A charge is built by exactly one constructor and is immutable: it cannot carry both bases.
    assert {f.name for f in dataclasses.fields(FeeCharge)} == {"basis", "lines"}
    charge = charge_by_volume(40)
    with pytest.raises(dataclasses.FrozenInstanceError):
        charge.basis = FeeBasis.PER_ITEM  # type: ignore[misc]


@pytest.mark.parametrize(
    "call",
    [
        lambda: per_item_rate(0),
        lambda: charge_per_item(-1),
        lambda: charge_per_item(0, 0),
        lambda: by_volume_fee(-1),
    ],
)
def test_bad_quantities_are_refused(call):
    with pytest.raises(ValueError):
        call()
