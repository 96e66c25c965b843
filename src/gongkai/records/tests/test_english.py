"""The records pages in English (language cookie "en") and in Chinese by default; the English catalogue
is complete. The report format's own words (table 二's grids, from gongkai.annual) and the import
file's column headers stay in Chinese."""

from datetime import date
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from gongkai.annual.layout import LAYOUT_2021
from gongkai.events.models import Event
from gongkai.records import importing
from gongkai.records.models import ImportBatch, YearlyTotal
from gongkai.records.rules import Kind
from gongkai.records.testing import make_decision, make_fee, make_total
from gongkai.testing import assert_not_shown, assert_shown


def _url(name, world, **kw):
    return reverse(f"records:{name}", kwargs={"agency_code": world.a.code, **kw})


@pytest.fixture
def en(world, client):
    client.cookies["django_language"] = "en"
    client.force_login(world.clerk_a)
    return client


def test_decision_pages_in_english(world, en):
    decision = make_decision(world.a, Kind.LICENSING, date(2024, 5, 6), summary="食品经营许可")
    make_total(world.a, 2024, Kind.PENALTY, 5)

    body = en.get(_url("decisions", world), {"year": 2024}).content.decode()
    assert '<html lang="en">' in body
    assert_shown(
        body,
        "Decisions of 2024",
        "Enter a decision",
        "Import from a file",
        "Yearly totals",
        "Administrative fees and charges",
        "Annual report, table II",
        "Decision document number",
        "Party concerned",
        "Administrative licensing: 1",
        "Administrative penalty: 5",
        "yearly total used, not counted one by one",
        decision.number,
        "食品经营许可",  # the data itself is not translated
    )
    assert_not_shown(
        body,
        "年处理决定",
        "录入决定",
        "从文件导入",
        "决定文号",
        "相对人名称",
        "行政许可",
        "行政处罚",
        "采用年度数量",
    )

    body = en.get(_url("decision_detail", world, pk=decision.pk)).content.decode()
    assert_shown(body, "Decision date", "Summary", "Source", "Entered individually")
    assert_not_shown(body, "决定日期", "逐件录入", "修改", "删除")

    body = en.get(_url("decision_create", world)).content.decode()
    assert_shown(body, "Enter a decision", "Decision document number", "Party concerned")
    assert_not_shown(body, "录入处理决定", "决定文号", "保存", "取消")


def test_entering_a_decision_in_english_gives_english_errors_and_messages(world, en):
    make_decision(world.a, Kind.LICENSING, date(2024, 5, 6), number="示许1号")
    data = {"kind": Kind.LICENSING.value, "number": "示许1号", "decided_on": "2024-05-07"}
    body = en.post(_url("decision_create", world), data).content.decode()
    assert_shown(
        body, "This agency already has a decision of category Administrative licensing numbered “示许1号”."
    )
    assert_not_shown(body, "本机构已有")
    body = en.post(_url("decision_create", world), {**data, "decided_on": "2008-04-30"}).content.decode()
    assert_shown(body, "The date must be between 2008-05-01 and")

    response = en.post(_url("decision_create", world), {**data, "number": "示许2号"}, follow=True)
    assert_shown(response.content.decode(), "Decision 示许2号 entered.")
    # The event log keeps the source language, whatever the page's.
    event = Event.objects.get(action="records.decision.create")
    assert event.subject_label == "示许2号"


def test_totals_and_fees_pages_in_english(world, en):
    total = make_total(world.a, 2023, Kind.COERCION, 7, source="执法办案系统")
    fee = make_fee(world.a, 2023, "不动产登记费", "1234.50", basis="发改价格规〔2016〕2559号")

    body = en.get(_url("totals", world)).content.decode()
    assert_shown(
        body,
        "Yearly number of decisions",
        "Agencies that keep their decisions in another system can enter yearly totals directly.",
        "Number of decisions",
        "Source of the figure",
        "For example: statistics of the provincial administrative law-enforcement platform.",
        "Administrative coercion",
        "Enter or change a yearly total",
    )
    assert_not_shown(body, "年度处理决定数量", "数据来源", "行政强制", "填报或修改年度数量")
    response = en.post(
        _url("totals", world), {"year": 2023, "kind": "admin_coercion", "count": 9}, follow=True
    )
    assert_shown(response.content.decode(), "Yearly total saved.")
    # __str__ feeds the event log: it stays in the source language.
    with translation.override("en"):
        assert str(YearlyTotal.objects.get(pk=total.pk)) == "2023年行政强制9件"

    body = en.get(_url("fees", world)).content.decode()
    assert_shown(
        body,
        "Amounts are entered in yuan;",
        "Total 0.12345 × 10,000 yuan",
        "Fee item",
        "Legal basis of the fee",
        "Amount (yuan)",
        "Add a fee item",
    )
    assert_not_shown(body, "金额以元填报", "合计", "收费项目", "收费依据", "收费金额", "新增收费项目")
    body = en.get(_url("fee_edit", world, pk=fee.pk)).content.decode()
    assert_shown(body, "1234.50 yuan (0.12345 × 10,000 yuan)", "Delete this item")
    assert_not_shown(body, " 元（", "删除该项目")
    body = en.post(
        _url("fees", world), {"year": 2023, "item": "不动产登记费", "amount_yuan": "1.00"}
    ).content.decode()
    assert_shown(
        body, "Fee item “不动产登记费” already exists for 2023; change the amount of that item instead."
    )


