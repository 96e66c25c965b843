"""A 专员 uploads last year's report as a PDF: the page lists it as waiting and follows it by
itself until the worker has read it (here the test is the worker), but never reloads over a form
being filled in."""

import pytest
from playwright.sync_api import expect


@pytest.fixture
def pdf(tmp_path, world):
    from gongkai.annual.writers import render
    from gongkai.reports.tests.test_baseline import last_year_report

    path = tmp_path / "2024年报.pdf"
    path.write_bytes(render(last_year_report(world.a, {"natural_person": 1}), "pdf"))
    return path


def test_a_pdf_baseline_is_followed_until_it_is_read(live_server, page, shot, world, login, pdf):
    from gongkai.reports import services
    from gongkai.reports.models import BaselineUpload

    login(page, world.clerk_a)
    page.goto(f"{live_server.url}/staff/reports/t-a/baseline/")
    form = page.locator("form[enctype='multipart/form-data']")
    form.get_by_label("报告年度").fill("2024")
    form.get_by_label("已发布的年度报告文件").set_input_files(str(pdf))
    form.get_by_role("button", name="导入").click()
    expect(page.get_by_text("正在后台读取")).to_be_visible()
    uploads = page.locator(".baseline-uploads")
    expect(uploads).to_contain_text("2024年报.pdf")
    expect(uploads).to_contain_text("排队等待读取")
    shot("waiting")

    # the worker reads it: the page shows the outcome within its next reload, untouched
    services.read_queued_baseline(BaselineUpload.objects.get().pk)
    expect(uploads).to_contain_text("已导入", timeout=15_000)
    expect(uploads).to_contain_text("可用于2025年度的跨年度核对")
    expect(page.locator("[data-refresh-seconds]")).to_have_count(0)  # nothing waits: no more reloads
    shot("imported")


def test_the_page_does_not_reload_over_a_form_being_filled_in(live_server, page, world, login, pdf):
    from gongkai.reports import services

    services.queue_baseline_import(world.clerk_a, world.a, 2024, pdf.read_bytes(), "2024年报.pdf")
    login(page, world.clerk_a)
    page.goto(f"{live_server.url}/staff/reports/t-a/baseline/")
    expect(page.locator("[data-refresh-seconds]")).to_have_count(1)
    year = page.get_by_label("报告年度")
    year.fill("2023")  # the officer starts on the next file
    page.wait_for_timeout(7_000)  # longer than the 5 s between reloads
    expect(year).to_have_value("2023")
