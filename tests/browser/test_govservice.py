"""政务服务事项 in a real browser, on a desktop and on a phone: upload a provincial export →
preview (a bad row refuses the file; the corrected file previews clean) → confirm → the public
item page with its QR code (the drawn matrix is segno's for the online link) → the print sheet."""

import re

import pytest
from playwright.sync_api import expect

from gongkai.govservice.tests.exports import row, xlsx
from gongkai.govservice.tests.test_pages import qr_matrix_from_svg, segno_matrix


@pytest.mark.parametrize(
    "viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}], ids=["desktop", "phone"]
)
def test_import_then_public_guide_with_qr_code_then_print_sheet(
    live_server, page, shot, world, login, viewport, tmp_path
):
    base = live_server.url
    page.set_viewport_size(viewport)
    bad = tmp_path / "实施清单-有错.xlsx"
    bad.write_bytes(xlsx([row(1), row(2, 跑动次数="两次")]))
    good = tmp_path / "实施清单.xlsx"
    good.write_bytes(
        xlsx([row(1, 事项名称="民办学校设立审批（新办）"), row(2, 承诺时限="即办", 办件类型="即办件")])
    )

    login(page, world.clerk_a)
    page.goto(f"{base}/staff/")
    page.get_by_role("navigation", name="工作导航").get_by_role("link", name="政务服务事项").click()
    page.get_by_role("link", name="导入实施清单").first.click()
    page.locator("input[type=file]").set_input_files(str(bad))
    page.get_by_role("button", name="上传并检查").click()
    expect(page.get_by_text("有错误 1 行")).to_be_visible()
    expect(page.locator(".import-errors")).to_contain_text("“两次”不是不小于0的整数")
    expect(page.get_by_role("button", name=re.compile("确认导入"))).to_have_count(0)
    shot("refused")

    page.get_by_role("button", name="放弃，修改文件后重新上传").click()
    page.locator("input[type=file]").set_input_files(str(good))
    page.get_by_role("button", name="上传并检查").click()
    expect(page.get_by_text("新增 2 项，更新 0 项，无变化 0 项，有错误 0 行")).to_be_visible()
    expect(page.locator(".import-sample")).to_contain_text("民办学校设立审批（新办）")
    shot("preview")
    page.get_by_role("button", name="确认导入 2 行").click()
    expect(page.get_by_text("已导入：新增 2 项")).to_be_visible()
    expect(page.locator(".metric").filter(has_text="即办件比例")).to_contain_text("50.00%")
    shot("registry")

    page.get_by_role("link", name="公开页面").click()
    page.get_by_role("link", name="民办学校设立审批（新办）", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("民办学校设立审批（新办）")
    qr = page.locator("figure.qr svg")
    expect(qr).to_be_visible()
    box = qr.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]  # whole on a phone too
    assert qr_matrix_from_svg(qr.evaluate("e => e.outerHTML")) == segno_matrix(
        "https://zwfw.example.gov/guide/1"
    )
    shot("guide")

    page.get_by_role("link", name="打印办事样本").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("民办学校设立审批（新办）")
    expect(page.locator("table.materials")).to_contain_text("举办者身份证明")
    page.emulate_media(media="print")
    expect(page.get_by_role("button", name="打印")).to_be_hidden()
    assert qr_matrix_from_svg(page.locator("figure.qr svg").evaluate("e => e.outerHTML")) == segno_matrix(
        "https://zwfw.example.gov/guide/1"
    )
    shot("sample-print")
