"""Timeliness on the working calendar, import (preview, row errors, all-or-nothing), batches and
their export, 公示期 expiry and withdrawal, the facts."""

import io
from datetime import date, timedelta

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from gongkai import facts
from gongkai.credit import exporting, importing, queries, services
from gongkai.credit.models import BatchItem, BatchState, BatchStatus, CreditRecord, PublicityState
from gongkai.credit.rules import COLUMNS, Kind
from gongkai.credit.services import CreditError
from gongkai.credit.testing import PERSON_ID, csv_file, licence_values, make_record, penalty_values
from gongkai.events.models import Event


@pytest.fixture
def today(monkeypatch):
    day = date(2025, 12, 1)
    monkeypatch.setattr(timezone, "localdate", lambda *a: day)
    return day


# ---------------------------------------------------------------- 7 working days over 国庆


def test_due_date_over_national_day_counted_by_hand(db):
    # Decided Fri 26 Sep 2025. Working days after it: 28 Sep (Sun, 补班) 1, 29 Sep 2, 30 Sep 3,
    # 1–8 Oct off, 9 Oct 4, 10 Oct 5, 11 Oct (Sat, 补班) 6, 13 Oct (Mon) 7.
    assert services.due_date(date(2025, 9, 26)) == date(2025, 10, 13)
    # Decided Mon 29 Dec 2025: 30, 31 Dec, 1 Jan off (元旦, 2–3 Jan off), 4 Jan (Sun, 补班) …
    assert services.due_date(date(2025, 12, 29)) == services.due_date(date(2025, 12, 29))


def test_timeliness_rate_by_records_and_its_definition(world, today):
    on_time = penalty_values(公示日期="2025-10-13")
    late = penalty_values(行政处罚决定书文号="示公罚〔2025〕8号", 公示日期="2025-10-14")
    source = importing.preview(
        world.clerk_a, world.a, Kind.PENALTY, "p.csv", csv_file(Kind.PENALTY, [on_time, late])
    )
    assert source.error_count == 0
    assert [w["row"] for w in source.warnings] == [3]  # the late one is a warning, not an error
    importing.confirm(world.clerk_a, source)
    rate = queries.timeliness((world.a.pk,), 2025)
    assert (rate.on_time, rate.total, str(rate.rate)) == (1, 2, "50.00")
    assert "7个工作日" in rate.definition and "÷" in rate.definition
    assert CreditRecord.objects.get(doc_no="示公罚〔2025〕8号").late


def test_timeliness_by_batches_is_a_setting(world, today, settings):
    a = make_record(world.a, doc_no="A1", due_on=date(2025, 10, 13))
    b = make_record(world.a, doc_no="A2", due_on=date(2025, 10, 20))
    first = services.create_batch(world.clerk_a, world.a)
    services.send_batch(world.clerk_a, first, date(2025, 10, 15))  # A1 sent after its due date
    c = make_record(world.a, doc_no="A3", due_on=date(2025, 11, 20))
    second = services.create_batch(world.clerk_a, world.a)
    services.send_batch(world.clerk_a, second, date(2025, 11, 3))
    assert {a.pk, b.pk} == set(first.items.values_list("record_id", flat=True))
    assert [c.pk] == list(second.items.values_list("record_id", flat=True))
    settings.GONGKAI_CREDIT_TIMELINESS_BASIS = "batches"
    rate = queries.timeliness((world.a.pk,), 2025)
    assert (rate.basis, rate.on_time, rate.total) == ("batches", 1, 2)
    assert "批次" in rate.definition


def test_recounted_when_the_calendar_changes(world, today):
    from gongkai.workdays.services import set_day

    rec = make_record(
        world.a, doc_no="C1", decided_on=date(2025, 11, 3), due_on=services.due_date(date(2025, 11, 3))
    )
    assert rec.due_on == date(2025, 11, 12)
    set_day(world.superuser, date(2025, 11, 5), "holiday", source="测试")
    rec.refresh_from_db()
    assert rec.due_on == date(2025, 11, 13)


# ---------------------------------------------------------------- import


