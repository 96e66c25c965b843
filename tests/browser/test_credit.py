"""双公示 in a real browser, desktop and phone: import a 处罚 file → preview → confirm → a 报送
batch and its platform file → the public list and detail, with the person's name masked and no ID."""

import pytest
from playwright.sync_api import expect

from gongkai.credit.rules import Kind
from gongkai.credit.testing import AUTHORITY, PERSON_ID, csv_file, licence_values, penalty_values


@pytest.mark.parametrize(
    "viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}], ids=["desktop", "phone"]
)
def test_import_batch_and_public_list(live_server, page, shot, world, login, viewport, tmp_path):
    base = live_server.url
    page.set_viewport_size(viewport)
    upload = tmp_path / "处罚.csv"
    upload.write_bytes(
        csv_file(
            Kind.PENALTY,
            [penalty_values(), penalty_values(行政处罚决定书文号="示公罚〔2025〕8号", 公示日期="2025-10-20")],
        )
    )
    login(page, world.clerk_a)
    page.goto(f"{base}/staff/credit/{world.a.code}/")
    page.get_by_role("link", name="从文件导入").click()
    page.get_by_label("导入类型").select_option("penalty")
    page.get_by_label("文件").set_input_files(str(upload))
    page.get_by_role("button", name="上传并检查").click()
    expect(page.get_by_role("heading", name="导入检查结果")).to_be_visible()
    expect(page.get_by_text("共 2 行数据：0 处错误，1 处提醒。")).to_be_visible()
    shot("preview")
    page.get_by_role("button", name="确认导入 2 条").click()
    expect(page.get_by_text("已导入 2 条记录。")).to_be_visible()
    page.get_by_label("决定年度").fill("2025")
    page.get_by_role("button", name="筛选").click()
    expect(page.get_by_text("50.00%")).to_be_visible()
    shot("records")

    page.get_by_role("link", name="报送信用平台").click()
    page.get_by_role("button", name="生成批次").click()
    expect(page.get_by_text("共 2 条，被退回 0 条")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="导出信用平台报送文件（Excel）").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    page.get_by_role("button", name="标记为已报送").click()
    expect(page.get_by_text("已标记为已报送。")).to_be_visible()
    shot("batch")

    page.goto(f"{base}/shuanggongshi/{world.a.code}/?kind=penalty")
    expect(page.get_by_role("link", name="李某")).to_have_count(2)
    assert PERSON_ID not in page.content()
    shot("public-list")
    page.get_by_role("link", name="李某").first.click()
    expect(page.get_by_text("示公罚〔2025〕", exact=False).first).to_be_visible()
    assert PERSON_ID not in page.content() and "李明" not in page.content()
    shot("public-detail")


@pytest.mark.parametrize(
    "viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}], ids=["desktop", "phone"]
)
def test_enter_one_record_by_hand(live_server, page, shot, world, login, viewport):
    base = live_server.url
    page.set_viewport_size(viewport)
    login(page, world.clerk_a)
    page.goto(f"{base}/staff/credit/{world.a.code}/")
    page.get_by_role("link", name="录入行政许可").click()
    values = licence_values()
    for key in ("行政相对人名称", "统一社会信用代码", "法定代表人", "行政许可决定文书名称", "许可内容"):
        page.get_by_label(key, exact=True).fill(values[key])
    page.get_by_label("行政相对人类别").select_option("法人及非法人组织")
    page.get_by_label("行政许可决定文书号").fill("示市监许〔2025〕99号")
    page.get_by_label("许可类别").fill("普通")
    page.get_by_label("许可决定日期").fill("2025-09-26")
    page.get_by_label("有效期自").fill("2025-09-26")
    page.get_by_label("有效期至").fill("长期")
    page.get_by_label("许可机关", exact=True).fill(values["许可机关"])
    page.get_by_label("许可机关统一社会信用代码").fill("11239001MB0000009")  # wrong check character
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("记录未保存，请按提示修改。")).to_be_visible()
    expect(page.get_by_text("GB 32100 校验不通过")).to_be_visible()
    expect(page.get_by_text("“数据来源单位”为必填项")).to_be_visible()
    shot("record-form-errors")
    page.get_by_label("许可机关统一社会信用代码").fill(AUTHORITY)
    page.get_by_label("数据来源单位", exact=True).fill(values["数据来源单位"])
    page.get_by_label("数据来源单位统一社会信用代码").fill(AUTHORITY)
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("记录已录入。")).to_be_visible()
    expect(page.get_by_role("heading", name="行政许可 示市监许〔2025〕99号")).to_be_visible()
    shot("record-entered")
