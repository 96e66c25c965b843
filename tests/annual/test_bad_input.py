"""Bad input to every reader: random bytes, damaged and truncated files, zip bombs, a sheet of a
million rows, a 200 MB file, HTML nested 100,000 deep. Each is refused with a Chinese message (a
``ReportError``), in bounded time and memory; the CLI exits 2 and prints no traceback."""

from __future__ import annotations

import io
import re
import tracemalloc
import zipfile
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.annual import ReportError, UnreadableReport
from gongkai.annual.readers import MAX_BYTES, read_bytes, read_path
from gongkai.annual.readers._limits import _FLAT, _NESTING_TAG, MAX_COLUMNS, MAX_DEPTH, MAX_ROWS
from gongkai.annual.writers import render
from gongkai.cli import main

from .hostile import deep_html, long_sheet, many_entries, pdf_bomb, zip_bomb
from .test_writers import sample_report

SUFFIXES = ["", ".txt", ".md", ".html", ".json", ".docx", ".xlsx", ".pdf"]
CJK = "\u4e00-\u9fff"
MAGIC = [
    b"",
    b"%PDF-1.7\n",
    b"PK\x03\x04",
    b"PK\x03\x04word/",
    b"PK\x03\x04xl/",
    b"{",
    b"<html>",
    "一、".encode(),
]


@cache
def published(fmt: str) -> bytes:
    return render(sample_report(), fmt)


def _read(data: bytes, suffix: str):
    """What the readers may do with any bytes: give a report or raise a ReportError."""
    try:
        return read_bytes(data, f"fuzz{suffix}", suffix)
    except ReportError as exc:
        assert str(exc).strip(), "a refusal says why"
        return None


# ---------------------------------------------------------------- fuzzing


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(MAGIC), st.binary(max_size=3000), st.sampled_from(SUFFIXES))
def test_random_bytes_give_a_report_or_a_report_error(magic, data, suffix):
    _read(magic + data, suffix)  # (a magic number first sends the bytes to that kind's reader)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(["docx", "xlsx", "html", "md", "json"]),
    st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), max_size=8),
    st.floats(0.05, 1),
)
def test_damaged_published_files_give_a_report_or_a_report_error(fmt, flips, keep):
    data = bytearray(published(fmt))
    for where, value in flips:
        data[int(where * len(data))] = value
    _read(bytes(data[: max(1, int(keep * len(data)))]), f".{fmt}")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), max_size=6),
    st.floats(0.05, 1),
)
def test_damaged_pdfs_give_a_report_or_a_report_error(flips, keep):
    data = bytearray(published("pdf"))
    for where, value in flips:
        data[int(where * len(data))] = value
    _read(bytes(data[: max(1, int(keep * len(data)))]), ".pdf")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["docx", "xlsx"]), st.data())
def test_damaged_parts_inside_an_archive_give_a_report_or_a_report_error(fmt, data):
    """The archive intact, one of its XML parts damaged: python-docx and openpyxl see bad XML,
    odd attributes, missing elements."""
    with zipfile.ZipFile(io.BytesIO(published(fmt))) as src:
        names = [i.filename for i in src.infolist()]
        name = data.draw(st.sampled_from(names))
        body = bytearray(src.read(name))
        for _ in range(data.draw(st.integers(1, 6))):
            i = data.draw(st.integers(0, max(len(body) - 1, 0)))
            if body:
                body[i] = data.draw(st.sampled_from(b'<>"/=x0-9 \x00'))
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
            for item in src.infolist():
                dst.writestr(item.filename, bytes(body) if item.filename == name else src.read(item))
    _read(buf.getvalue(), f".{fmt}")


def test_a_docx_with_a_malformed_attribute_is_unreadable_not_a_crash():
    # the tables are walked after python-docx opened the file: their damage is caught too
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(published("docx"))) as src, zipfile.ZipFile(buf, "w") as dst:
        for item in src.infolist():
            body = src.read(item)
            if item.filename == "word/document.xml":
                body = body.replace(b'w:gridSpan w:val="', b'w:gridSpan w:val="x', 1)
            dst.writestr(item, body)
    with pytest.raises(UnreadableReport, match="Word 文件"):
        read_bytes(buf.getvalue(), "odd.docx", ".docx")


