"""The staff header says 工作台 once: the staff navigation has it, the top bar keeps the user's own
menu (修改密码, 退出, language); on a public page the top bar is the way back to work."""

import pytest
from playwright.sync_api import expect

PASSWORD = "Chun-lei-2026-gongkai"


@pytest.fixture
def clerk(transactional_db, world):
    world.clerk_a.set_password(PASSWORD)
    world.clerk_a.save()
    return world


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}])
def test_the_staff_header_names_the_desk_once(live_server, page, shot, clerk, viewport):
    page.set_viewport_size(viewport)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill("clerk_a")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()

    banner = page.get_by_role("banner")
    staff_nav = page.get_by_role("navigation", name="工作导航")
    top_bar = page.get_by_role("navigation", name="主导航")
    expect(staff_nav.get_by_role("link", name="工作台", exact=True)).to_be_visible()
    expect(top_bar.get_by_role("link", name="工作台", exact=True)).to_have_count(0)
    expect(top_bar.get_by_role("link", name="修改密码")).to_be_visible()
    expect(top_bar.get_by_role("button", name="退出（clerk_a）")).to_be_visible()
    expect(banner.get_by_label("语言")).to_be_visible()
    path = shot("staff-header")

    # On the portal, logged in: no staff nav, so the top bar leads back to the desk.
    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("navigation", name="工作导航")).to_have_count(0)
    top_bar.get_by_role("link", name="工作台", exact=True).click()
    expect(staff_nav.get_by_role("link", name="工作台", exact=True)).to_be_visible()
    assert path.exists()
