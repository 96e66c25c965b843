"""The catalogue in a real browser: a visitor searches and opens an entry; a 专员 creates an entry
with an attachment, a 审核人 publishes it and it appears in the portal; a user of another agency
cannot reach the draft. Screenshots of each step go to test-output/screenshots/."""

from datetime import date

import pytest
from playwright.sync_api import expect

from gongkai.catalogue.models import Attachment, Entry, Status
from gongkai.catalogue.testing import make_entry

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def people(transactional_db, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return world


def logout(page, username):
    page.get_by_role("button", name=f"退出（{username}）").click()


def test_visitor_searches_with_two_characters_and_opens_entry(
    live_server, page, shot, transactional_db, world
):
    make_entry(
        world.a,
        "示例县教育局2024年部门预算",
        status=Status.PUBLISHED,
        category="A07",
        summary="公开本局2024年收支预算总表和“三公”经费预算。",
        body="一、部门预算编制说明。",
        created_date=date(2024, 1, 20),
    )
    make_entry(
        world.a, "行政复议决定书", status=Status.PUBLISHED, category="A06", created_date=date(2024, 2, 1)
    )
    make_entry(world.a, "尚未发布的预算草稿", category="A07")
    page.set_viewport_size({"width": 390, "height": 844})  # a phone
    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("heading", name="政府信息公开", exact=True)).to_be_visible()
    shot("home-phone")

    page.get_by_label("搜索政府信息").fill("预算")
    shot("typed-query")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="“预算”的检索结果：1 条")).to_be_visible()
    expect(page.get_by_text("尚未发布的预算草稿")).to_have_count(0)
    expect(page.get_by_text("行政复议决定书")).to_have_count(0)
    shot("results")

    page.get_by_role("link", name="示例县教育局2024年部门预算").click()
    expect(page.get_by_role("heading", name="示例县教育局2024年部门预算", level=1)).to_be_visible()
    expect(page.get_by_text("t-a-A07-2024-00001")).to_be_visible()
    expect(page.get_by_text("一、部门预算编制说明。")).to_be_visible()
    shot("entry")


def test_clerk_creates_reviewer_publishes_portal_shows(live_server, page, shot, people, login):
    world, base = people, live_server.url
    login(page, world.clerk_a)
    page.goto(f"{base}/staff/catalogue/{world.a.code}/new/")
    expect(page.get_by_role("heading", name="新建条目")).to_be_visible()

    # Nothing filled in: field errors in Chinese, nothing saved.
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("这个字段是必填项。").first).to_be_visible()
    shot("form-errors")
    assert not Entry.objects.exists()

    page.get_by_label("名称").fill("关于印发《示例县学生资助实施办法》的通知")
    page.get_by_label("内容概述").fill("明确学生资助的对象、标准和程序。")
    page.get_by_label("生成日期").fill("2024-05-06")
    page.get_by_label("文号").fill("示教发〔2024〕12号")
    page.get_by_label("主题分类").select_option("A11")
    page.get_by_label("文件类型").select_option("normative")
    page.get_by_label("正文").fill("各乡镇中心学校：现将学生资助实施办法印发给你们。")
    shot("form-filled")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("已保存草稿，索引号 t-a-A11-2024-00001。")).to_be_visible()
    draft_url = page.url
    shot("draft-saved")

    page.locator('input[type="file"]').set_input_files(
        {"name": "资助办法.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.get_by_role("button", name="上传附件").click()
    expect(page.get_by_role("link", name="资助办法.pdf")).to_be_visible()
    shot("attachment-uploaded")

    page.get_by_role("button", name="提交审核").click()
    expect(page.get_by_text("待审核").first).to_be_visible()
    shot("submitted")
    logout(page, "clerk_a")

    # A user of another agency cannot reach the draft: 404, no hint that it exists.
    login(page, world.clerk_b)
    response = page.goto(draft_url)
    assert response.status == 404
    expect(page.get_by_role("heading", name="页面不存在")).to_be_visible()
    expect(page.get_by_text("学生资助")).to_have_count(0)
    shot("other-agency-404")
    logout(page, "clerk_b")

    # The public cannot see it before publication either.
    entry = Entry.objects.get()
    assert page.goto(f"{base}/catalogue/{entry.pk}/").status == 404

    login(page, world.reviewer_a)
    page.goto(f"{base}/staff/catalogue/{world.a.code}/review/")
    expect(page.get_by_role("link", name="关于印发《示例县学生资助实施办法》的通知")).to_be_visible()
    shot("review-queue")
    page.get_by_role("button", name="审核通过并发布").click()
    expect(page.get_by_text("没有待审核的条目。")).to_be_visible()
    shot("published")
    logout(page, "reviewer_a")

    page.goto(f"{base}/catalogue/")
    page.get_by_label("关键词").fill("资助")
    page.get_by_role("button", name="检索").click()
    page.get_by_role("link", name="关于印发《示例县学生资助实施办法》的通知").click()
    expect(page.get_by_text("示教发〔2024〕12号")).to_be_visible()
    shot("public-entry")
    with page.expect_download() as info:
        page.get_by_role("link", name="资助办法.pdf").click()
    assert info.value.suggested_filename == "资助办法.pdf"
    assert Attachment.objects.get().entry.status == Status.PUBLISHED