# ---------------------------------------------------------------- the hostile files


def test_a_zip_bomb_is_refused_before_it_is_inflated():
    for kind in ("docx", "xlsx"):
        tracemalloc.start()
        with pytest.raises(UnreadableReport, match="解压后过大|压缩比异常"):
            read_bytes(zip_bomb(kind), f"bomb.{kind}", f".{kind}")
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert peak < 40 * 1024 * 1024  # the archive itself and a chunk, never the 100 MB inside


def test_a_small_part_with_an_absurd_compression_ratio_is_refused():
    with pytest.raises(UnreadableReport, match="压缩比异常"):
        read_bytes(zip_bomb("docx", 8 * 1024 * 1024), "bomb.docx", ".docx")


def test_an_archive_of_thousands_of_entries_is_refused():
    with pytest.raises(UnreadableReport, match="个部件，超过上限"):
        read_bytes(many_entries("docx"), "many.docx", ".docx")


@pytest.mark.parametrize("dimension", [True, False], ids=["declared", "undeclared"])
def test_a_sheet_of_a_million_rows_is_refused_while_streaming(dimension):
    data = long_sheet(dimension=dimension)
    tracemalloc.start()
    with pytest.raises(UnreadableReport, match=f"超过 {MAX_ROWS} 行或 {MAX_COLUMNS} 列"):
        read_bytes(data, "long.xlsx", ".xlsx")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 3 * len(data) + 20 * 1024 * 1024  # streamed: nothing like a million cells


def test_a_sheet_with_a_far_cell_or_a_huge_merge_is_refused():
    with pytest.raises(UnreadableReport, match="超过"):
        read_bytes(long_sheet(rows=3, columns=16384, dimension=False), "wide.xlsx", ".xlsx")
    # a merged range: the reader would walk every cell it covers
    with pytest.raises(UnreadableReport, match="超过"):
        read_bytes(long_sheet(rows=3, dimension=False, merge="A1:Z1000000"), "merge.xlsx", ".xlsx")


def test_a_sheet_within_the_limits_still_reads():
    # the limits are far above a report: the published workbook reads as before
    report = read_bytes(published("xlsx"), "report.xlsx", ".xlsx")
    assert report.applications.get("new_received", "natural_person") == 4321


def test_html_nested_100000_deep_is_refused_before_parsing():
    with pytest.raises(UnreadableReport, match=f"嵌套超过 {MAX_DEPTH} 层"):
        read_bytes(deep_html(), "deep.html", ".html")


def test_html_nesting_a_parser_flattens_is_not_counted():
    # unclosed <p>, <li>, <td> nest nothing (the parser closes them); the page still reads
    page = published("html").replace(b"</body>", b"<p>x" * 5000 + b"<li>y" * 5000 + b"</body>")
    assert read_bytes(page, "p.html", ".html").applications.get("new_received", "natural_person") == 4321


def test_html_nesting_is_refused_just_past_the_limit_and_many_siblings_are_not():
    # the quick bound (elements opened anywhere) is passed by both pages; the walk decides
    def page(body: bytes) -> bytes:
        return published("html").replace(b"</body>", body + b"</body>")

    with pytest.raises(UnreadableReport, match=f"嵌套超过 {MAX_DEPTH} 层"):
        read_bytes(page(b"<div>" * (MAX_DEPTH + 1) + b"</div>" * (MAX_DEPTH + 1)), "d.html", ".html")
    siblings = page(b"<div>x</div>" * (2 * MAX_DEPTH) + b"<!--" + b"<div>" * MAX_DEPTH + b"-->")
    assert read_bytes(siblings, "s.html", ".html").applications.get("new_received", "natural_person") == 4321


_TAG_NAMES = st.sampled_from(sorted(_FLAT) + [b"div", b"span", b"tdx", b"t", b"tab", b"p1", b"section", b"b"])
_TAG_PIECES = st.one_of(
    st.builds(
        lambda n, a, close: b"<" + n + a + (b"/>" if close else b">"),
        _TAG_NAMES,
        st.sampled_from([b"", b" x=1"]),
        st.booleans(),
    ),
    st.builds(lambda n: b"</" + n + b">", _TAG_NAMES),
    st.sampled_from([b"<", b">", b"x", b"<!--"]),
)


