"""The shared importing pieces on their own: files in the encodings and formats offices save,
cells written the Chinese ways, headers with title rows and variant names, rows checked into
problems, and the abstract batch (through records' table, the shared fields are its columns)."""

import io
from datetime import date, datetime

import pytest
from openpyxl import Workbook

from gongkai.records.models import ImportBatch
from gongkai.spreadsheets.cells import CellError, parse_date, parse_text, parse_yes_no, text
from gongkai.spreadsheets.columns import (
    Column,
    data_rows,
    find_header,
    header_index,
    norm_header,
    parse_row,
    read_header,
    repeats,
    sort_problems,
)
from gongkai.spreadsheets.models import BatchStatus
from gongkai.spreadsheets.reading import FileRefused, iter_rows, read_rows

MB = 1024 * 1024
ROWS = [["名称", "日期"], ["甲", "2024-05-06"]]


def _csv(encoding: str) -> bytes:
    return "\n".join(",".join(r) for r in ROWS).encode(encoding)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_a_csv_reads_the_same_in_each_encoding_offices_save(encoding):
    assert read_rows("a.csv", _csv(encoding), MB) == ROWS


def test_an_xlsx_reads_its_first_sheet_with_typed_cells():
    book = Workbook()
    book.active.append(["名称", "日期", "数量"])
    book.active.append(["甲", datetime(2024, 5, 6), 12])
    book.create_sheet("其他").append(["不读"])
    out = io.BytesIO()
    book.save(out)
    assert read_rows("清单.XLSX", out.getvalue(), MB) == [
        ["名称", "日期", "数量"],
        ["甲", datetime(2024, 5, 6), 12],
    ]


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("a.csv", b"\xff\xfe\x00\xd8bad", "无法识别 CSV 文件的编码"),
        ("a.xlsx", b"not a zip", "无法读取该 Excel 文件"),
        ("a.xls", b"\xd0\xcf\x11\xe0", "不支持旧版 .xls 文件"),
        ("a.txt", b"x", "只能导入 .csv 或 .xlsx 文件"),
        ("a.csv", b"x" * (MB + 1), "文件超过 1 MB。"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_with_a_chinese_message(name, content, words):
    with pytest.raises(FileRefused) as refused:
        read_rows(name, content, MB)
    assert words in refused.value.message


def test_rows_can_be_read_one_at_a_time_with_another_workbook_reader():
    rows = iter_rows("a.csv", _csv("gb18030"), MB)
    assert next(rows) == ROWS[0] and list(rows) == ROWS[1:]
    assert list(iter_rows("a.xlsx", b"any", MB, xlsx=lambda content: [("读", len(content))])) == [("读", 3)]
    with pytest.raises(FileRefused, match="只能导入"):  # refused at once, before any row is asked for
        iter_rows("a.ods", b"x", MB)


def test_an_importer_words_its_own_size_limit():
    with pytest.raises(FileRefused, match="请分成几个文件"):
        read_rows("a.csv", b"x" * 11, 10, too_large="太大，请分成几个文件")


def test_cells_read_as_chinese_spreadsheets_write_them():
    assert text(12.0) == "12" and text(" 甲 ") == "甲" and text(1.5) == "1.5"
    for written in [
        "2024-05-06",
        "2024-5-6 00:00:00",
        "2024/5/6",
        "2024.05.06",
        "2024年5月6日",
        "2024年5月6",
        "20240506",
    ]:
        assert parse_date(written) == date(2024, 5, 6), written
    assert parse_date(datetime(2024, 5, 6, 9, 30)) == date(2024, 5, 6)
    assert parse_date(date(2024, 5, 6)) == date(2024, 5, 6)
    assert [parse_yes_no(v) for v in ["是", "√", "有", 1, "否", "×", "无", 0.0]] == [True] * 4 + [False] * 4
    assert parse_text(3)(" 甲乙丙 ") == "甲乙丙"


@pytest.mark.parametrize(
    ("parse", "value", "message"),
    [
        (parse_date, "2021-02-30", "“2021-02-30”不是有效的日期"),
        (parse_date, "5.1", "“5.1”不是日期，应写作 2024-05-06"),
        (parse_yes_no, "也许", "“也许”应填“是”或“否”"),
        (parse_text(3), "甲乙丙丁", "超过3个字"),
    ],
)
def test_a_refused_cell_says_why_in_chinese(parse, value, message):
    with pytest.raises(CellError) as refused:
        parse(value)
    assert str(refused.value) == message


NAME = Column("name", "事项名称", parse_text(10), ("实施清单名称",), required=True)
DAY = Column("day", "生效日期", lambda v: parse_date(v).isoformat(), ("计划生效日期",))
ONLINE = Column("online", "是否网办", parse_yes_no)
INDEX = header_index([NAME, DAY, ONLINE])


def test_header_names_are_compared_without_spaces_stars_and_required_marks():
    assert norm_header(" 事项 名称（必填）*") == "事项名称"
    assert norm_header("收费金额(元)") == "收费金额（元）"
    assert norm_header(None) == ""
    assert INDEX["实施清单名称"] is NAME and INDEX["计划生效日期"] is DAY


def test_a_header_maps_variants_and_names_what_it_cannot_use():
    header = read_header(["序号", "实施清单名称 ", "生效日期", "事项名称", "备注", None, ""], INDEX)
    assert header.names == ["序号", "实施清单名称", "生效日期", "事项名称", "备注"]
    assert header.positions == {"name": 1, "day": 2}
    assert header.mapping == [["实施清单名称", "事项名称"], ["生效日期", "生效日期"]]
    assert header.unknown == ["序号", "备注"]
    assert header.repeated == [("实施清单名称", "事项名称", NAME)]
    assert header.missing([NAME, DAY, ONLINE]) == [ONLINE]


def test_the_header_row_is_found_below_title_rows():
    table = [["示例县实施清单"], [], ["事项名称", "生效日期"], ["甲", "2024-05-06"]]
    assert find_header(table, INDEX, 5) == 2
    assert find_header(table, INDEX, 2) is None  # not within the rows searched
    assert find_header([["生效日期"], ["甲"]], INDEX, 5) is None  # no row names the required column


def test_data_rows_keep_the_spreadsheet_numbers_and_skip_blank_rows():
    table = [["标题"], ["事项名称"], ["甲"], [None, " "], ["乙"]]
    assert data_rows(table, 1, 10) == [(3, ["甲"]), (5, ["乙"])]
    with pytest.raises(FileRefused, match="文件中没有数据行"):
        data_rows(table[:2], 1, 10)
    with pytest.raises(FileRefused, match="一次最多导入 1 行"):
        data_rows(table, 1, 1)


def test_a_row_is_parsed_into_values_or_problems_by_row_and_column():
    positions = {"name": 0, "day": 1, "online": 2}
    problems = []
    values, accepted = parse_row(2, ["甲", "2024年5月6日", "是"], [NAME, DAY, ONLINE], positions, problems)
    assert (values, accepted, problems) == ({"name": "甲", "day": "2024-05-06", "online": True}, True, [])

    values, accepted = parse_row(3, ["", "明天"], [NAME, DAY, ONLINE], positions, problems, {"online": None})
    assert not accepted
    assert values == {"name": "", "online": None}  # the blank cells; the refused one is left out
    assert problems == [
        {"row": 3, "column": "事项名称", "message": "不能为空"},
        {"row": 3, "column": "生效日期", "message": "“明天”不是日期，应写作 2024-05-06"},
    ]


def test_every_row_with_a_repeated_key_names_the_others():
    assert repeats([(2, "A"), (3, "B"), (4, "A"), (7, "A")]) == {2: "4、7", 4: "2、7", 7: "2、4"}
    assert repeats([(2, "A"), (3, "B")]) == {}
    assert sort_problems(
        [{"row": 4, "column": "B"}, {"row": 2, "column": "C"}, {"row": 4, "column": "A"}]
    ) == [
        {"row": 2, "column": "C"},
        {"row": 4, "column": "A"},
        {"row": 4, "column": "B"},
    ]


@pytest.mark.django_db
def test_the_batch_keeps_the_upload_and_moves_through_its_states(world):
    batch = ImportBatch.for_upload(world.a, world.clerk_a, "C:\\fakepath/../清单.csv", b"abc", kind="fees")
    assert batch.file_name == "清单.csv" and batch.status == BatchStatus.PREVIEWED and batch.is_open
    assert batch.sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    assert ImportBatch.for_upload(world.a, world.clerk_a, "", b"", kind="fees").file_name == "upload"
    batch.errors = [
        {"row": 4, "column": "年度"},
        {"row": 2, "column": "年度"},
        {"row": 4, "column": "收费项目"},
    ]
    batch.save()
    assert batch.error_rows == [2, 4]

    locked = ImportBatch.lock(batch.pk)
    locked.mark_imported(3)
    batch.refresh_from_db()
    assert (batch.status, batch.imported_rows, batch.is_open) == (BatchStatus.IMPORTED, 3, False)
    assert batch.confirmed_at is not None

    refused = ImportBatch.for_upload(world.a, world.clerk_a, "a.txt", b"", kind="fees")
    refused.refuse("长" * 600)
    assert refused.status == BatchStatus.DISCARDED and len(refused.file_error) == 500
