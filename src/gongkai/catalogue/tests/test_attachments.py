"""Attachments: type by content, size limit, nothing half-saved."""

import io
import os
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.catalogue import attachments, services, workflow
from gongkai.catalogue.errors import CatalogueError
from gongkai.catalogue.files import sniff
from gongkai.catalogue.models import Attachment
from gongkai.events.models import Event

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 64
HTML = b"<!DOCTYPE html><script>alert(1)</script>"


def _docx() -> bytes:
    import docx

    buf = io.BytesIO()
    d = docx.Document()
    d.add_paragraph("示例县政府信息公开")
    d.save(buf)
    return buf.getvalue()


def _xlsx() -> bytes:
    import openpyxl

    buf = io.BytesIO()
    wb = openpyxl.Workbook()
    wb.active["A1"] = "预算"
    wb.save(buf)
    return buf.getvalue()


def _ole2(stream_name: str) -> bytes:
    # Just enough of a compound file: the header signature and a directory entry name.
    return (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + stream_name.encode("utf-16-le") + b"\x00" * 64
    )


def _zip(names) -> bytes:
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for n in names:
            z.writestr(n, "x")
    return buf.getvalue()


@pytest.mark.parametrize(
    "content, kind",
    [
        (PDF, "pdf"),
        (PNG, "png"),
        (JPEG, "jpeg"),
        (_ole2("WordDocument"), "doc"),
        (_ole2("Workbook"), "xls"),
        (EXE, None),
        (HTML, None),
        (b"", None),
        (_zip(["a.txt"]), None),  # a plain zip archive is not a Word/Excel file
        (b"PK\x03\x04 broken", None),
        (_ole2("Other"), None),
    ],
)
def test_sniff(content, kind):
    got = sniff(content[:16], lambda: content)
    assert (got.key if got else None) == kind


def test_sniff_office_xml():
    assert sniff(_docx()[:16], _docx).key == "docx"
    assert sniff(_xlsx()[:16], _xlsx).key == "xlsx"


@pytest.fixture
def draft(world):
    return services.create_entry(
        world.clerk_a, world.a, title="附件测试", category="A01", created_date=date(2024, 5, 6)
    )


def _files(settings):
    root = settings.MEDIA_ROOT
    return [os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs] if os.path.isdir(root) else []


@pytest.mark.parametrize(
    "name, content, kind, stored_name",
    [
        ("通知.pdf", PDF, "pdf", "通知.pdf"),
        ("附表.xlsx", None, "xlsx", "附表.xlsx"),
        ("正文.docx", None, "docx", "正文.docx"),
        ("照片.PNG", PNG, "png", "照片.png"),
        # Named .pdf but really a PNG: accepted as what it is, and served as .png.
        ("扫描件.pdf", PNG, "png", "扫描件.png"),
    ],
)
def test_accepted(world, draft, settings, name, content, kind, stored_name):
    content = content if content is not None else (_xlsx() if kind == "xlsx" else _docx())
    att = attachments.add_attachment(world.clerk_a, draft, SimpleUploadedFile(name, content))
    assert (att.kind, att.name, att.size) == (kind, stored_name, len(content))
    with att.file.open("rb") as fh:
        assert fh.read() == content
    ev = Event.objects.for_subject(draft).filter(action="catalogue.attachment.add").get()
    assert ev.after["name"] == stored_name and ev.after["size"] == len(content)


def _assert_nothing_saved(draft, settings, events_before):
    assert not Attachment.objects.filter(entry=draft).exists()
    assert _files(settings) == []
    assert Event.objects.count() == events_before


def test_exe_renamed_pdf_refused(world, draft, settings):
    before = Event.objects.count()
    with pytest.raises(CatalogueError) as err:
        attachments.add_attachment(world.clerk_a, draft, SimpleUploadedFile("通知.pdf", EXE))
    assert "不支持的文件类型" in err.value.message and err.value.field == "file"
    _assert_nothing_saved(draft, settings, before)


def test_oversize_refused(world, draft, settings):
    settings.GONGKAI_ATTACHMENT_MAX_BYTES = 1024
    before = Event.objects.count()
    with pytest.raises(CatalogueError) as err:
        attachments.add_attachment(world.clerk_a, draft, SimpleUploadedFile("大.pdf", PDF + b"0" * 2000))
    assert "文件过大" in err.value.message
    _assert_nothing_saved(draft, settings, before)


def test_empty_refused(world, draft, settings):
    with pytest.raises(CatalogueError):
        attachments.add_attachment(world.clerk_a, draft, SimpleUploadedFile("空.pdf", b""))
    assert _files(settings) == []


def test_failure_after_writing_removes_the_file(world, draft, settings, monkeypatch):
    """The database part fails after the file was written: the file goes, no row stays."""
    before = Event.objects.count()

    def boom(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(attachments, "record", boom)
    with pytest.raises(RuntimeError):
        attachments.add_attachment(world.clerk_a, draft, SimpleUploadedFile("通知.pdf", PDF))
    _assert_nothing_saved(draft, settings, before)


def test_only_editable_entries_and_clerks(world, draft, settings):
    with pytest.raises(CatalogueError):
        attachments.add_attachment(world.stranger, draft, SimpleUploadedFile("a.pdf", PDF))
    workflow.submit(world.clerk_a, draft)
    with pytest.raises(CatalogueError):
        attachments.add_attachment(world.clerk_a, draft, SimpleUploadedFile("a.pdf", PDF))
    assert _files(settings) == []


def test_delete_attachment(world, draft, settings, django_capture_on_commit_callbacks):
    att = attachments.add_attachment(world.clerk_a, draft, SimpleUploadedFile("a.pdf", PDF))
    assert len(_files(settings)) == 1
    with django_capture_on_commit_callbacks(execute=True):
        attachments.delete_attachment(world.clerk_a, att)
    assert not Attachment.objects.exists() and _files(settings) == []
    ev = Event.objects.for_subject(draft).filter(action="catalogue.attachment.delete").get()
    assert ev.before["name"] == "a.pdf" and ev.after is None
