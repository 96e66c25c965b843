"""A clerk logs in and sees the dashboard; a user of another agency gets 404 on it."""

from playwright.sync_api import expect


def test_staff_login_dashboard_and_isolation(live_server, page, shot, world, login):
    login(page, world.clerk_a)
    expect(page.get_by_role("heading", name="我的机构")).to_be_visible()
    shot("agency-list")
    page.get_by_role("link", name="示例县教育局").click()
    expect(page.get_by_role("heading", name="示例县教育局")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
    dashboard = page.url
    shot("dashboard")

    # keyboard users reach the skip link first
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="跳到正文")).to_be_focused()

    page.get_by_role("button", name="退出（clerk_a）").click()
    login(page, world.clerk_b)
    expect(page.get_by_role("heading", name="我的机构")).to_be_visible()
    expect(page.get_by_text("示例县教育局")).to_have_count(0)
    response = page.goto(dashboard)
    assert response.status == 404
    expect(page.get_by_role("heading", name="页面不存在")).to_be_visible()
    shot("other-agency-404")
