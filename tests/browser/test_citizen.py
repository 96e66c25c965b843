"""The citizen kept informed, on a desktop and on a phone: the form lists every error at once in
Chinese (no browser bubbles), the receipt prints on one page and downloads as PDF, staff ask for a
补正, the applicant answers it with a file on the tracking page and sees the new deadline, and the
reply letter downloads from the tracking page with its outcome in plain words."""

import io
from pathlib import Path

import pdfplumber
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from gongkai import law
from gongkai.applications.testing import PERSON_ID, PHONE

from .conftest import SCREENSHOTS

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture
def covered(transactional_db, world):
    """Deadlines count from today: this year and next are covered (test years where the seeded
    calendar has none), so the test does not depend on the day it runs."""
    from gongkai.workdays import services as calendar
    from gongkai.workdays.models import CalendarYear

    calendar.db_calendar()
    this_year = timezone.localdate().year
    for year in (this_year, this_year + 1):
        if not CalendarYear.objects.filter(year=year).exists():
            calendar.cover_year(None, year, "测试")
    return world


@pytest.mark.parametrize("device", VIEWPORTS)
def test_submit_receipt_correct_online_and_download_the_reply(
    live_server, browser, covered, device, tmp_path
):
    from gongkai.applications import services
    from gongkai.applications.models import Application
    from gongkai.workdays.services import db_calendar

    world, base = covered, live_server.url
    context = browser.new_context(viewport=VIEWPORTS[device], accept_downloads=True, locale="zh-CN")
    page = context.new_page()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def shot(step):
        page.screenshot(path=str(SCREENSHOTS / f"citizen-{device}-{step}.png"), full_page=True)

    # --- an empty form: every error listed at once, in Chinese, each linked to its field
    page.goto(f"{base}/apply/")
    page.get_by_role("link", name="示例县教育局").click()
    page.get_by_role("button", name="提交申请").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()  # the server answered: no browser bubble stopped the post
    for text in ("请填写姓名或名称", "请填写证件号码", "请填写联系电话"):
        expect(summary.get_by_role("link", name=text)).to_be_visible()
    assert "required" not in summary.inner_text().lower()
    expect(page.get_by_label("姓名或名称")).to_have_attribute("aria-invalid", "true")
    summary.get_by_role("link", name="请填写证件号码").click()
    expect(page.get_by_label("证件号码")).to_be_focused()
    shot("all-errors")

    # --- the application, with a file
    page.get_by_label("申请人类型").select_option("natural_person")
    page.get_by_label("姓名或名称").fill("王建华")
    page.get_by_label("身份证明类型").select_option("resident_id")
    page.get_by_label("证件号码").fill(PERSON_ID)
    page.get_by_label("联系电话").fill(PHONE)
    page.get_by_label("电子邮箱").fill("wjh@example.com")
    page.get_by_label("所需政府信息").fill("示例县学校布局调整方案")
    page.get_by_label("政府信息的提供形式").select_option("electronic")
    page.get_by_label("获取信息的方式").select_option("email")
    page.get_by_label("附件").set_input_files(
        {"name": "身份证复印件.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.get_by_role("button", name="提交申请").click()

    # --- the receipt: what was sent, the number and code, the time limit; print and PDF
    expect(page.get_by_role("heading", name="政府信息公开申请回执")).to_be_visible()
    tracking_no = page.locator("#tracking-no").inner_text()
    code = page.locator("#query-code").inner_text()
    receipt = page.locator("#receipt")
    expect(receipt).to_contain_text("身份证复印件.pdf")
    expect(receipt).to_contain_text("示例县学校布局调整方案")
    expect(page.locator("#time-limit")).to_contain_text(f"{law.REPLY.amount}个工作日内答复")
    expect(page.get_by_role("button", name="打印回执")).to_be_visible()
    shot("receipt")
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.get_by_role("button", name="打印回执")).to_be_hidden()
    shot("receipt-print")
    printed = tmp_path / "receipt-print.pdf"
    page.pdf(path=str(printed), format="A4", print_background=False)
    with pdfplumber.open(printed) as pdf:
        assert len(pdf.pages) == 1  # one A4 page
    page.emulate_media(media="screen")
    with page.expect_download() as info:
        page.get_by_role("link", name="下载回执（PDF）").click()
    assert info.value.suggested_filename == f"政府信息公开申请回执{tracking_no}.pdf"
    with pdfplumber.open(io.BytesIO(Path(info.value.path()).read_bytes())) as pdf:
        assert tracking_no in "".join(p.extract_text() or "" for p in pdf.pages)

    # --- staff confirm receipt and ask for a correction (through the services)
    app = Application.objects.get(tracking_no=tracking_no)
    app = services.confirm_receipt(world.clerk_a, app)
    app = services.request_correction(world.clerk_a, app, "请写明该方案的印发年份或文号。")

    # --- the applicant answers it with a file on the tracking page
    page.get_by_role("link", name="查询办理进度").first.click()
    page.get_by_label("申请编号").fill(tracking_no)
    page.get_by_label("查询码").fill(code)
    page.get_by_role("button", name="查询").click()
    expect(page.get_by_role("heading", name="需要您补正")).to_be_visible()
    expect(page.get_by_text("请写明该方案的印发年份或文号。")).to_be_visible()
    expect(page.locator("#due-reply")).to_have_count(0)  # the clock stands still for the 补正
    shot("correction-asked")
    page.get_by_role("button", name="提交补正").click()
    expect(
        page.locator(".error-summary").get_by_role("link", name="请填写补正内容，或上传补正材料")
    ).to_be_visible()
    page.get_by_label("补正内容").fill("印发文号为示教发〔2025〕3号。")
    page.get_by_label("补正材料").set_input_files(
        {"name": "补正说明.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.get_by_role("button", name="提交补正").click()
    expect(page.locator("#answered")).to_be_visible()
    expect(page.locator("#correction-form")).to_have_count(0)  # once answered, the form is gone
    today = timezone.localdate()
    new_due = db_calendar().nth_working_day_after(today, law.REPLY.amount)
    expect(page.locator("#due-reply")).to_contain_text(new_due.isoformat())
    expect(page.get_by_text("补正说明.pdf")).to_be_visible()
    shot("correction-answered")
    app.refresh_from_db()
    assert app.state == "registered" and app.reply_due == new_due
    assert app.attachments.filter(purpose="correction", original_name="补正说明.pdf").exists()

    # --- staff reply; the tracking page says so in plain words and the letter downloads
    app = services.reply(world.clerk_a, app, "r_open", "见示例县人民政府网站政府信息公开专栏。", "art36_1")
    page.get_by_role("link", name="查询办理进度").first.click()
    page.get_by_label("申请编号").fill(tracking_no)
    page.get_by_label("查询码").fill(code)
    page.get_by_role("button", name="查询").click()
    expect(page.locator("#outcome")).to_contain_text("已答复：予以公开")
    reply = page.locator("li", has_text="政府信息公开申请答复书")
    with page.expect_download() as info:
        reply.get_by_role("link", name="下载 PDF").click()
    assert info.value.suggested_filename.startswith("政府信息公开申请答复书")
    with pdfplumber.open(io.BytesIO(Path(info.value.path()).read_bytes())) as pdf:
        assert tracking_no in "".join(p.extract_text() or "" for p in pdf.pages)
    body = page.content()
    assert PERSON_ID not in body and PHONE not in body and "王建华" not in body
    shot("replied")
    context.close()
