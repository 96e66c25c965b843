"""English: the reports pages (staff and portal) have an English catalogue, while the report document
itself — its title, the official headings and table labels, the sentences offered for insertion — stays
Chinese in every language."""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from gongkai.reports import services
from gongkai.reports.checks import evaluate_for_publishing, fingerprint
from gongkai.reports.testing import good_workspace, some_applications
from gongkai.testing import assert_not_shown, assert_shown

pytestmark = pytest.mark.django_db
YEAR = 2025
TITLE = f"示例县教育局{YEAR}年政府信息公开工作年度报告"  # the report's own title
READY_SENTENCE = "本年度共收到政府信息公开申请6件，办结5件"  # offered for insertion into the report
ENGLISH_DATE = re.compile(
    r"\b\d{1,2} (January|February|March|April|May|June|July|August|September"
    r"|October|November|December) \d{4}\b"
)


@pytest.fixture
def ready(world):
    some_applications(world.a, YEAR)
    good_workspace(world.a, YEAR, world.clerk_a)
    return world


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _get(client, url, *args) -> str:
    response = client.get(url, *args)
    assert response.status_code == 200, url
    return response.content.decode()


def _publish(world) -> None:
    ws = services.workspace_for(world.a, YEAR)
    services.submit(world.clerk_a, ws)
    warnings = evaluate_for_publishing(ws).warnings
    services.publish(world.reviewer_a, ws, {fingerprint(f) for f in warnings})


# ---------------------------------------------------------------- staff pages


def test_index_agency_page_and_dashboard_panel_in_english(ready, english):
    english.force_login(ready.clerk_a)
    body = _get(english, reverse("reports:index"))
    assert '<html lang="en">' in body
    assert_shown(
        body, "Annual reports on government information disclosure", "Reports by year", "</a> (Draft)"
    )
    assert_not_shown(body, "各年度报告", "草稿", "年度报告</h1>")

    body = _get(english, reverse("reports:agency", args=[ready.a.code]))
    assert_shown(
        body, "Report year", "Publication deadline", "Earlier reports (imported)", "Import an earlier report"
    )
    assert_not_shown(body, "发布期限", "往年报告", "导入往年报告", "年n月")
    assert ENGLISH_DATE.search(body)

    body = _get(english, reverse("staff:dashboard", args=[ready.a.code]))
    assert re.search(r"Report for \d{4}: ", body)  # the desk's line on the report
    assert re.search(r"publication deadline \(\d{1,2} \w+ \d{4}\)", body)
    assert_shown(body, "To do")
    assert_not_shown(body, "年度报告：", "发布期限")


def test_workspace_in_english_with_the_report_text_in_chinese(ready, english):
    english.force_login(ready.clerk_a)
    body = _get(english, reverse("reports:workspace", args=[ready.a.code, YEAR]))
    assert_shown(
        body,
        "Check results",
        "All checks passed: no errors and no warnings.",
        "Parts 2, 3 and 4: tables",
        "(1) Proactive disclosure",
        "Part 5. Main problems and improvements",
        "Ready-made wording from the data:",
        ">Insert</button>",
        "Submit for review",
        "Date of signature",
        ">Draft</span>",
    )
    assert "until the publication deadline" in body or "past the publication deadline" in body
    assert ENGLISH_DATE.search(body)
    assert_not_shown(
        body, "检查结果", "全部检查通过", "数据中的现成表述", "提交审核", "落款日期", "发布期限", "草稿"
    )
    # the report itself: its title, the official table labels, the sentences to insert
    assert_shown(
        body, TITLE, READY_SENTENCE, "收到和处理政府信息公开申请情况", "一、本年新收政府信息公开申请数量"
    )

    body = _get(
        english, reverse("reports:cell", args=[ready.a.code, YEAR, "applications.r_open.natural_person"])
    )
    assert_shown(
        body,
        "How it is computed:",
        "Requests received by 31 December 2025",
        "“（一）予以公开”",
        "Back to the annual report",
    )
    assert_not_shown(body, "计算规则", "返回年度报告")


def test_live_findings_show_the_english_message(ready, english):
    english.force_login(ready.clerk_a)
    url = reverse("reports:findings", args=[ready.a.code, YEAR])
    body = english.post(url, {"overview_on_request": "本年度共收到政府信息公开申请9件。"}).content.decode()
    assert_shown(
        body,
        "1 warning (to be confirmed before publishing)",
        'data-code="TXT-NUM"',
        "does not match the table",
    )
    assert_not_shown(body, "项警告", "与表格")


