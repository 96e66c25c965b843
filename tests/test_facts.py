from decimal import Decimal

import pytest

from gongkai.facts import Fact


def test_a_fact_writes_its_value_as_a_report_does():
    assert Fact("x.items", "事项数", 1439, "项", "在库事项", "platform").text == "1439项"
    assert Fact("x.rate", "及时率", Decimal("98.850"), "%", "按时/总数", "active").text == "98.85%"
    assert Fact("x.rate", "及时率", Decimal("100.00"), "%", "", "active").text == "100%"
    assert Fact("x.none", "及时率", None, "%", "没有记录", "active").text == "—"


def test_a_fact_belongs_to_a_known_part():
    with pytest.raises(ValueError):
        Fact("x", "x", 1, "项", "", "overview")


def test_providers_are_collected_in_order(monkeypatch):
    from gongkai import facts

    monkeypatch.setattr(facts, "_PROVIDERS", {})
    facts.register("a", lambda ids, year: [Fact("a.n", "甲", len(ids), "项", "", "platform")])
    facts.register("b", lambda ids, year: [Fact("b.y", "乙", year, "年", "", "active")])
    assert [(f.key, f.value) for f in facts.collect((1, 2, 3), 2025)] == [("a.n", 3), ("b.y", 2025)]
    assert list(facts.providers()) == ["a", "b"]
