"""A 专员 drafts section 一 from the data: the ready sentences quote the registries' figures (with
their definitions and records), one is inserted and saved, and editing a figure away from the
registry's is flagged live (TXT-FACT) with a link to the records. Desktop and phone."""

from datetime import date
from decimal import Decimal

import pytest
from playwright.sync_api import expect

YEAR = 2025
RECORDS = "/staff/catalogue/t-a/?status=published&year=2025"


def registry(agency_ids, year):
    """Stands in for the 政务服务事项 registry (its own app registers the real one)."""
    from gongkai.facts import Fact

    return [
        Fact("gs.items", "政务服务事项", 1439, "项", "在库的实施清单事项数", "platform", RECORDS),
        Fact(
            "gs.online", "网上可办率", Decimal("100.00"), "%", "可网上办理的依申请事项/依申请事项", "platform"
        ),
        Fact("gs.zero", "零跑动覆盖率", None, "%", "事项未登记跑动次数，无法计算", "platform"),
    ]


@pytest.fixture
def people(transactional_db, world, monkeypatch):
    from gongkai import facts
    from gongkai.catalogue.models import Status
    from gongkai.catalogue.testing import make_entry
    from gongkai.reports.testing import good_workspace, some_applications

    monkeypatch.setitem(facts._PROVIDERS, "gs", registry)
    some_applications(world.a, YEAR)
    for i in range(3):
        make_entry(
            world.a,
            f"预算公开{i}",
            status=Status.PUBLISHED,
            category="A07",
            created_date=date(YEAR, 3, 2 + i),
        )
    good_workspace(world.a, YEAR, world.clerk_a, signature=date(2026, 1, 15))
    return world


@pytest.mark.parametrize(
    "viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}], ids=["desktop", "phone"]
)
def test_section_one_from_the_registries(live_server, page, shot, people, login, viewport):
    page.set_viewport_size(viewport)
    base = live_server.url
    login(page, people.clerk_a)
    page.goto(f"{base}/staff/reports/t-a/{YEAR}/")

    area = page.locator("#id_overview_platform")
    field = page.locator(".section-field", has=area)
    suggestion = field.locator(".suggestion[data-facts]", has_text="政务服务事项1439项")
    expect(suggestion).to_contain_text("政务服务事项1439项")
    expect(suggestion).to_contain_text("网上可办率100%")
    expect(field.locator(".uncomputable")).to_contain_text(
        "无法计算：零跑动覆盖率（事项未登记跑动次数，无法计算）"
    )
    suggestion.locator("summary").click()
    expect(suggestion.locator("details li").first).to_contain_text("在库的实施清单事项数")
    expect(suggestion.get_by_role("link", name="查看记录")).to_have_attribute("href", RECORDS)
    # the catalogue's own provider: 主动公开 quotes the year's published entries
    active = page.locator(".section-field", has=page.locator("#id_overview_active"))
    expect(active.locator(".suggestion[data-facts]")).to_contain_text("发布政府信息3条")
    suggestion.scroll_into_view_if_needed()
    shot("ready-sentences")

    area.fill("")
    suggestion.get_by_role("button", name="插入").click()
    sentence = area.input_value()
    assert "政务服务事项1439项" in sentence and "网上可办率100%" in sentence
    page.get_by_role("button", name="保存").click()
    expect(page.locator("body")).to_contain_text("已保存")
    expect(page.locator("#id_overview_platform")).to_have_value(sentence)

    findings = page.locator("#findings")
    expect(findings.locator('[data-code="TXT-FACT"]')).to_have_count(0)
    page.locator("#id_overview_platform").fill(sentence.replace("1439", "1400"))
    warning = findings.locator('[data-code="TXT-FACT"]')
    expect(warning).to_contain_text("政务服务事项1400项")  # htmx re-ran the checks on the typed text
    expect(warning).to_contain_text("1439项")
    expect(warning.get_by_role("link")).to_have_attribute("href", RECORDS)
    warning.scroll_into_view_if_needed()
    shot("figure-edited-warning")
    warning.get_by_role("link").click()
    expect(page.locator("body")).to_contain_text("预算公开0")