def test_preview_page_in_english_and_the_document_in_chinese(ready, english):
    english.force_login(ready.clerk_a)
    body = _get(english, reverse("reports:preview", args=[ready.a.code, YEAR]))
    assert_shown(body, "Preview (official layout)", "Export PDF")
    assert_not_shown(body, "预览（正式版式）", "导出 PDF")
    document = re.search(r'srcdoc="([^"]*)"', body).group(1)
    assert_shown(document, TITLE, "一、总体情况", "收到和处理政府信息公开申请情况", READY_SENTENCE)
    assert_not_shown(document, "Proactive disclosure", "Overall situation", "Annual report")


def test_start_page_keeps_the_report_title(ready, english):
    english.force_login(ready.clerk_a)
    body = _get(english, reverse("reports:workspace", args=[ready.a.code, YEAR - 1]))
    assert_shown(
        body,
        f"Start the {YEAR - 1} annual report",
        "The tables below are computed live",
        f"<h1>示例县教育局{YEAR - 1}年",
    )
    assert_not_shown(body, "开始编写", "尚未开始编写")


def test_summary_page_in_english(ready, english):
    english.force_login(ready.supervisor)
    body = _get(english, reverse("reports:summary", args=[YEAR]))
    assert_shown(
        body,
        f"Summary of the {YEAR} annual reports on government information disclosure",
        "New requests",
        "Carried over from last year",
        "Total (",
        "Summary tables",
        "Export Excel",
    )
    assert_not_shown(body, "汇总表", "新收申请", "合计（", "年度报告汇总")
    assert_shown(body, "收到和处理政府信息公开申请情况")  # the summed tables keep the official labels


def test_messages_and_refusals_in_english(ready, english):
    english.force_login(ready.clerk_a)
    body = english.post(
        reverse("reports:act", args=[ready.a.code, YEAR, "submit"]), follow=True
    ).content.decode()
    assert_shown(body, "Submitted for review.", ">Awaiting review</span>")
    assert_not_shown(body, "已提交审核", "待审核")
    ws = services.workspace_for(ready.a, YEAR)
    with translation.override("en"), pytest.raises(services.ReportError) as refused:
        services.save_texts(ready.clerk_a, ws, {"problems": "x"})
    assert (
        refused.value.message
        == "The report is currently “Awaiting review” and cannot be edited; please wait for the review."
    )
    with translation.override("en"), pytest.raises(services.ReportError) as refused:
        services.submit(ready.clerk_a, ws)
    assert refused.value.message.startswith(
        "The report is currently “Awaiting review”; “Submit for review” is only"
    )


# ---------------------------------------------------------------- portal


def test_public_pages_in_english_with_the_report_in_chinese(ready, english):
    _publish(ready)
    body = _get(english, reverse("public_reports:index"))
    assert '<html lang="en">' in body
    assert_shown(body, "Annual reports on government information disclosure", "published on", TITLE)
    assert_not_shown(body, "发布于", "尚未发布年度报告")
    assert ENGLISH_DATE.search(body)

    body = _get(english, reverse("public_reports:report", args=[ready.a.code, YEAR]))
    assert_shown(body, "Version 1 · published on", "Version history", "Download PDF", f"<h1>{TITLE}</h1>")
    assert_not_shown(body, "版本记录", "下载 PDF", "发布于", "第1版")
    document = re.search(r'srcdoc="([^"]*)"', body).group(1)
    assert_shown(document, TITLE, "一、总体情况", READY_SENTENCE)


def test_public_pages_before_publication_in_english(world, english):
    body = _get(english, reverse("public_reports:index"))
    assert_shown(body, "No annual report has been published yet.")
    assert_not_shown(body, "尚未发布年度报告")


# ---------------------------------------------------------------- Chinese stays the default


def test_chinese_without_the_cookie(ready, client):
    client.force_login(ready.clerk_a)
    body = _get(client, reverse("reports:workspace", args=[ready.a.code, YEAR]))
    assert '<html lang="zh-Hans">' in body
    assert_shown(body, "检查结果", "全部检查通过", "提交审核", "（一）主动公开", "草稿", "年", READY_SENTENCE)
    assert_not_shown(body, "Check results", "Submit for review", "Proactive disclosure", "Draft", "January")
    body = _get(client, reverse("reports:summary", args=[YEAR]))
    assert_shown(body, "年度报告汇总", "新收申请", "汇总表")
    assert_not_shown(body, "Summary of the", "New requests")
    _publish(ready)
    body = _get(client, reverse("public_reports:report", args=[ready.a.code, YEAR]))
    assert_shown(body, "第1版 · 发布于", "版本记录", "下载 PDF")
    assert_not_shown(body, "Version history", "Download PDF")
