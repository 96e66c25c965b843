"""Hostile files for the bad-input tests and ``bench/badinput.py``: made on the fly, small on disk."""

from __future__ import annotations

import io
import zipfile


def zip_bomb(kind: str, size: int = 100 * 1024 * 1024) -> bytes:
    """A .docx/.xlsx-looking archive whose main part inflates from ~100 KB to ``size`` bytes."""
    part = "word/document.xml" if kind == "docx" else "xl/worksheets/sheet1.xml"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open(part, "w", force_zip64=False) as out:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(size // len(chunk)):
                out.write(chunk)
    return buf.getvalue()


def many_entries(kind: str, n: int = 5000) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml" if kind == "docx" else "xl/workbook.xml", "<x/>")
        for i in range(n):
            z.writestr(f"media/{i}.bin", b"")
    return buf.getvalue()


def long_sheet(rows: int = 1_000_000, dimension: bool = True, columns: int = 1, merge: str = "") -> bytes:
    """A real workbook (openpyxl's) whose sheet is replaced by one of ``rows`` rows (each with one
    cell, in column ``columns``), optionally with a merged range ``merge``."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.active["A1"] = "x"
    small = io.BytesIO()
    wb.save(small)
    last = "A" if columns == 1 else _letters(columns)
    sheet = io.BytesIO()
    sheet.write(b'<?xml version="1.0" encoding="UTF-8"?>')
    sheet.write(b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
    if dimension:
        sheet.write(f'<dimension ref="A1:{last}{rows}"/>'.encode())
    sheet.write(b"<sheetData>")
    sheet.write(
        b"".join(
            b'<row r="%d"><c r="%s%d"><v>1</v></c></row>' % (r, last.encode(), r) for r in range(1, rows + 1)
        )
    )
    sheet.write(b"</sheetData>")
    if merge:
        sheet.write(f'<mergeCells count="1"><mergeCell ref="{merge}"/></mergeCells>'.encode())
    sheet.write(b"</worksheet>")
    out = io.BytesIO()
    with zipfile.ZipFile(small) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            body = sheet.getvalue() if item.filename == "xl/worksheets/sheet1.xml" else src.read(item)
            dst.writestr(item.filename, body)
    return out.getvalue()


def _letters(n: int) -> str:
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def deep_html(levels: int = 100_000) -> bytes:
    return (
        b"<html><body><h1>\xe7\xa4\xba\xe4\xbe\x8b\xe5\x8e\xbf2024\xe5\xb9\xb4\xe6\x94\xbf\xe5\xba\x9c\xe4\xbf\xa1\xe6\x81\xaf\xe5\x85\xac\xe5\xbc\x80\xe5\xb7\xa5\xe4\xbd\x9c\xe5\xb9\xb4\xe5\xba\xa6\xe6\x8a\xa5\xe5\x91\x8a</h1>"
        + b"<div>" * levels
        + "一、总体情况".encode()
        + b"</div>" * levels
        + b"</body></html>"
    )


def pdf_bomb(size: int = 400 * 1024 * 1024) -> bytes:
    """A one-page PDF whose content stream inflates from ~400 KB to ``size`` bytes of spaces."""
    import zlib

    deflater = zlib.compressobj(1)
    chunk = b" " * (1024 * 1024)
    body = b"".join(deflater.compress(chunk) for _ in range(size // len(chunk))) + deflater.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(body) + body + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = []
    for n, obj in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % n + obj + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()
