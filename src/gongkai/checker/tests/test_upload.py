"""What an upload may hold: several files, zips (names in GBK as Windows writes them), within the
limits; a zip bomb is refused before anything is unpacked."""

import io
import zipfile

import pytest

from gongkai.checker.testing import gbk_zip, zip_bomb
from gongkai.checker.upload import Limits, UploadRefused, collect

SMALL = Limits(files=5, total_bytes=10 * 1024 * 1024, zip_entries=10, zip_ratio=100)


def test_gbk_names_in_a_windows_zip_are_read_right():
    data = gbk_zip([("各部门/淮安市财政局2024年报.txt", b"report"), ("说明.jpg", b"\xff\xd8")])
    info = zipfile.ZipFile(io.BytesIO(data)).infolist()[0]
    assert (
        info.flag_bits & 0x800 == 0 and info.filename != "各部门/淮安市财政局2024年报.txt"
    )  # cp437 mojibake
    got = collect([("上报材料.zip", data)], SMALL)
    assert [f.name for f in got.files] == ["上报材料/各部门/淮安市财政局2024年报.txt"]
    assert got.skipped == ["上报材料.zip/说明.jpg"]  # not a report: listed, not checked


def test_utf8_names_and_plain_files_together():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("报告甲.html", b"<html>a</html>")
        archive.writestr("__MACOSX/._报告甲.html", b"junk")
        archive.writestr("folder/", b"")
    got = collect([("a.zip", out.getvalue()), ("报告乙.pdf", b"%PDF")], SMALL)
    assert [f.name for f in got.files] == ["a/报告甲.html", "报告乙.pdf"]


def test_a_zip_bomb_is_refused_in_chinese():
    with pytest.raises(UploadRefused, match="压缩炸弹"):
        collect([("bomb.zip", zip_bomb(32 * 1024 * 1024))], SMALL)


def test_limits_on_files_size_and_entries():
    with pytest.raises(UploadRefused, match="一次最多检查 5 个文件"):
        collect([(f"{i}.txt", b"x") for i in range(6)], SMALL)
    with pytest.raises(UploadRefused, match="文件总大小超过 10 MB"):
        collect([("a.txt", b"x" * 6 * 1024 * 1024), ("b.txt", b"x" * 6 * 1024 * 1024)], SMALL)
    many = io.BytesIO()
    with zipfile.ZipFile(many, "w") as archive:
        for i in range(11):
            archive.writestr(f"{i}.txt", b"x")
    with pytest.raises(UploadRefused, match="超过 10 个上限"):
        collect([("many.zip", many.getvalue())], SMALL)


def test_a_broken_zip_and_an_empty_upload_are_refused():
    with pytest.raises(UploadRefused, match="不是有效的 ZIP"):
        collect([("x.zip", b"PK\x03\x04broken")], SMALL)
    only_pictures = io.BytesIO()
    with zipfile.ZipFile(only_pictures, "w") as archive:
        archive.writestr("a.png", b"x")
    with pytest.raises(UploadRefused, match="没有可检查的报告文件"):
        collect([("p.zip", only_pictures.getvalue())], SMALL)
