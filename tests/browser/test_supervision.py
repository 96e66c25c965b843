"""A supervisor opens the workplace from the staff home by its links, sorts, filters, opens a chart
and downloads the Excel table, at desktop and at phone width."""

import pytest
from playwright.sync_api import expect

from gongkai.supervision.tests.fixtures import YEAR, build_region


@pytest.fixture
def region(transactional_db, world):
    return build_region(world)


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
def test_supervisor_workplace(live_server, page, shot, region, login, width, tmp_path):
    from openpyxl import load_workbook

    page.set_viewport_size({"width": width, "height": 900})
    w = region.world
    login(page, w.supervisor)
    page.goto(f"{live_server.url}/staff/")
    page.locator(".staff-nav").get_by_role("link", name="监督工作台").click()
    # the workplace opens on last year; go to the year of the fixture by its link
    page.locator("nav.years").get_by_role("link", name=f"{YEAR}年度").click()
    table = page.locator("table.workplace")
    expect(table.locator("tbody tr")).to_have_count(6)
    expect(table).to_contain_text("逾期发布")
    shot("workplace")

    # sort by new applications, most first: 教育局 on top; again: reversed
    table.locator("thead").get_by_role("link", name="新收申请").click()
    table.locator("thead").get_by_role("link", name="新收申请").click()
    expect(table.locator("thead th[aria-sort=descending]")).to_contain_text("新收申请")
    expect(table.locator("tbody tr").first.locator("th")).to_have_text("示例县教育局")

    # filter: late reports only, then a name search
    page.get_by_label("报告状态").select_option("late")
    page.get_by_role("button", name="筛选").click()
    expect(table.locator("tbody tr")).to_have_count(4)
    page.get_by_label("机构名称").fill("财政")
    page.get_by_role("button", name="筛选").click()
    expect(table.locator("tbody tr")).to_have_count(1)
    expect(table.locator("tbody tr th")).to_have_text("示例县财政局")
    shot("filtered")

    # the Excel export keeps the filter
    with page.expect_download() as info:
        page.get_by_role("link", name="导出 Excel").click()
    download = info.value
    assert download.suggested_filename == f"示例县人民政府{YEAR}年度政府信息公开工作年度报告报送情况.xlsx"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    rows = list(load_workbook(saved).active.iter_rows(values_only=True))
    assert rows[2][0] == "示例县财政局" and str(rows[3][0]).startswith("合计")

    # open a chart: its own page with the numbers under it
    page.get_by_role("link", name="清除筛选").click()
    page.get_by_role("link", name="打开图表：办理结果构成（表三，各机构）").click()
    expect(page.locator("svg[role=img]")).to_be_visible()
    expect(page.locator("table.chart-data")).to_contain_text("示例县教育局")
    shot("chart")


@pytest.fixture
def quality_region(transactional_db, world):
    from gongkai.supervision.tests.fixtures import build_quality_region

    return build_quality_region(world)


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
def test_quality_page_from_the_workplace(live_server, page, shot, quality_region, login, width):
    page.set_viewport_size({"width": width, "height": 900})
    q = quality_region
    w = q.region.world
    login(page, w.supervisor)
    page.goto(f"{live_server.url}/staff/supervision/{w.county.code}/{YEAR}/")
    table = page.locator("table.workplace")
    expect(table.locator("thead")).to_contain_text("质量提示")
    page.get_by_role("link", name="报告质量：内容雷同与同类对比").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("年度报告质量")
    pair = page.locator(".copied-pair", has_text=q.copier.name).filter(
        has=page.get_by_role("link", name="示例县教育局", exact=True)
    )
    expect(pair).to_have_count(1)
    expect(pair).to_contain_text("100% 相同")
    expect(page.locator("table.quartiles a.outlier", has_text="示例县财政局")).to_be_visible()
    shot("quality")
    # no wider than the screen: the tables scroll in their own box
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1
