"""Test support: real report files to upload (written by gongkai.annual's writers), a broken one,
an unreadable one, and zips (one with GBK names, as Windows writes them, and a zip bomb)."""

from __future__ import annotations

import functools
import io
import zipfile

from gongkai.annual.example import example_report
from gongkai.annual.writers import render

AGENCY = "示例县自然资源局"


def broken_report(seed: int = 7):
    """One more （七）总计 for 自然人 than the balance allows: T3-BAL, T3-OUT and T3-ROW fail."""
    report = example_report(seed=seed)
    table = report.tables["applications"]
    table.set("r_total", "natural_person", table.get("r_total", "natural_person") + 1)
    return report


def sample_files() -> list[tuple[str, bytes]]:
    """Five readable reports (Word, Excel, HTML, PDF, JSON; the JSON one has errors) and a PDF that
    is not one."""
    return list(_samples())


@functools.cache
def _samples() -> tuple[tuple[str, bytes], ...]:
    good = example_report()
    return (
        ("自然资源局2025年报.docx", render(good, "docx")),
        ("自然资源局2025年报.xlsx", render(good, "xlsx")),
        ("自然资源局2025年报.html", render(good, "html")),
        ("自然资源局2025年报.pdf", render(good, "pdf")),
        ("有错误的报告.json", render(broken_report(), "json")),
        ("损坏的文件.pdf", b"%PDF-1.4\nnot really a pdf\n"),
    )


class _GBKName(zipfile.ZipInfo):
    # zipfile writes a non-ASCII name as UTF-8 and sets the flag; Windows' tool writes GBK, no flag
    def _encodeFilenameFlags(self):  # noqa: N802  (zipfile's own name)
        return self.filename.encode("gbk"), self.flag_bits & ~0x800


def gbk_zip(files: list[tuple[str, bytes]]) -> bytes:
    """A zip as Windows' own tool writes it: names in GBK, no UTF-8 flag."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files:
            info = _GBKName(name, (2026, 3, 2, 9, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return out.getvalue()


def zip_bomb(size: int = 64 * 1024 * 1024) -> bytes:
    """A small zip that unpacks to ``size`` bytes of zeros in one ``.txt``."""
    out = io.BytesIO()
    chunk = b"0" * (1024 * 1024)
    with (
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
        archive.open("报告.txt", "w", force_zip64=True) as fh,
    ):
        for _ in range(size // len(chunk)):
            fh.write(chunk)
    return out.getvalue()