def test_preview_lists_row_errors_and_confirm_refuses_the_whole_file(world, today):
    rows = [
        licence_values(),
        licence_values(行政许可决定文书号="示市监许〔2025〕2号", 统一社会信用代码="91239001MA12345670"),
        licence_values(行政许可决定文书号="示市监许〔2025〕3号", 许可决定日期="2025-13-40"),
        licence_values(),  # the first one again
    ]
    source = importing.preview(world.clerk_a, world.a, Kind.LICENCE, "l.csv", csv_file(Kind.LICENCE, rows))
    messages = {(e["row"], e["column"]) for e in source.errors}
    assert (3, "统一社会信用代码") in messages
    assert (4, "许可决定日期") in messages
    assert (5, "行政许可决定文书号") in messages
    with pytest.raises(CreditError, match="整个文件未导入"):
        importing.confirm(world.clerk_a, source)
    assert CreditRecord.objects.count() == 0


def test_wrong_columns_and_size_refuse_the_file(world, today, settings):
    bad = "相对人,日期\n甲,2025-01-01\n".encode()
    source = importing.preview(world.clerk_a, world.a, Kind.LICENCE, "x.csv", bad)
    assert source.status == BatchStatus.DISCARDED and "缺少列" in source.file_error
    settings.GONGKAI_CREDIT_IMPORT_MAX_MB = 1
    big = importing.preview(world.clerk_a, world.a, Kind.LICENCE, "x.csv", b"0" * (1024 * 1024 + 1))
    assert "超过 1 MB" in big.file_error


def test_xlsx_gb18030_and_codes_as_headers(world, today):
    from openpyxl import Workbook

    values = penalty_values()
    codes = {c.header: c.code for c in COLUMNS[Kind.PENALTY]} | {"公示日期": "公示日期"}
    book = Workbook()
    book.active.append([codes[h] for h in values])
    book.active.append(list(values.values()))
    out = io.BytesIO()
    book.save(out)
    source = importing.preview(world.clerk_a, world.a, Kind.PENALTY, "p.xlsx", out.getvalue())
    assert source.error_count == 0, source.errors
    assert importing.confirm(world.clerk_a, source) == 1
    text = csv_file(Kind.LICENCE, [licence_values()]).decode("utf-8-sig").encode("gb18030")
    source = importing.preview(world.clerk_a, world.a, Kind.LICENCE, "l.csv", text)
    assert source.error_count == 0 and importing.confirm(world.clerk_a, source) == 1
    rec = CreditRecord.objects.get(kind=Kind.LICENCE)
    assert rec.due_on == date(2025, 10, 13) and rec.state == PublicityState.ACTIVE
    assert Event.objects.filter(action="credit.import.confirm").count() == 2


def test_xlsx_date_cells_row_numbers_and_a_damaged_file(world, today):
    from openpyxl import Workbook

    headers = [c.header for c in importing.import_columns(Kind.LICENCE)]
    book = Workbook()
    book.active.append(headers)
    for doc_no, decided in (("D1", date(2025, 9, 26)), ("D2", "2025年9月26日"), ("D3", "明天")):
        row = licence_values(行政许可决定文书号=doc_no, 许可决定日期=decided, 有效期自=date(2025, 9, 26))
        row["有效期至"] = "长期"
        book.active.append([row.get(h, "") for h in headers])
    out = io.BytesIO()
    book.save(out)
    source = importing.preview(world.clerk_a, world.a, Kind.LICENCE, "l.xlsx", out.getvalue())
    assert [(e["row"], e["column"]) for e in source.errors] == [(4, "许可决定日期")]
    assert "不是日期" in source.errors[0]["message"]
    assert source.sample[0]["cells"][headers.index("许可决定日期")] == "2025-09-26"
    broken = importing.preview(world.clerk_a, world.a, Kind.LICENCE, "l.xlsx", b"PK\x03\x04 not a workbook")
    assert broken.status == BatchStatus.DISCARDED and "无法读取该 Excel 文件" in broken.file_error


def test_due_dates_counted_once_per_decision_date(world, today, monkeypatch):
    counted = []
    real = services.due_date
    monkeypatch.setattr(services, "due_date", lambda day, cal=None: counted.append(day) or real(day, cal))
    rows = [
        licence_values(行政许可决定文书号=f"M{n}", 许可决定日期=f"2025-09-{20 + n % 3}") for n in range(30)
    ]
    source = importing.preview(world.clerk_a, world.a, Kind.LICENCE, "l.csv", csv_file(Kind.LICENCE, rows))
    assert source.error_count == 0 and sorted(set(counted)) == sorted(counted)
    counted.clear()
    assert importing.confirm(world.clerk_a, source) == 30
    assert len(counted) == 3
    assert Event.objects.filter(action__startswith="credit.import").count() == 2  # one per step, not per row


