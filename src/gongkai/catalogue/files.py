"""Attachment type detection by content (magic bytes), never by the file name."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass


@dataclass(frozen=True)
class FileKind:
    key: str
    extension: str
    content_type: str
    label: str


PDF = FileKind("pdf", ".pdf", "application/pdf", "PDF")
DOCX = FileKind(
    "docx", ".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word"
)
DOC = FileKind("doc", ".doc", "application/msword", "Word")
XLSX = FileKind("xlsx", ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel")
XLS = FileKind("xls", ".xls", "application/vnd.ms-excel", "Excel")
PNG = FileKind("png", ".png", "image/png", "PNG")
JPEG = FileKind("jpeg", ".jpg", "image/jpeg", "JPEG")
KINDS = {k.key: k for k in (PDF, DOCX, DOC, XLSX, XLS, PNG, JPEG)}

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


def sniff(head: bytes, read_all=None) -> FileKind | None:
    """The kind of a file from its first bytes; `read_all()` gives the whole content for containers.

    Returns None for anything not on the allowed list (executables, archives, HTML, ...).
    """
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(_ZIP) and read_all is not None:
        try:
            names = set(zipfile.ZipFile(io.BytesIO(read_all())).namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        if "[Content_Types].xml" not in names:
            return None
        if "word/document.xml" in names:
            return DOCX
        if "xl/workbook.xml" in names:
            return XLSX
        return None
    if head.startswith(_OLE2) and read_all is not None:
        # Both .doc and .xls are OLE2 compound files; the stream names in the directory tell them apart.
        data = read_all()
        if _utf16("WordDocument") in data:
            return DOC
        if _utf16("Workbook") in data or _utf16("Book") in data:
            return XLS
        return None
    return None


def sniff_upload(upload) -> FileKind | None:
    """Sniff a Django UploadedFile (or any file object with read/seek)."""
    upload.seek(0)
    head = upload.read(16)

    def read_all() -> bytes:
        upload.seek(0)
        return upload.read()

    try:
        return sniff(head, read_all)
    finally:
        upload.seek(0)
