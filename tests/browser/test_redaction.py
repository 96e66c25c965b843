"""第四十四条 conversion in a real browser, on a desktop and on a phone: a replied case →
转为主动公开 → the preview highlights what was found → the officer rejects one proposal and adds
one by selecting text → publish → the public entry's attachment holds no ID number."""

import io
from pathlib import Path

import pdfplumber
import pytest
from playwright.sync_api import expect

from gongkai.applications.testing import PERSON_ID, PHONE
from gongkai.disclosure.testing import released_pdf, replied_case


@pytest.mark.parametrize(
    "viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}], ids=["desktop", "phone"]
)
def test_replied_case_to_public_entry_without_the_id_number(
    live_server, page, shot, world, login, viewport, tmp_path
):
    base = live_server.url
    page.set_viewport_size(viewport)
    case = replied_case(world.a, world.clerk_a)
    released = tmp_path / "布局调整说明.pdf"
    released.write_bytes(released_pdf())

    login(page, world.clerk_a)
    page.goto(f"{base}/staff/applications/{world.a.code}/{case.pk}/")
    shot("case")
    page.get_by_role("button", name="转为主动公开").click()
    expect(page.get_by_role("heading", name="转为主动公开", level=1)).to_be_visible()

    page.locator("input[type=file]").set_input_files(str(released))
    page.get_by_role("button", name="上传并识别").click()
    expect(page.get_by_text("已上传，识别出 4 处个人信息")).to_be_visible()
    text = page.locator(".redact-text")
    expect(text.locator("mark", has_text=PERSON_ID)).to_be_visible()
    expect(text.locator("mark", has_text=PHONE)).to_be_visible()
    expect(text.locator("mark", has_text="王建华")).to_be_visible()
    shot("proposals")

    # The officer keeps the witness's name (rejects that proposal) …
    page.get_by_role("checkbox", name="李明").uncheck()
    expect(text.locator("mark.rejected", has_text="李明")).to_be_visible()
    # … and removes the title by selecting it in the text.
    text.select_text()  # then narrow it to one phrase, as a mouse would
    page.evaluate(
        """() => { const node = document.querySelector('.redact-text').firstChild;
                   const range = document.createRange(); range.setStart(node, 0); range.setEnd(node, 5);
                   const sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(range); }"""
    )
    text.dispatch_event("mouseup")
    expect(page.get_by_label("要隐去的文字")).to_have_value("示例县教育")
    page.get_by_role("button", name="保存选择").click()  # the rejection is kept across the reload
    page.get_by_label("要隐去的文字").fill("示例县教育")
    page.get_by_role("button", name="添加隐去").click()
    expect(page.get_by_text("已添加 1 处隐去。")).to_be_visible()
    expect(page.get_by_role("checkbox", name="李明")).not_to_be_checked()

    page.get_by_label("目录条目名称").fill("示例县学校布局调整方案")
    page.get_by_label("主题分类").select_option("A01")
    shot("ready")
    page.get_by_role("button", name="确认隐去并提交发布").click()
    expect(page.get_by_text("已生成目录条目并提交审核")).to_be_visible()
    expect(page.get_by_role("link", name=case.tracking_no)).to_be_visible()  # back to the case
    shot("entry-submitted")
    page.get_by_role("button", name="退出（clerk_a）").click()

    login(page, world.reviewer_a)
    page.goto(f"{base}/staff/catalogue/{world.a.code}/review/")
    page.get_by_role("button", name="审核通过并发布").click()
    expect(page.get_by_text("没有待审核的条目。")).to_be_visible()

    page.goto(f"{base}/catalogue/")
    page.get_by_label("关键词").fill("布局")
    page.get_by_role("button", name="检索").click()
    page.get_by_role("link", name="示例县学校布局调整方案").click()
    expect(page.get_by_text("李明")).to_be_visible()  # rejected: published as it was
    expect(page.get_by_text(PERSON_ID)).to_have_count(0)
    shot("public-entry")
    with page.expect_download() as info:
        page.get_by_role("link", name="布局调整说明.pdf").click()
    data = Path(info.value.path()).read_bytes()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        published_text = "".join(p.extract_text() or "" for p in pdf.pages)
    assert data.startswith(b"%PDF") and PERSON_ID not in published_text and PHONE not in published_text
    assert PERSON_ID.encode() not in data