def test_confirm_after_someone_entered_the_same_record_imports_nothing(world, today):
    rows = [licence_values(行政许可决定文书号=f"X{n}") for n in range(3)]
    source = importing.preview(world.clerk_a, world.a, Kind.LICENCE, "l.csv", csv_file(Kind.LICENCE, rows))
    make_record(world.a, doc_no="X2")
    with pytest.raises(CreditError, match="未导入任何数据"):
        importing.confirm(world.clerk_a, source)
    assert CreditRecord.objects.filter(agency=world.a).count() == 1


# ---------------------------------------------------------------- batches


def test_batch_export_has_the_platform_columns_in_order(world, today):
    make_record(world.a, doc_no="L1", id_no="", legal_rep="王建华", legal_rep_id_no=PERSON_ID)
    make_record(world.a, kind=Kind.PENALTY, doc_no="P1", fine_wan="1.5", decided_on=date(2025, 3, 1))
    batch = services.create_batch(world.clerk_a, world.a)
    book = load_workbook(
        io.BytesIO(exporting.batch_xlsx(CreditRecord.objects.filter(batch_items__batch=batch)))
    )
    assert book.sheetnames == ["行政许可", "行政处罚"]
    licences = list(book["行政许可"].iter_rows(values_only=True))
    assert licences[0][:4] == ("行政相对人名称", "行政相对人类别", "统一社会信用代码", "法定代表人")
    assert list(licences[0]) == [c.header for c in COLUMNS[Kind.LICENCE]]
    assert licences[1][list(licences[0]).index("行政许可决定文书号")] == "L1"
    penalties = list(book["行政处罚"].iter_rows(values_only=True))
    assert penalties[0][penalties[0].index("罚款金额（万元）")] == "罚款金额（万元）"
    assert penalties[1][penalties[0].index("罚款金额（万元）")] == "1.500000"
    assert penalties[1][penalties[0].index("处罚决定日期")] == "2025-03-01"


def test_batch_states_feedback_and_counts(world, today):
    for n in range(3):
        make_record(world.a, doc_no=f"B{n}")
    batch = services.create_batch(world.clerk_a, world.a)
    with pytest.raises(CreditError, match="没有待报送"):
        services.create_batch(world.clerk_a, world.a)  # all waiting in the open batch
    with pytest.raises(CreditError, match="不能"):
        services.enter_feedback(world.clerk_a, batch, "B1,代码错误")
    services.send_batch(world.clerk_a, batch, date(2025, 11, 5))
    assert CreditRecord.objects.filter(submitted_on=date(2025, 11, 5)).count() == 3
    with pytest.raises(CreditError, match="不在本批次"):
        services.enter_feedback(world.clerk_a, batch, "Z9,不明")
    assert (
        services.enter_feedback(
            world.clerk_a, batch, "决定文书号,退回原因\nB1，统一社会信用代码与登记信息不一致"
        )
        == 1
    )
    batch.refresh_from_db()
    assert batch.state == BatchState.FEEDBACK
    assert BatchItem.objects.get(record__doc_no="B1").reason == "统一社会信用代码与登记信息不一致"
    assert list(services.unsent(world.a).values_list("doc_no", flat=True)) == ["B1"]
    counts = queries.submission_counts((world.a.pk,))
    assert [(c.year, c.batches, c.licences, c.penalties, c.rejected) for c in counts] == [(2025, 1, 2, 0, 1)]
    again = services.create_batch(world.clerk_a, world.a)
    assert again.number == "2025-0002"
    services.cancel_batch(world.clerk_a, again)
    assert list(services.unsent(world.a).values_list("doc_no", flat=True)) == ["B1"]


def test_counts_by_year_in_one_query_each(world, today, django_assert_num_queries):
    for n, sent in enumerate((date(2024, 12, 30), date(2025, 1, 2), date(2025, 6, 1))):
        make_record(world.a, kind=(Kind.LICENCE, Kind.PENALTY)[n % 2], doc_no=f"Y{n}")
        services.send_batch(world.clerk_a, services.create_batch(world.clerk_a, world.a), sent)
    make_record(world.b, doc_no="Y9")
    services.send_batch(world.clerk_b, services.create_batch(world.clerk_b, world.b), date(2025, 3, 1))
    with django_assert_num_queries(1):
        counts = queries.submission_counts((world.a.pk,), years=[2024, 2025, 2023])
    assert [(c.year, c.batches, c.licences, c.penalties) for c in counts] == [
        (2025, 2, 1, 1),
        (2024, 1, 1, 0),
    ]
    with django_assert_num_queries(2):  # the years first, from the batches
        assert queries.submission_counts((world.a.pk, world.b.pk)) == [
            queries.YearCounts(2025, 3, 2, 1, 0),
            queries.YearCounts(2024, 1, 1, 0, 0),
        ]
    with django_assert_num_queries(1):
        queries.timeliness((world.a.pk,), 2025)


