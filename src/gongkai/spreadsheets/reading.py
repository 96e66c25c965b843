"""An uploaded .xlsx or .csv as rows of cell values (the first sheet; a CSV in UTF-8, UTF-8 with
BOM or GB18030, as Excel on a Chinese office PC saves it)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from pathlib import PurePath

from django.utils.translation import gettext as _

EXTENSIONS = (".csv", ".xlsx")
ENCODINGS = ("utf-8-sig", "gb18030")  # utf-8-sig reads plain UTF-8 too


class FileRefused(Exception):
    """The whole file is refused (unreadable, wrong type, too large, wrong columns, no rows)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def too_large_message(max_bytes: int) -> str:
    return _("文件超过 %(n)s MB。") % {"n": max_bytes // (1024 * 1024)}


def read_rows(name: str, content: bytes, max_bytes: int, too_large: str | None = None) -> list[list]:
    """Every row of the file's first sheet as a list of cell values; ``too_large`` replaces the
    plain message for a file over ``max_bytes``."""
    return list(iter_rows(name, content, max_bytes, too_large))


def iter_rows(
    name: str,
    content: bytes,
    max_bytes: int,
    too_large: str | None = None,
    xlsx: Callable[[bytes], Iterable] | None = None,
) -> Iterator:
    """The rows one at a time, for a file too large to hold twice. What can be told without
    reading the rows (size, type, encoding) is refused at once; ``xlsx`` reads a workbook's rows
    instead of openpyxl."""
    if len(content) > max_bytes:
        raise FileRefused(too_large or too_large_message(max_bytes))
    suffix = PurePath(name).suffix.lower()
    if suffix == ".csv":
        return csv.reader(io.StringIO(_decode(content)))
    if suffix == ".xlsx":
        return iter((xlsx or _openpyxl_rows)(content))
    if suffix == ".xls":
        raise FileRefused(_("不支持旧版 .xls 文件，请另存为 .xlsx 或 .csv 后上传。"))
    raise FileRefused(_("只能导入 .csv 或 .xlsx 文件。"))


def _openpyxl_rows(content: bytes) -> list[list]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged or disguised file
        raise FileRefused(unreadable_workbook_message()) from None
    try:
        return [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
    finally:
        book.close()


def unreadable_workbook_message() -> str:
    return _("无法读取该 Excel 文件，请确认它是 .xlsx 格式且未损坏。")


def _decode(content: bytes) -> str:
    for encoding in ENCODINGS:
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise FileRefused(_("无法识别 CSV 文件的编码，请以 UTF-8 或 GB18030 保存。"))
