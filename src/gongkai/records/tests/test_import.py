"""Import from CSV/Excel: preview lists every refused row with its reason; nothing is imported from a
file with errors unless the user accepts the valid rows; the import is one transaction."""

import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from gongkai.events.models import Event
from gongkai.records import importing, queries
from gongkai.records.models import Decision, FeeCollection, ImportBatch, YearlyTotal
from gongkai.records.rules import Kind
from gongkai.records.services import RecordsError
from gongkai.records.testing import make_decision

DECISION_HEADER = ["类别", "决定文号", "决定日期", "相对人名称", "内容摘要"]


def xlsx(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_bytes(rows, encoding="utf-8-sig") -> bytes:
    return "\n".join(",".join(str(c) for c in row) for row in rows).encode(encoding)


def _reasons(batch):
    return {(e["row"], e["column"]): e["message"] for e in batch.errors}


def test_a_good_csv_imports(world):
    content = csv_bytes(
        [
            DECISION_HEADER,
            ["行政许可", "示市监许〔2024〕1号", "2024-01-05", "示例县甲公司", "食品经营许可"],
            ["处罚", "示市监罚〔2024〕1号", "2024/2/6", "乙", ""],
            ["行政强制", "示市监强〔2024〕1号", "2024年3月7日", "", ""],
            ["", "", "", "", ""],  # blank lines are skipped
        ]
    )
    batch = importing.preview(world.clerk_a, world.a, "decisions", "good.csv", content)
    assert batch.errors == [] and batch.file_error == "" and batch.rows_total == 3
    assert not Decision.objects.exists()  # step one imports nothing
    assert importing.confirm(world.clerk_a, batch) == 3
    got = sorted(Decision.objects.values_list("kind", "number", "decided_on"))
    assert got == [
        (Kind.COERCION.value, "示市监强〔2024〕1号", date(2024, 3, 7)),
        (Kind.LICENSING.value, "示市监许〔2024〕1号", date(2024, 1, 5)),
        (Kind.PENALTY.value, "示市监罚〔2024〕1号", date(2024, 2, 6)),
    ]
    batch.refresh_from_db()
    assert batch.status == "imported" and batch.imported_rows == 3
    assert Event.objects.filter(action="records.import.confirm").count() == 1
    with pytest.raises(RecordsError, match="已导入"):
        importing.confirm(world.clerk_a, batch)
    assert Decision.objects.count() == 3


def test_a_gbk_csv_from_excel_is_read(world):
    content = csv_bytes(
        [DECISION_HEADER, ["行政许可", "示许1号", "2024-01-05", "甲", ""]], encoding="gb18030"
    )
    batch = importing.preview(world.clerk_a, world.a, "decisions", "gbk.csv", content)
    assert batch.errors == [] and batch.valid_rows[0]["values"]["number"] == "示许1号"


def test_wrong_columns_refuse_the_whole_file(world):
    content = xlsx([["类别", "文号", "日期", "备注"], ["行政许可", "1号", "2024-01-05", ""]])
    batch = importing.preview(world.clerk_a, world.a, "decisions", "wrong.xlsx", content)
    assert batch.status == "discarded"
    assert "缺少列：决定文号、决定日期" in batch.file_error
    assert "无法识别的列：文号、日期、备注" in batch.file_error
    assert "第一行应为：类别、决定文号、决定日期、相对人名称、内容摘要" in batch.file_error
    with pytest.raises(RecordsError):
        importing.confirm(world.clerk_a, batch, accept_valid_rows=True)
    assert not Decision.objects.exists()


def test_decision_rows_with_errors_are_listed_and_nothing_is_imported(world):
    make_decision(world.a, Kind.LICENSING, date(2024, 1, 1), number="示许〔2024〕9号")
    tomorrow = timezone.localdate() + timedelta(days=1)
    content = xlsx(
        [
            DECISION_HEADER,
            ["行政许可", "示许〔2024〕1号", date(2024, 1, 5), "甲", ""],  # 2 valid
            ["行政许可", "示许〔2024〕2号", "2007-12-31", "乙", ""],  # 3 date too early
            ["行政许可", "示许〔2024〕3号", tomorrow, "丙", ""],  # 4 date in the future
            ["行政许可", "示许〔2024〕4号", "2024-02-30", "丁", ""],  # 5 no such day
            ["行政许可", "示许〔2024〕5号", "2024-03-01", "戊", ""],  # 6 duplicate in file (with 7)
            ["许可", "示许〔2024〕5号", "2024-03-02", "己", ""],  # 7
            ["行政许可", "示许〔2024〕9号", "2024-03-03", "庚", ""],  # 8 already in the database
            ["行政审批", "示许〔2024〕10号", "2024-03-04", "", ""],  # 9 unknown kind
            ["行政处罚", "", "2024-03-05", "", ""],  # 10 missing number
            ["行政处罚", "示罚〔2024〕1号", "2024-03-06", "", ""],  # 11 valid
        ]
    )
    batch = importing.preview(world.clerk_a, world.a, "decisions", "bad.xlsx", content)
    reasons = _reasons(batch)
    assert batch.error_rows == [3, 4, 5, 6, 7, 8, 9, 10]
    assert "2007-12-31" in reasons[(3, "决定日期")] and "2008-05-01" in reasons[(3, "决定日期")]
    assert tomorrow.isoformat() in reasons[(4, "决定日期")]
    assert "不是有效的日期" in reasons[(5, "决定日期")]
    assert "在文件中重复（另见第7行）" in reasons[(6, "决定文号")]
    assert "另见第6行" in reasons[(7, "决定文号")]
    assert "本机构已有行政许可决定文号“示许〔2024〕9号”" in reasons[(8, "决定文号")]
    assert "不是行政许可、行政处罚或行政强制" in reasons[(9, "类别")]
    assert reasons[(10, "决定文号")] == "不能为空"
    assert [r["row"] for r in batch.valid_rows] == [2, 11]

    with pytest.raises(RecordsError, match="8行有错误") as refused:
        importing.confirm(world.clerk_a, batch)
    assert refused.value.field == "accept"
    assert Decision.objects.count() == 1  # only the one made above

    assert importing.confirm(world.clerk_a, batch, accept_valid_rows=True) == 2
    assert set(Decision.objects.values_list("number", flat=True)) == {
        "示许〔2024〕9号",
        "示许〔2024〕1号",
        "示罚〔2024〕1号",
    }
    assert "8行有错误未导入" in Event.objects.get(action="records.import.confirm").note


def test_text_in_number_cells_is_refused_row_by_row(world):
    totals = xlsx(
        [
            ["年度", "类别", "处理决定数量", "数据来源"],
            [2024, "行政处罚", 120, "执法平台"],
            [2024, "行政强制", "一百", ""],
            [2024, "行政许可", 3.5, ""],
            ["2007", "行政许可", 1, ""],
            [2024, "行政许可", -1, ""],
        ]
    )
    batch = importing.preview(world.clerk_a, world.a, "totals", "totals.xlsx", totals)
    reasons = _reasons(batch)
    assert reasons[(3, "处理决定数量")] == "“一百”不是整数"
    assert "不是整数" in reasons[(4, "处理决定数量")]
    assert "年度须在2008至" in reasons[(5, "年度")]
    assert reasons[(6, "处理决定数量")] == "不能为负数"
    assert not YearlyTotal.objects.exists()

    fees = xlsx(
        [
            ["年度", "收费项目", "收费金额（元）", "收费依据"],
            [2024, "不动产登记费", 123456, ""],
            [2024, "工本费", "约三万", ""],
            [2024, "证书费", "1.234", ""],
            [2024, "检测费", "3万元", ""],
        ]
    )
    batch = importing.preview(world.clerk_a, world.a, "fees", "fees.xlsx", fees)
    reasons = _reasons(batch)
    assert "不是数字" in reasons[(3, "收费金额（元）")]
    assert "两位小数" in reasons[(4, "收费金额（元）")]
    assert "不要填万元" in reasons[(5, "收费金额（元）")]
    assert not FeeCollection.objects.exists()
    importing.confirm(world.clerk_a, batch, accept_valid_rows=True)
    assert queries.table_two(world.a, 2024)["art20_8"].get("admin_fees", "amount") == Decimal("12.3456")


def test_a_clash_after_the_preview_refuses_everything(world):
    content = csv_bytes(
        [
            DECISION_HEADER,
            ["行政许可", "示许1号", "2024-01-05", "", ""],
            ["行政许可", "示许2号", "2024-01-06", "", ""],
        ]
    )
    batch = importing.preview(world.clerk_a, world.a, "decisions", "a.csv", content)
    make_decision(world.a, Kind.LICENSING, date(2024, 1, 6), number="示许2号")  # entered meanwhile
    with pytest.raises(RecordsError, match="第3行"):
        importing.confirm(world.clerk_a, batch, accept_valid_rows=True)
    assert list(Decision.objects.values_list("number", flat=True)) == ["示许2号"]
    batch.refresh_from_db()
    assert batch.status == "previewed"


def test_unreadable_files(world):
    for name, content, words in [
        ("x.xlsx", b"not a zip", "无法读取"),
        ("x.xls", b"\xd0\xcf\x11\xe0", ".xls"),
        ("x.txt", b"a", ".csv 或 .xlsx"),
        ("x.csv", b"", "文件是空的"),
        ("x.csv", csv_bytes([DECISION_HEADER]), "没有数据行"),
    ]:
        batch = importing.preview(world.clerk_a, world.a, "decisions", name, content)
        assert words in batch.file_error, name
    assert not Decision.objects.exists()


def test_the_two_step_pages(world, client):
    client.force_login(world.clerk_a)
    content = xlsx(
        [
            DECISION_HEADER,
            ["行政许可", "示许1号", "2024-01-05", "", ""],
            ["行政许可", "示许2号", "2099-01-01", "", ""],
        ]
    )
    upload = SimpleUploadedFile("决定.xlsx", content)
    response = client.post(
        reverse("records:import_upload", kwargs={"agency_code": world.a.code}),
        {"kind": "decisions", "file": upload},
    )
    batch = ImportBatch.objects.get()
    assert response["Location"] == reverse(
        "records:import_preview", kwargs={"agency_code": world.a.code, "pk": batch.pk}
    )
    page = client.get(response["Location"]).content.decode()
    assert "第 3 行" in page and "2099-01-01" in page and "只导入 1 行有效数据" in page
    confirm = reverse("records:import_confirm", kwargs={"agency_code": world.a.code, "pk": batch.pk})
    refused = client.post(confirm, {})
    assert refused.status_code == 400 and "请修改文件后重新上传" in refused.content.decode()
    assert not Decision.objects.exists()
    assert client.post(confirm, {"accept": "on"}).status_code == 302
    assert list(Decision.objects.values_list("number", flat=True)) == ["示许1号"]


def test_upload_form_refuses_other_file_types_in_chinese(world, client):
    client.force_login(world.clerk_a)
    response = client.post(
        reverse("records:import_upload", kwargs={"agency_code": world.a.code}),
        {"kind": "decisions", "file": SimpleUploadedFile("a.pdf", b"%PDF")},
    )
    assert "只能导入 .csv 或 .xlsx 文件。" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_templates_read_back_as_empty_files(world, client):
    client.force_login(world.clerk_a)
    for fmt in ("csv", "xlsx"):
        url = reverse(
            "records:import_template", kwargs={"agency_code": world.a.code, "kind": "fees", "fmt": fmt}
        )
        body = client.get(url).content
        batch = importing.preview(world.clerk_a, world.a, "fees", f"t.{fmt}", body)
        assert batch.file_error == "文件中没有数据行。", fmt  # the header is right, there are no rows