@given(st.lists(_TAG_PIECES, max_size=40))
def test_html_nesting_bound_counts_opening_tags_of_elements_that_nest(pieces):
    # the quick bound's pattern, its names grouped by first letter, counts what a plain reading of
    # each tag's name counts
    text = b"".join(pieces)
    names = re.findall(rb"<([a-z][a-z0-9]*)[^<>]*(?<!/)>", text)
    assert len(_NESTING_TAG.findall(text)) == sum(name not in _FLAT for name in names)


def test_deeply_nested_json_is_refused():
    with pytest.raises(ReportError):
        read_bytes(b"[" * 100_000 + b"]" * 100_000, "deep.json", ".json")


def test_a_200_mb_file_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:  # sparse: costs no disk
        f.truncate(200 * 1024 * 1024)
    tracemalloc.start()
    with pytest.raises(UnreadableReport, match="文件过大（200 MB），超过 50 MB 上限"):
        read_path(path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 1024 * 1024  # stat'ed, not read
    # bytes already in memory (an upload) are refused on their length, before any decoding
    with pytest.raises(UnreadableReport, match="文件过大"):
        read_bytes(b"a" * (MAX_BYTES + 1), "huge.txt", ".txt")


def test_a_pdf_whose_content_inflates_to_400_mb_is_refused_before_pdfminer_inflates_it():
    data = pdf_bomb()
    tracemalloc.start()
    with pytest.raises(UnreadableReport, match="解压后超过 300 MB"):
        read_bytes(data, "bomb.pdf", ".pdf")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 20 * 1024 * 1024


def test_a_published_pdf_passes_the_stream_check():
    assert (
        read_bytes(published("pdf"), "report.pdf", ".pdf").applications.get("new_received", "natural_person")
        == 4321
    )


@pytest.mark.parametrize("cut", [0.1, 0.5, 0.9, 0.99])
def test_a_truncated_real_pdf_gives_a_report_or_a_refusal(corpus, cut):
    data = (corpus / "pdf" / "009_huaian_2024.pdf").read_bytes()
    _read(data[: int(len(data) * cut)], ".pdf")  # a report (pdfminer skips what it lost) or a refusal


# ---------------------------------------------------------------- the CLI


def _bad_files(tmp_path):
    files = {
        "random.pdf": bytes(range(256)) * 40,
        "random.docx": b"PK\x03\x04" + bytes(range(256)) * 40,
        "cut.docx": published("docx")[: len(published("docx")) // 2],
        "cut.xlsx": published("xlsx")[: len(published("xlsx")) // 3],
        "cut.pdf": published("pdf")[: len(published("pdf")) // 2],
        "bomb.docx": zip_bomb("docx"),
        "bomb.xlsx": zip_bomb("xlsx"),
        "bomb.pdf": pdf_bomb(),
        "long.xlsx": long_sheet(),
        "deep.html": deep_html(),
        "deep.json": b"[" * 100_000 + b"]" * 100_000,
        "binary.txt": bytes(range(256)) * 100,
    }
    paths = []
    for name, data in files.items():
        path = tmp_path / name
        path.write_bytes(data)
        paths.append(path)
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as f:
        f.truncate(200 * 1024 * 1024)
    return [*paths, huge]


@pytest.mark.slow
def test_every_bad_file_exits_2_with_a_chinese_message_and_no_traceback(tmp_path, capsys):
    import re

    for path in _bad_files(tmp_path):
        assert main(["check", str(path), "--no-progress"]) == 2, path.name
        out = capsys.readouterr()
        line = out.out.splitlines()[0]
        assert line.startswith(f"✗ {path}  无法读取："), line  # not 内部错误
        assert re.search(f"[{CJK}]", line.split("无法读取：", 1)[1]), line
        assert "Traceback" not in out.out + out.err
        assert main(["parse", str(path)]) == 2, path.name
        out = capsys.readouterr()
        assert out.out == "" and out.err.startswith(f"gongkai: {path}：") and "内部错误" not in out.err
        assert "Traceback" not in out.err