def test_import_pages_in_english_keep_the_chinese_column_headers(world, en):
    body = en.get(_url("import_upload", world)).content.decode()
    assert_shown(
        body,
        "Upload and check",
        "File format",
        "Administrative licensing, penalty and coercion decisions",
        "Administrative fees and charges collected",
        "First row, the column headers (in Chinese, exactly as shown):",
        "Download the Excel template",
        "<code>决定文号</code>",  # what the file must say
    )
    assert_not_shown(body, "上传并检查", "文件格式", "下载 Excel 模板", "行政许可、行政处罚、行政强制决定")

    bad = SimpleUploadedFile("list.txt", b"x")
    body = en.post(_url("import_upload", world), {"kind": "decisions", "file": bad}).content.decode()
    assert_shown(body, "Only .csv or .xlsx files can be imported.")

    header = ",".join(importing.SPECS["decisions"].headers)
    content = f"{header}\n行政许可,示许1号,2024-01-05,甲,\n行政审批,示许2号,5.1,乙,\n".encode()
    upload = SimpleUploadedFile("decisions.csv", content, content_type="text/csv")
    response = en.post(_url("import_upload", world), {"kind": "decisions", "file": upload}, follow=True)
    body = response.content.decode()
    assert_shown(
        body,
        "Import check results",
        "What is imported: Administrative licensing, penalty and coercion decisions",
        "Status: To be confirmed",
        "Data rows: 2; valid: 1; with errors: 1.",
        "Rows with errors (not imported)",
        "Row 3",
        "“行政审批” is not 行政许可 (licensing), 行政处罚 (penalty) or 行政强制 (coercion)",
        "“5.1” is not a date; write it as 2024-05-06",
        "Import only the valid rows (1)",
    )
    assert_not_shown(body, "导入检查结果", "待确认", "有错误的行", "不是日期")
    batch = ImportBatch.objects.get()
    body = en.post(_url("import_confirm", world, pk=batch.pk), {}).content.decode()
    assert_shown(body, "Rows with errors in the file: 1. Correct the file and upload it again")

    # The blank template is a Chinese-format file: its name stays in Chinese.
    response = en.get(_url("import_template", world, kind="decisions", fmt="csv"))
    assert quote("行政许可、行政处罚、行政强制决定.csv") in response["Content-Disposition"]


def test_table_two_in_english_keeps_the_report_format_words(world, en):
    make_decision(world.a, Kind.LICENSING, date(2024, 5, 6))
    make_fee(world.a, 2024, "不动产登记费", "1234.50")
    body = en.get(_url("table_two", world, year=2024)).content.decode()
    assert_shown(body, "Proactive disclosure of government information", "Previous year", "Click a number")
    assert_shown(
        body, LAYOUT_2021.grid("art20_5").title, LAYOUT_2021.grid("art20_5").row("admin_licensing").text
    )
    assert_not_shown(body, "主动公开政府信息情况", "上一年", "点击数字")

    drill = _url(
        "table_two_drill", world, year=2024, grid="art20_5", row="admin_licensing", column="decisions"
    )
    body = en.get(drill).content.decode()
    assert_shown(
        body, "Counted one by one: Administrative licensing decisions dated in 2024.", "Back to table II"
    )
    assert_not_shown(body, "逐件统计", "返回表二")
    drill = _url("table_two_drill", world, year=2024, grid="art20_8", row="admin_fees", column="amount")
    body = en.get(drill).content.decode()
    assert_shown(
        body,
        "Sum of the amounts of all fee items for 2024: 1234.50 yuan",
        "1234.50 yuan (0.12345 × 10,000 yuan)",
    )


def test_chinese_by_default(world, client):
    make_decision(world.a, Kind.LICENSING, date(2024, 5, 6))
    client.force_login(world.clerk_a)
    body = client.get(_url("decisions", world), {"year": 2024}).content.decode()
    assert '<html lang="zh-Hans">' in body
    assert_shown(body, "年处理决定", "录入决定", "决定文号", "行政许可：1 件")
    assert_not_shown(body, "Enter a decision", "Decision document number", "Administrative licensing")
    body = client.get(_url("import_upload", world)).content.decode()
    assert_shown(body, "上传并检查", "行政许可、行政处罚、行政强制决定")
    assert_not_shown(body, "Upload and check")
