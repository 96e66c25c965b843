"""Downloads arrive under readable Chinese names: the published report on a phone and a desktop."""

from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import expect

YEAR = 2025
TITLE = f"示例县教育局{YEAR}年政府信息公开工作年度报告"


@pytest.fixture
def published(transactional_db, world):
    from gongkai.reports import services
    from gongkai.reports.checks import evaluate_for_publishing, fingerprint
    from gongkai.reports.testing import good_workspace, some_applications

    some_applications(world.a, YEAR)
    ws = good_workspace(world.a, YEAR, world.clerk_a, signature=date(2026, 1, 15))
    services.submit(world.clerk_a, ws)
    on = date(2026, 1, 20)
    confirmed = {fingerprint(f) for f in evaluate_for_publishing(ws, on).warnings}
    services.publish(world.reviewer_a, ws, confirmed, on=on)
    return world


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (390, 844)])
def test_the_published_report_downloads_under_its_title(live_server, page, shot, published, width, height):
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{live_server.url}/reports/")
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("link", name="下载 Word")).to_be_visible()
    shot("report")
    for label, ext in (("下载 Word", "docx"), ("下载 Excel", "xlsx"), ("下载 PDF", "pdf")):
        with page.expect_download() as info:
            page.get_by_role("link", name=label).click()
        assert info.value.suggested_filename == f"{TITLE}.{ext}"
        assert Path(info.value.path()).stat().st_size > 1000
