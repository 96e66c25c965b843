"""A visitor applies on the portal, staff asks for a correction, the visitor sees it with the query
code, staff replies, and the reply letter downloads as .docx and PDF."""

import io
from pathlib import Path

import pdfplumber
import pytest
from django.utils import timezone
from docx import Document
from playwright.sync_api import expect

from gongkai.applications.testing import PERSON_ID, PHONE

from .conftest import SCREENSHOTS


@pytest.fixture
def people(transactional_db, world):
    from gongkai.workdays import services as calendar
    from gongkai.workdays.models import CalendarYear

    # The visitor applies today, so deadlines count from today and may run into next year, or today
    # itself may be in a year chinese-calendar has no data for yet. Test-only years (plain weekdays)
    # for this year and next make the test independent of the day it runs; real years stay as seeded.
    calendar.db_calendar()  # seeds the table from chinese-calendar (the test database starts empty)
    this_year = timezone.localdate().year
    for year in (this_year, this_year + 1):
        if not CalendarYear.objects.filter(year=year).exists():
            calendar.cover_year(None, year, "测试")
    return world


def staff_shot(page, step):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"applications-staff-{step}.png"), full_page=True)


def do(page, label, fill=None):
    """Open the action's panel on the detail page, fill it, submit."""
    panel = page.locator("details", has=page.locator("summary", has_text=label))
    panel.locator("summary").click()
    for selector, value in (fill or {}).items():
        field = panel.locator(selector)
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)
    panel.get_by_role("button", name=label).click()


def test_apply_correct_track_reply_download(live_server, page, shot, people, login):
    base = live_server.url
    # --- the visitor applies
    page.goto(f"{base}/apply/")
    page.get_by_role("link", name="示例县教育局").click()
    page.get_by_label("申请人类型").select_option("natural_person")
    page.get_by_label("姓名或名称").fill("王建华")
    page.get_by_label("身份证明类型").select_option("resident_id")
    page.get_by_label("证件号码").fill("110105194912310021")  # wrong check digit first
    page.get_by_label("联系电话").fill(PHONE)
    page.get_by_label("电子邮箱").fill("wjh@example.com")
    page.get_by_label("所需政府信息").fill("示例县学校布局调整方案")
    page.get_by_label("政府信息的提供形式").select_option("electronic")
    page.get_by_label("获取信息的方式").select_option("email")
    page.get_by_role("button", name="提交申请").click()
    expect(page.locator(".errorlist").get_by_text("校验码不正确")).to_be_visible()
    shot("id-number-refused")
    page.get_by_label("证件号码").fill(PERSON_ID)
    page.get_by_role("button", name="提交申请").click()
    expect(page.get_by_role("heading", name="申请已提交")).to_be_visible()
    tracking_no = page.locator("#tracking-no").inner_text()
    code = page.locator("#query-code").inner_text()
    shot("submitted")

    # --- staff confirms receipt and asks for a correction
    staff = page.context.browser.new_context(accept_downloads=True).new_page()
    login(staff, people.clerk_a)
    staff.goto(f"{base}/staff/applications/t-a/?view=unconfirmed")
    staff.get_by_role("link", name=tracking_no).click()
    expect(staff.get_by_text(PERSON_ID)).to_be_visible()  # the detail page, for the clerk
    do(staff, "确认收到申请")
    expect(staff.get_by_text("已确认收到申请")).to_be_visible()
    do(staff, "告知补正", {'textarea[name="request_correction-items"]': "请写明该方案的印发年份或文号。"})
    expect(staff.get_by_text("已告知补正")).to_be_visible()
    expect(staff.get_by_text("政府信息公开申请补正告知书")).to_be_visible()
    staff_shot(staff, "correction-requested")
    shot_staff = staff

    # --- the visitor sees it with the query code, and no personal data
    page.goto(f"{base}/apply/track/")
    page.get_by_label("申请编号").fill(tracking_no)
    page.get_by_label("查询码").fill(code)
    page.get_by_role("button", name="查询").click()
    expect(page.get_by_role("heading", name="需要您补正")).to_be_visible()
    expect(page.get_by_text("请写明该方案的印发年份或文号。")).to_be_visible()
    body = page.content()
    assert PERSON_ID not in body and PHONE not in body and "王建华" not in body
    shot("correction-visible-to-applicant")

    # --- staff records the correction and replies
    do(shot_staff, "收到补正材料", {'textarea[name="receive_correction-text"]': "文号为示教发〔2025〕3号"})
    expect(shot_staff.get_by_text("已收到补正材料")).to_be_visible()
    do(
        shot_staff,
        "作出答复",
        {
            'select[name="reply-outcome"]': "r_open",
            'select[name="reply-reply_type"]': "art36_1",
            'textarea[name="reply-text"]': "见示例县人民政府网站政府信息公开专栏。",
        },
    )
    expect(shot_staff.get_by_text("已作出答复")).to_be_visible()
    staff_shot(shot_staff, "replied")

    # --- the reply letter as .docx and PDF
    reply = shot_staff.locator("li", has_text="政府信息公开申请答复书")
    with shot_staff.expect_download() as info:
        reply.get_by_role("link", name="下载 Word").click()
    data = Path(info.value.path()).read_bytes()
    text = "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
    assert "示例县教育局" in text and tracking_no in text and "第三十六条第（一）项" in text
    with shot_staff.expect_download() as info:
        reply.get_by_role("link", name="下载 PDF").click()
    data = Path(info.value.path()).read_bytes()
    assert data.startswith(b"%PDF")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert "示例县教育局" in "".join(p.extract_text() or "" for p in pdf.pages).replace(" ", "")

    page.goto(f"{base}/apply/track/")
    page.get_by_label("申请编号").fill(tracking_no)
    page.get_by_label("查询码").fill(code)
    page.get_by_role("button", name="查询").click()
    expect(page.locator("#state")).to_have_text("已答复")
    shot("replied")
