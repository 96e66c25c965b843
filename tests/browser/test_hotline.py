"""The 12345 knowledge base and 政民互动 in a real browser, on a desktop and a 390 px phone: a visitor
searches the knowledge base; a visitor leaves a message, gets its 受理编号 and 查询码, staff answer
and publish it, and the published Q&A shows no phone or ID number."""

import re

import pytest
from playwright.sync_api import expect

from gongkai.hotline.testing import make_entry
from gongkai.interaction.testing import PERSON_ID, PHONE

VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture
def people(transactional_db, world):
    from gongkai.workdays import services as calendar

    calendar.db_calendar()  # seeds the working calendar (the test database starts empty)
    return world


@pytest.mark.parametrize("size", VIEWPORTS)
def test_visitor_searches_the_knowledge_base(live_server, page, shot, people, size):
    page.set_viewport_size(VIEWPORTS[size])
    entry = make_entry(people.a, publish=True)
    make_entry(
        people.b, "住房公积金租房提取", publish=True, questions=["租房能提公积金吗"], answer="可以按月提取。"
    )
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="12345热线知识库").click()
    page.get_by_role("searchbox").fill("刚出生 医保")
    page.get_by_role("button", name="检索").click()
    expect(page.get_by_role("link", name=entry.title)).to_be_visible()
    expect(page.get_by_text("住房公积金租房提取")).to_have_count(0)
    shot(f"kb-search-{size}")
    page.get_by_role("link", name=entry.title).click()
    expect(page.get_by_role("heading", name=entry.title)).to_be_visible()
    expect(page.get_by_text("示政发〔2023〕5号")).to_be_visible()
    shot(f"kb-entry-{size}")


@pytest.mark.parametrize("size", VIEWPORTS)
def test_message_acknowledged_answered_and_published_masked(live_server, page, shot, people, login, size):
    world, base = people, live_server.url
    page.set_viewport_size(VIEWPORTS[size])
    page.goto(f"{base}/")
    page.get_by_role("link", name="政民互动").first.click()
    page.get_by_role("link", name="我要留言").click()
    page.get_by_label("向哪个部门留言").select_option(label=world.a.name)
    page.get_by_label("标题").fill("孩子秋季入学咨询")
    page.get_by_label("留言内容").fill(
        f"我叫李春花，电话{PHONE}，身份证{PERSON_ID}，孩子能否在城关小学入学？"
    )
    page.get_by_label("姓名").fill("李春花")
    page.get_by_label("联系电话").fill(PHONE)
    page.get_by_label("同意在隐去个人信息后公开我的留言和答复").check()
    shot(f"ask-form-{size}")
    page.get_by_role("button", name="提交留言").click()
    expect(page.get_by_role("heading", name="留言已提交")).to_be_visible()
    ack_no = page.locator("[data-ack]").inner_text()
    code = page.locator("[data-code]").inner_text()
    shot(f"ask-done-{size}")

    page.get_by_role("link", name="查询留言办理情况").first.click()
    page.get_by_label("受理编号").fill(ack_no)
    page.get_by_label("查询码").fill(code)
    page.get_by_role("button", name="查询").click()
    expect(page.get_by_text("待答复")).to_be_visible()

    login(page, world.clerk_a)
    page.goto(f"{base}/staff/interaction/{world.a.code}/")
    page.get_by_role("link", name="孩子秋季入学咨询").click()
    page.get_by_label("答复内容").fill("李春花您好：符合条件的适龄儿童可在城关小学入学。")
    page.get_by_role("button", name="提交答复").click()
    expect(page.get_by_text("已答复").first).to_be_visible()
    shot(f"staff-answered-{size}")

    page.get_by_role("button", name=re.compile("^退出")).click()
    login(page, world.reviewer_a)
    page.goto(f"{base}/staff/interaction/{world.a.code}/?show=answered")
    page.get_by_role("link", name="孩子秋季入学咨询").click()
    expect(page.get_by_label("公开的留言内容")).to_contain_text("李某某")
    shot(f"staff-publish-{size}")
    page.get_by_role("button", name="公开", exact=True).click()
    expect(page.get_by_text("已公开（个人信息已隐去）")).to_be_visible()

    page.get_by_role("link", name="查看公开页面").click()
    expect(page.get_by_role("heading", name="孩子秋季入学咨询")).to_be_visible()
    html = page.content()
    assert PHONE not in html and PERSON_ID not in html and "李春花" not in html
    expect(page.get_by_text("李某某您好")).to_be_visible()
    shot(f"public-qa-{size}")
