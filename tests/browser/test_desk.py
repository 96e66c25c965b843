"""An officer logs in to the to-do desk, follows a count to the filtered list, and reaches every
staff section by clicking through the staff navigation — on a desktop and on a phone."""

import pytest
from playwright.sync_api import expect

from gongkai.applications.services import submit_online
from gongkai.applications.testing import applicant

SECTIONS = {  # nav link → a heading the page shows
    "依申请公开": "申请工作台 · 示例县教育局",
    "主动公开目录": None,
    "行政复议和行政诉讼": None,
    "第二十条信息": None,
    "年度报告": None,
    "工作日日历": None,
    "人员": None,
    "机构设置": None,
    "操作记录": "操作记录",
}


@pytest.fixture
def officer(transactional_db, world):
    for _ in range(2):
        submit_online(world.a, applicant())
    return world


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}])
def test_desk_counts_link_and_every_section_by_click(live_server, page, shot, officer, login, viewport):
    page.set_viewport_size(viewport)
    login(page, officer.admin_a)

    expect(page.get_by_role("heading", name="我的机构")).to_be_visible()
    item = page.locator(".todo-list li", has_text="新收到的申请待确认")
    expect(item.locator(".count")).to_have_text("2")
    shot("desk")
    item.get_by_role("link").click()
    expect(page.get_by_role("heading", name="申请工作台 · 示例县教育局")).to_be_visible()
    expect(page.locator('nav[aria-label="范围"] [aria-current="page"]')).to_contain_text("待确认收到")
    expect(page.locator("tbody a")).to_have_count(2)
    shot("unconfirmed-list")

    nav = page.get_by_role("navigation", name="工作导航")
    for label, heading in SECTIONS.items():
        link = nav.get_by_role("link", name=label, exact=True)
        expect(link).to_be_visible()  # the nav wraps on a phone: every link on screen, no script
        link.click()
        expect(nav.get_by_role("link", name=label, exact=True)).to_have_attribute("aria-current", "page")
        assert page.locator("h1").count() == 1
        if heading:
            expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    shot("events")
    nav.get_by_role("link", name="工作台", exact=True).click()
    expect(page.get_by_role("heading", name="待办事项")).to_be_visible()
    shot("agency-desk")
