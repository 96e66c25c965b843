"""TXT-FACT: figures written after a registry fact's label agree with the fact; the facts travel
in the report JSON."""

from decimal import Decimal

import pytest

from gongkai.annual.checks import Severity, run_checks
from gongkai.annual.errors import InvalidReportJSON
from gongkai.annual.model import Report
from gongkai.facts import Fact

FACTS = [
    Fact("gs.items", "政务服务事项", 1439, "项", "在库的实施清单事项", "platform", "/staff/gs/?year=2025"),
    Fact("gs.online", "网上可办率", Decimal("100.00"), "%", "可网上办理的依申请事项/依申请事项", "platform"),
    Fact("gs.instant", "即办件比例", Decimal("81.96"), "%", "即办件/依申请事项", "platform"),
    Fact("gs.zero", "零跑动覆盖率", Decimal("93.10"), "%", "到现场0次的事项/依申请事项", "platform"),
    Fact("cr.rate", "双公示及时率", None, "%", "本年度没有行政许可或行政处罚决定，无法计算", "supervision"),
]


def _report(text: str, facts=FACTS) -> Report:
    report = Report.empty("2021", year=2025)
    report.sections["overview"] = text
    report.facts = list(facts)
    return report


def _fact_findings(report: Report):
    return [f for f in run_checks(report) if f.code == "TXT-FACT"]


def test_figures_that_match_the_facts_give_no_warning():
    text = (
        "全年在政务服务平台上线政务服务事项1,439项，网上可办率100.0%，即办件比例达到82%，"
        "“零跑动”事项覆盖率……零跑动覆盖率达到90%以上。"
    )
    assert [f for f in _fact_findings(_report(text)) if f.severity is Severity.WARNING] == []


def test_a_wrong_count_and_a_wrong_rate_each_give_a_warning_with_both_values_and_the_definition():
    findings = _fact_findings(_report("政务服务事项1400项，网上可办率98%，即办件比例82%。"))
    warnings = [f for f in findings if f.severity is Severity.WARNING]
    assert [f.cells for f in warnings] == [
        ("sections.overview", "facts.gs.items"),
        ("sections.overview", "facts.gs.online"),
    ]
    items, online = warnings
    assert "网上可办率98%" in online.message_zh and "100%" in online.message_zh
    assert "可网上办理的依申请事项/依申请事项" in online.message_zh
    assert "政务服务事项1400项" in items.message_zh and "1439项" in items.message_zh


def test_a_longer_label_is_not_read_as_its_shorter_prefix():
    facts = [*FACTS, Fact("gs.online_items", "政务服务事项网上可办率", Decimal("50"), "%", "x", "platform")]
    findings = _fact_findings(_report("政务服务事项网上可办率50%。", facts))
    assert [f for f in findings if f.severity is Severity.WARNING] == []


def test_comparisons_and_other_units_are_left_alone():
    text = "政务服务事项较上年增加12项；政务服务事项办件3000件。"
    findings = _fact_findings(_report(text))
    assert [f.severity for f in findings] == [Severity.SKIPPED]  # nothing quoted the facts


def test_a_quoted_fact_that_cannot_be_computed_is_reported_as_not_checked():
    findings = _fact_findings(_report("双公示及时率98.85%。"))
    assert [f.severity for f in findings] == [Severity.SKIPPED]
    assert "无法计算" in findings[0].message_zh


def test_without_facts_there_is_nothing_to_say():
    assert _fact_findings(_report("政务服务事项1400项。", facts=[])) == []


def test_facts_round_trip_through_the_json_and_old_json_still_loads():
    report = _report("x")
    data = report.to_json()
    assert data["facts"][1] == {
        "key": "gs.online",
        "label": "网上可办率",
        "value": 100,
        "unit": "%",
        "definition": "可网上办理的依申请事项/依申请事项",
        "part": "platform",
        "records": "",
    }
    again = Report.loads(report.dumps())
    assert [(f.key, f.text) for f in again.facts] == [(f.key, f.text) for f in FACTS]
    assert again.facts[2].value == Decimal("81.96")
    del data["facts"]  # a document written before facts existed
    assert Report.from_json(data).facts == []


@pytest.mark.parametrize(
    "bad",
    [
        {"key": "x", "label": "y", "value": "1", "unit": "项", "part": "platform"},
        {"key": "x", "label": "y", "part": "overview"},
        "x",
    ],
)
def test_a_malformed_fact_is_refused_with_a_chinese_message(bad):
    data = _report("x").to_json()
    data["facts"] = [bad]
    with pytest.raises(InvalidReportJSON, match="facts\\[0\\]"):
        Report.from_json(data)
