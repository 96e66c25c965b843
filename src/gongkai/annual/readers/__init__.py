"""Readers: published report files -> ``Report`` (with ``notes`` on what was recovered or doubted).

``read_path`` picks the reader from the file's content first and its extension second, so a
mislabelled file still reads; anything unreadable raises ``UnreadableReport`` with a one-line message.
Hostile input costs bounded time and memory: a file's size is checked before it is read (``read_path``
stats it first), archives, sheets and HTML nesting before a library opens them (``_limits``).
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

from ..errors import UnreadableReport
from ..model import Report

MAX_BYTES = 50 * 1024 * 1024  # larger than any real report; protects memory on hostile input

# kind -> "module:function"; each function takes (data: bytes, source: str | None) -> Report
READERS = {
    "json": "gongkai.annual.readers.jsonfile:read_json",
    "text": "gongkai.annual.readers.text:read_text_bytes",
    "html": "gongkai.annual.readers.html:read_html",
    "docx": "gongkai.annual.readers.docx:read_docx",
    "xlsx": "gongkai.annual.readers.xlsx:read_xlsx",
    "pdf": "gongkai.annual.readers.pdf:read_pdf",
}

EXTENSIONS = {
    ".json": "json",
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
    ".xlsx": "xlsx",
    ".pdf": "pdf",
}


def sniff(data: bytes, suffix: str = "") -> str:
    """The reader kind for these bytes: magic numbers first, then the extension."""
    head = data[:2048].lstrip()
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        if b"word/" in data[:65536] or suffix == ".docx":
            return "docx"
        if b"xl/" in data[:65536] or suffix == ".xlsx":
            return "xlsx"
        raise UnreadableReport("压缩包（ZIP）不是 Word 或 Excel 文件，无法读取")
    if suffix in EXTENSIONS and EXTENSIONS[suffix] in ("docx", "xlsx", "pdf"):
        raise UnreadableReport(f"文件内容不是有效的 {suffix} 文件（可能已损坏或被截断）")
    lowered = head[:512].lower()
    if lowered.startswith(b"{"):
        return "json"
    if (
        b"<html" in lowered
        or b"<!doctype html" in lowered
        or b"<table" in lowered
        or suffix in (".html", ".htm")
    ):
        return "html"
    return "text"


def read_bytes(data: bytes, source: str | None = None, suffix: str = "") -> Report:
    if not data or data.isspace():  # (as "not data.strip()", without copying the file)
        raise UnreadableReport("文件为空")
    if len(data) > MAX_BYTES:
        raise UnreadableReport(
            f"文件过大（{len(data) // (1024 * 1024)} MB），超过 {MAX_BYTES // (1024 * 1024)} MB 上限"
        )
    kind = sniff(data, suffix.lower())
    module, function = READERS[kind].split(":")
    reader = getattr(import_module(module), function)
    try:
        return reader(data, source)
    except RecursionError:  # a structure nested past what the guards (_limits) foresaw
        raise UnreadableReport("文件结构嵌套过深，无法读取") from None
    except MemoryError:
        raise UnreadableReport("文件内容过于庞大或复杂，超出可用内存，无法读取") from None


def read_path(path: str | Path) -> Report:
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise UnreadableReport(
                f"文件过大（{size // (1024 * 1024)} MB），超过 {MAX_BYTES // (1024 * 1024)} MB 上限"
            )
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableReport(f"无法打开文件：{exc.strerror or exc}") from None
    return read_bytes(data, source=path.name, suffix=path.suffix)
