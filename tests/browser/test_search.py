"""Searching the public catalogue in a real browser, on a desktop and on a phone: by 文号 typed with
square brackets, by an abbreviation (低保 finds 最低生活保障), hits marked, page 2 of a long result
keeping the query, sorting by date, and an over-long query answered with a message."""

from datetime import date

import pytest
from playwright.sync_api import expect

from gongkai.catalogue.models import Status
from gongkai.catalogue.search import MAX_QUERY_CHARS
from gongkai.catalogue.testing import make_entry

P = Status.PUBLISHED
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture
def catalogue(transactional_db, world):
    a = world.a
    make_entry(
        a,
        "关于做好2025年城乡低保提标工作的通知",
        status=P,
        created_date=date(2025, 3, 3),
        doc_number="川府发〔2025〕3号",
        summary="各乡镇：现就城乡低保标准调整有关事项通知如下。",
    )
    make_entry(
        a,
        "最低生活保障审核确认办法",
        status=P,
        created_date=date(2024, 5, 6),
        doc_number="川府发〔2024〕30号",
        summary="规范最低生活保障审核确认工作。",
    )
    for i in range(25):
        make_entry(
            a,
            f"示例县教育局第{i + 1:02d}号部门预算公开",
            status=P,
            category="A07",
            created_date=date(2023, 1, 2 + i),
            summary="公开部门预算收支总表。",
        )
    return world


def search_from_home(page, base, text):
    page.goto(f"{base}/")
    page.get_by_label("搜索政府信息").fill(text)
    page.get_by_role("button", name="搜索").click()


@pytest.mark.parametrize("screen", VIEWPORTS)
def test_visitor_searches_the_catalogue(live_server, page, shot, catalogue, screen):
    page.set_viewport_size(VIEWPORTS[screen])
    base = live_server.url
    results = page.locator("ol.entry-list > li")

    # 文号 typed with [] and a space: the exact document first, its 文号 marked.
    search_from_home(page, base, "川府发[2025] 3号")
    first = results.first
    expect(first.get_by_role("link")).to_have_text("关于做好2025年城乡低保提标工作的通知")
    expect(first.locator("mark", has_text="川府发〔2025〕3号")).to_be_visible()
    shot(f"{screen}-doc-number")

    # An abbreviation finds the full name too, and the hits are marked in titles and snippets.
    page.get_by_label("关键词").fill("低保")
    page.get_by_role("button", name="检索").click()
    expect(page.get_by_role("heading", name="“低保”的检索结果：2 条")).to_be_visible()
    expect(page.get_by_text("已同时检索同义词和简称：")).to_be_visible()
    expect(results.get_by_role("link", name="最低生活保障审核确认办法")).to_be_visible()
    expect(results.locator(".entry-title mark", has_text="低保")).to_have_count(1)
    expect(results.locator(".entry-snippet mark", has_text="最低")).to_have_count(1)
    shot(f"{screen}-synonym")

    # 25 hits: page 2 of 2 keeps the query.
    page.get_by_label("关键词").fill("预算")
    page.get_by_role("button", name="检索").click()
    expect(results).to_have_count(20)
    page.get_by_role("navigation", name="分页").get_by_role("link", name="第 2 页").click()
    expect(page.locator(".pagination .current")).to_have_text("2")
    expect(results).to_have_count(5)
    expect(page.get_by_label("关键词")).to_have_value("预算")
    expect(page.get_by_role("heading", name="“预算”的检索结果：25 条")).to_be_visible()
    shot(f"{screen}-page-2")

    # By date: newest first, and still the same query.
    page.get_by_role("link", name="按日期").click()
    expect(page.get_by_role("link", name="按日期")).to_have_attribute("aria-current", "true")
    expect(results.first.get_by_role("link")).to_have_text("示例县教育局第25号部门预算公开")
    expect(page.get_by_label("关键词")).to_have_value("预算")
    shot(f"{screen}-by-date")

    # Too long: a message on the page, not an error.
    page.get_by_label("关键词").fill("预算" * MAX_QUERY_CHARS)
    page.get_by_role("button", name="检索").click()
    expect(page.get_by_role("alert")).to_have_text(f"检索词过长，请缩短到{MAX_QUERY_CHARS}字以内。")
    expect(page.get_by_role("heading", name="共 27 条")).to_be_visible()
    shot(f"{screen}-too-long")
