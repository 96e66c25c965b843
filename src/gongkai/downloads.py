"""Every download under a name people can read: 示例县教育局2025年政府信息公开工作年度报告.docx.

The header carries the name twice (RFC 6266 with RFC 5987 encoding): ``filename*=UTF-8''…`` with
the Chinese name, which every current browser uses, and a plain ASCII ``filename="…"`` for old
clients. Characters that Windows refuses in a file name are taken out first, since most of our
users save to a Windows desktop.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

from django.http import FileResponse, HttpResponse

_ILLEGAL = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')  # refused by Windows (and / by everyone)
_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{i}" for i in range(1, 10)),
    *(f"LPT{i}" for i in range(1, 10)),
}
_MAX_CHARS = 120  # well inside Windows' 255 UTF-16 units for a name, leaving room for the folder


def _split(name: str) -> tuple[str, str]:
    stem, dot, ext = name.rpartition(".")
    return (stem, f".{ext}") if dot and re.fullmatch(r"[A-Za-z0-9]{1,8}", ext) else (name, "")


def safe_filename(name: str, default: str = "download") -> str:
    """``name`` as Windows accepts it: no \\ / : * ? " < > | or control characters, no trailing dot
    or space, no reserved device name (CON, NUL …), not overly long; ``default`` if nothing is left."""
    stem, ext = _split(_ILLEGAL.sub("", unicodedata.normalize("NFC", name)))
    stem = re.sub(r"\s+", " ", stem).strip(" .")[: _MAX_CHARS - len(ext)].rstrip(" .")
    if not stem:
        stem = default
    elif stem.upper() in _RESERVED:
        stem += "_"
    return stem + ext


def ascii_filename(name: str, default: str = "download") -> str:
    """A plain-ASCII stand-in for ``name`` (letters, digits, - _ . only)."""
    stem, ext = _split(safe_filename(name, default))
    plain = "".join(c for c in unicodedata.normalize("NFKD", stem) if not unicodedata.combining(c))
    plain = re.sub(r"[^A-Za-z0-9._-]+", "-", plain).strip("-.")
    return (plain or default) + ext


def content_disposition(filename: str, ascii_name: str | None = None, *, inline: bool = False) -> str:
    """The Content-Disposition value: the name for browsers that read RFC 5987 (all current ones)
    and ``ascii_name`` (made from ``filename`` when not given) for those that do not."""
    name = safe_filename(filename)
    fallback = ascii_filename(ascii_name or name)
    disposition = "inline" if inline else "attachment"
    return f"{disposition}; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def download(
    data: bytes | str, filename: str, content_type: str, ascii_name: str | None = None
) -> HttpResponse:
    """A response that saves ``data`` as ``filename``."""
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition(filename, ascii_name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def file_download(
    fh, filename: str, content_type: str | None = None, ascii_name: str | None = None
) -> FileResponse:
    """A streamed response that saves the open file ``fh`` as ``filename``."""
    # the name also lets Django guess the content type when none is given
    response = FileResponse(fh, as_attachment=True, filename=filename, content_type=content_type)
    response["Content-Disposition"] = content_disposition(filename, ascii_name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def csv_safe(value):
    """A CSV cell that a spreadsheet will not run: text starting like a formula (``=cmd|' /c calc'!A1``,
    ``+``, ``-``, ``@``, tab, CR) gets a leading ``'``, which Excel and WPS show as text (OWASP).
    Numbers, negative ones too, stay as they are."""
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value