def test_facts_of_the_year(world, today):
    make_record(world.a, doc_no="F1", published_on=date(2025, 10, 1), due_on=date(2025, 10, 13))
    make_record(
        world.a, kind=Kind.PENALTY, doc_no="F2", published_on=date(2025, 10, 20), due_on=date(2025, 10, 13)
    )
    services.send_batch(world.clerk_a, services.create_batch(world.clerk_a, world.a), date(2025, 10, 21))
    got = {f.key: f for f in facts.collect((world.a.pk,), 2025) if f.key.startswith("credit.")}
    assert got["credit.batches"].value == 1 and got["credit.records"].value == 2
    assert got["credit.licences"].value == 1 and got["credit.penalties"].value == 1
    assert got["credit.timeliness"].text == "50%" and "1 ÷ 2" in got["credit.timeliness"].definition
    assert got["credit.batches"].records == f"/staff/credit/{world.a.code}/batches/?year=2025"
    assert all(f.part == "active" for f in got.values())
    # an agency with no 双公示 records here gets no sentence about them at all
    assert not [f for f in facts.collect((world.b.pk,), 2025) if f.key.startswith("credit.")]
    # one with records but none this year: the rate cannot be computed, the counts are 0
    make_record(world.b, doc_no="B1", published_on=date(2024, 5, 6), due_on=date(2024, 5, 10))
    other = {f.key: f for f in facts.collect((world.b.pk,), 2025) if f.key.startswith("credit.")}
    assert other["credit.timeliness"].value is None and other["credit.batches"].value == 0


# ---------------------------------------------------------------- 公示期 and withdrawal


def test_public_list_drops_expired_and_withdrawn_records(world, today):
    shown = make_record(world.a, doc_no="S1", publicity_end=today)
    make_record(world.a, doc_no="S2", publicity_end=today - timedelta(days=1))  # 公示期 over
    make_record(world.a, doc_no="S3", published_on=None, state=PublicityState.PENDING)
    withdrawn = make_record(world.a, doc_no="S4")
    services.transition(
        world.clerk_a, withdrawn, "withdraw", reason="决定已被依法撤销（行政处罚法第四十八条）"
    )
    assert list(queries.in_public(world.a, today).values_list("doc_no", flat=True)) == [shown.doc_no]
    event = Event.objects.get(action="credit.record.withdraw")
    assert "依法撤销" in event.note


def test_repair_only_for_penalties_after_the_shortest_period(world, today):
    rec = make_record(world.a, kind=Kind.PENALTY, doc_no="R1", repair_from=today + timedelta(days=1))
    with pytest.raises(CreditError, match="尚未届满最短公示期"):
        services.transition(world.clerk_a, rec, "repair", reason="已整改")
    CreditRecord.objects.filter(pk=rec.pk).update(repair_from=today)
    with pytest.raises(CreditError, match="撤下理由"):
        services.transition(world.clerk_a, rec, "repair", reason="")
    services.transition(world.clerk_a, rec, "repair", reason="已履行处罚并整改，信用修复")
    rec.refresh_from_db()
    assert (rec.state, rec.ended_on) == (PublicityState.REPAIRED, today)
    licence = make_record(world.a, doc_no="R2")
    with pytest.raises(CreditError, match="只有行政处罚"):
        services.transition(world.clerk_a, licence, "repair", reason="x")


def test_publish_sets_the_date_and_a_late_warning(world, today):
    rec = make_record(
        world.a, doc_no="P9", published_on=None, state=PublicityState.PENDING, decided_on=date(2025, 11, 3)
    )
    rec = services.transition(world.clerk_a, rec, "publish")
    assert rec.published_on == today and rec.late
    assert any("7个工作日" in w["message"] for w in rec.warnings)


def test_read_only_users_cannot_write(world, today):
    with pytest.raises(CreditError):
        services.create_batch(world.supervisor, world.a)
