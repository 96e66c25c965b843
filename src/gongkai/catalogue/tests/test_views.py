"""Staff catalogue pages through the test client: forms, errors in Chinese, uploads, review."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.catalogue.models import Attachment, Entry, Status
from gongkai.catalogue.testing import make_entry, unmarked
from gongkai.events.models import Event

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _url(name, agency, **kw):
    return reverse(f"catalogue:{name}", kwargs={"agency_code": agency.code, **kw})


FORM = {
    "title": "示例县教育局2024年部门预算",
    "summary": "部门预算公开",
    "created_date": "2024-03-01",
    "category": "A07",
    "disclosure": "proactive",
    "doc_type": "ordinary",
    "validity": "valid",
}


def test_create_with_errors_in_chinese(world, client):
    client.force_login(world.clerk_a)
    r = client.post(
        _url("entry_create", world.a), {"title": "", "created_date": "不是日期", "category": "C01"}
    )
    assert r.status_code == 200
    body = r.content.decode()
    assert "这个字段是必填项" in body  # Django's zh-hans message
    assert "输入一个有效的日期" in body
    assert "选择一个有效的选项" in body
    assert not Entry.objects.exists()
    r = client.post(_url("entry_create", world.a), {**FORM, "validity": "repealed"})
    assert "失效或废止的文件须填写失效或废止日期" in r.content.decode()
    assert not Entry.objects.exists()


def test_create_upload_submit_publish(world, client):
    client.force_login(world.clerk_a)
    r = client.post(_url("entry_create", world.a), FORM)
    entry = Entry.objects.get()
    assert r.status_code == 302 and r["Location"] == _url("entry_detail", world.a, pk=entry.pk)
    assert entry.index_no == "t-a-A07-2024-00001" and entry.created_by == world.clerk_a

    r = client.post(
        _url("attachment_add", world.a, pk=entry.pk),
        {"file": SimpleUploadedFile("x.pdf", b"MZ\x90\x00" * 10)},
    )
    assert "不支持的文件类型" in client.get(r["Location"]).content.decode()
    client.post(_url("attachment_add", world.a, pk=entry.pk), {"file": SimpleUploadedFile("预算.pdf", PDF)})
    att = Attachment.objects.get()
    r = client.get(_url("attachment_download", world.a, pk=entry.pk, att=att.pk))
    assert r["Content-Type"] == "application/pdf" and b"".join(r.streaming_content) == PDF

    client.post(_url("entry_transition", world.a, pk=entry.pk, action="submit"))
    assert Entry.objects.get().status == Status.SUBMITTED
    # A 专员 cannot publish: 403, nothing changes.
    assert client.post(_url("entry_transition", world.a, pk=entry.pk, action="publish")).status_code == 403

    client.force_login(world.reviewer_a)
    queue = client.get(_url("review_queue", world.a)).content.decode()
    assert FORM["title"] in queue
    r = client.post(_url("entry_transition", world.a, pk=entry.pk, action="publish"), {"next": "queue"})
    assert r["Location"] == _url("review_queue", world.a)
    assert Entry.objects.get().status == Status.PUBLISHED

    history = client.get(_url("entry_history", world.a, pk=entry.pk)).content.decode()
    for action in ("新建目录条目", "上传附件", "提交审核", "审核通过并发布"):  # in words, not codes
        assert action in history
    assert "catalogue.entry." not in history


def test_return_needs_reason(world, client):
    e = make_entry(world.a, status=Status.SUBMITTED)
    client.force_login(world.reviewer_a)
    client.post(_url("entry_transition", world.a, pk=e.pk, action="return"), {"reason": ""})
    assert Entry.objects.get(pk=e.pk).status == Status.SUBMITTED
    client.post(_url("entry_transition", world.a, pk=e.pk, action="return"), {"reason": "请补充内容概述"})
    e.refresh_from_db()
    assert e.status == Status.RETURNED and e.return_reason == "请补充内容概述"


def test_unknown_action_is_404(world, client):
    e = make_entry(world.a, status=Status.SUBMITTED)
    client.force_login(world.reviewer_a)
    assert client.post(_url("entry_transition", world.a, pk=e.pk, action="explode")).status_code == 404


def test_entry_of_other_agency_under_own_code_is_404(world, client):
    """Own agency in the URL, another agency's entry id: still 404."""
    other = make_entry(world.b)
    client.force_login(world.clerk_a)
    assert client.get(_url("entry_detail", world.a, pk=other.pk)).status_code == 404


def test_list_filters_and_search(world, client):
    make_entry(world.a, "示例县2024年教育经费预算", category="A07", created_date=date(2024, 1, 5))
    make_entry(
        world.a, "行政复议决定书", category="A06", created_date=date(2023, 1, 5), status=Status.PUBLISHED
    )
    client.force_login(world.clerk_a)
    body = unmarked(client.get(_url("entry_list", world.a), {"q": "预算"}))
    assert "教育经费预算" in body and "行政复议决定书" not in body
    body = client.get(_url("entry_list", world.a), {"status": "published"}).content.decode()
    assert "行政复议决定书" in body and "教育经费预算" not in body
    body = client.get(_url("entry_list", world.a), {"year": "2023"}).content.decode()
    assert "行政复议决定书" in body and "教育经费预算" not in body


def test_late_flag_shown_in_list(world, client):
    make_entry(
        world.a,
        "迟到的公开",
        status=Status.PUBLISHED,
        created_date=date(2024, 3, 4),
        publish_date=date(2024, 4, 2),
    )
    client.force_login(world.clerk_a)
    assert "超过20个工作日发布" in client.get(_url("entry_list", world.a)).content.decode()


def test_index_lists_only_own_agencies(world, client):
    client.force_login(world.stranger)
    r = client.get(reverse("catalogue:index"))
    assert r.status_code == 302 and world.b.code in r["Location"]
    client.force_login(world.supervisor)
    body = client.get(reverse("catalogue:index")).content.decode()
    assert world.a.name in body and world.other_dept.name not in body


def test_supervisor_reads_but_cannot_write(world, client):
    e = make_entry(world.a)
    client.force_login(world.supervisor)
    assert client.get(_url("entry_detail", world.a, pk=e.pk)).status_code == 200
    assert client.post(_url("entry_edit", world.a, pk=e.pk), FORM).status_code == 403
    assert client.post(_url("entry_delete", world.a, pk=e.pk)).status_code == 403


def test_settings_pattern_and_own_category(world, client):
    client.force_login(world.admin_a)
    r = client.post(_url("settings", world.a), {"s-index_pattern": "{year}-{serial}"})
    assert "索引号格式必须包含" in r.content.decode()
    client.post(_url("settings", world.a), {"s-index_pattern": "{agency_code}-{year}-{serial:04d}"})
    client.post(_url("settings", world.a), {"add_category": "1", "c-code": "Z01", "c-label": "校园安全"})
    r = client.post(_url("settings", world.a), {"add_category": "1", "c-code": "A01", "c-label": "重复"})
    assert "该分类代码已被使用" in r.content.decode()
    assert Event.objects.filter(action="catalogue.category.add").count() == 1
    client.force_login(world.clerk_a)
    client.post(_url("entry_create", world.a), {**FORM, "category": "Z01"})
    assert Entry.objects.get().index_no == "t-a-2024-0001"


@pytest.mark.parametrize("lang, text", [("en", "Catalogue"), ("zh-hans", "目录条目")])
def test_language(world, client, lang, text, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    client.force_login(world.clerk_a)
    r = client.get(_url("entry_list", world.a))
    assert r.status_code == 200
