"""The catalogue in English (language cookie "en"): the staff pages, the public search and the
messages; Chinese stays the default. The statutory categories (条例第二十条、第二十一条) are the
law's own words and stay in Chinese. The English catalogue (django.po) is complete and compiled."""

from datetime import date

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from gongkai.catalogue import workflow
from gongkai.catalogue.errors import CatalogueError
from gongkai.catalogue.models import DocType, Status, Validity
from gongkai.catalogue.testing import make_entry, unmarked
from gongkai.testing import assert_not_shown, assert_shown

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _url(name, world, **kw):
    return reverse(f"catalogue:{name}", kwargs={"agency_code": world.a.code, **kw})


@pytest.fixture
def en(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def entries_of_a(world):
    repealed = make_entry(
        world.a,
        "示例县规范性文件",
        status=Status.PUBLISHED,
        doc_type=DocType.NORMATIVE,
        validity=Validity.REPEALED,
        invalid_date=date(2024, 6, 1),
    )
    returned = make_entry(world.a, "退回的草稿", status=Status.RETURNED, return_reason="请补充文号")
    return repealed, returned


def test_entry_list_in_english(world, en, entries_of_a):
    en.force_login(world.clerk_a)
    body = en.get(_url("entry_list", world)).content.decode()
    assert '<html lang="en">' in body
    assert_shown(
        body,
        "示例县教育局 · Catalogue entries",
        "New entry",
        "Awaiting review",
        "Catalogue settings",
        "Search and filter",
        "Keywords",
        "Index number",
        "Date of creation",
        "Date of publication",
        "Published",
        "Returned",
        "Administrative normative document",
        "Repealed",
        "2 items",
        "示例县规范性文件",  # the data stays as entered
    )
    assert_not_shown(
        body, "目录条目", "新建条目", "检索和筛选", "索引号", "已发布", "已退回", "行政规范性文件", "共 2 条"
    )
    assert_not_shown(body, ">废止<", ">有效<", ">草稿<")


def test_entry_form_and_its_errors_in_english(world, en):
    en.force_login(world.clerk_a)
    body = en.get(_url("entry_create", world)).content.decode()
    assert_shown(
        body,
        "New entry",
        "Subject category",
        "Summary",
        "Article 12 of the Regulations requires the catalogue to include a summary.",
        "Mode of disclosure",
        ">Proactive disclosure<",
        ">Disclosure on request<",
        ">Not disclosed<",
        ">Rules<",
        ">Administrative normative document<",
        ">Valid<",
        ">Expired<",
        "Date of expiry or repeal",
        "The entry is saved as a draft",
        "Save",
        "Cancel",
    )
    assert_not_shown(
        body, "新建条目", ">主动公开<", ">不予公开<", ">规章<", ">有效<", "有效性", "保存后为草稿", ">保存<"
    )
    data = {
        "title": "示例县教育局2024年部门预算",
        "created_date": "2024-03-01",
        "category": "A07",
        "disclosure": "proactive",
        "doc_type": "ordinary",
        "validity": "repealed",
    }
    body = en.post(_url("entry_create", world), data).content.decode()
    assert_shown(body, "An expired or repealed document needs its date of expiry or repeal.")
    assert_not_shown(body, "失效或废止的文件须填写失效或废止日期")
    response = en.post(_url("entry_create", world), {**data, "validity": "valid"}, follow=True)
    assert_shown(response.content.decode(), "Draft saved with index number t-a-A07-2024-00001.")


def test_entry_detail_actions_and_history_in_english(world, en, entries_of_a):
    repealed, returned = entries_of_a
    en.force_login(world.clerk_a)
    body = en.get(_url("entry_detail", world, pk=returned.pk)).content.decode()
    assert_shown(
        body,
        "Status: ",
        "Returned",
        "Reason for return: 请补充文号",
        "Event log",
        "Mode of disclosure",
        "Proactive disclosure",
        "Valid",
        "No attachments.",
        "Upload attachment",
        "PDF, Word, Excel, PNG or JPEG.",
        "Edit",
        "Submit for review",
        "Delete draft",
    )
    assert_not_shown(
        body, "状态：", "退回理由", "操作记录", "主动公开", "无附件", "上传附件", "提交审核", "删除草稿"
    )

    en.post(_url("attachment_add", world, pk=returned.pk), {"file": SimpleUploadedFile("a.pdf", PDF)})
    response = en.post(_url("entry_transition", world, pk=returned.pk, action="submit"), follow=True)
    body = response.content.decode()
    assert_shown(body, "Done: Submit for review.", "Awaiting review", "(PDF, 45\xa0bytes)")
    assert_not_shown(body, "已提交审核", "（PDF")

    en.force_login(world.reviewer_a)
    body = en.get(_url("entry_detail", world, pk=repealed.pk)).content.decode()
    assert_shown(
        body, "View the public page", "Repealed (2024-06-01)", "Withdraw", "Change validity", "Save validity"
    )
    assert_not_shown(body, "查看公开页面", "废止", "撤回", "变更有效性")
    body = en.get(_url("entry_history", world, pk=repealed.pk)).content.decode()
    assert_shown(body, "Event log", "Time", "Before", "After", "Note")
    assert_not_shown(body, "操作记录", "变更前")


def test_review_queue_and_settings_in_english(world, en, entries_of_a):
    make_entry(world.a, "待审核的条目", status=Status.SUBMITTED)
    en.force_login(world.reviewer_a)
    body = en.get(_url("review_queue", world)).content.decode()
    assert_shown(
        body,
        "示例县教育局 · Awaiting review",
        "Approve and publish",
        "Reason for return",
        "Return for changes",
    )
    assert_not_shown(body, "审核通过并发布", "退回修改")
    response = en.post(_url("entry_transition", world, pk=entries_of_a[0].pk, action="withdraw"), follow=True)
    assert_shown(response.content.decode(), "Please give a reason.")

    en.force_login(world.admin_a)
    body = en.get(_url("settings", world)).content.decode()
    assert_shown(
        body,
        "示例县教育局 · Catalogue settings",
        "Index number format",
        "{serial:05d} (serial number)",
        "This agency's own subject categories",  # {% translate %} does not escape
        "Add a category",
    )
    assert_not_shown(body, "索引号格式", "流水号", "本机关自定义主题分类", "添加分类")
    body = en.post(_url("settings", world), {"s-index_pattern": "{year}-{serial}"}).content.decode()
    assert_shown(body, "The index number format must contain the agency code")
    assert_not_shown(body, "索引号格式必须包含")


def test_public_search_and_entry_in_english(world, en, entries_of_a):
    repealed = entries_of_a[0]
    body = en.get(reverse("portal:catalogue")).content.decode()
    assert_shown(
        body, "Search and filter", "示例县规范性文件", ">Repealed<", ">Administrative normative document<"
    )
    assert_shown(body, ">Rules<", ">Valid<", ">Expired<")
    assert_not_shown(body, "检索和筛选", ">废止<", ">行政规范性文件<", ">规章<", ">有效<", ">失效<")
    body = unmarked(en.get(reverse("portal:catalogue"), {"q": "规范性文件"}))
    assert_shown(body, "示例县规范性文件", "Repealed")
    body = en.get(reverse("portal:entry", args=[repealed.pk])).content.decode()
    assert_shown(
        body, "Mode of disclosure", "Proactive disclosure", "Administrative normative document", "Repealed"
    )
    assert_not_shown(body, ">主动公开<", ">行政规范性文件<")


def test_chinese_stays_the_default(world, client, entries_of_a):
    client.force_login(world.clerk_a)
    body = client.get(_url("entry_list", world)).content.decode()
    assert '<html lang="zh-Hans">' in body
    assert_shown(
        body, "目录条目", "新建条目", "索引号", "已发布", "已退回", "行政规范性文件", "废止", "共 2 条"
    )
    assert_not_shown(
        body, "Catalogue entries", "New entry", "Published", "Repealed", "Administrative normative"
    )
    body = client.get(_url("entry_detail", world, pk=entries_of_a[0].pk)).content.decode()
    assert_shown(body, "公开方式", "主动公开", "废止（2024-06-01）")
    client.logout()
    body = client.get(reverse("portal:catalogue")).content.decode()
    assert_shown(body, "检索和筛选", ">废止<", ">行政规范性文件<")
    assert_not_shown(body, "Repealed", "Search and filter")


def test_refusals_follow_the_language(world, entries_of_a):
    repealed, returned = entries_of_a
    with translation.override("en"), pytest.raises(CatalogueError) as refused:
        workflow.transition(world.reviewer_a, returned, "publish")
    assert refused.value.message == "The entry is “Returned”: “Approve and publish” is not possible."
    with pytest.raises(CatalogueError) as refused:
        workflow.transition(world.reviewer_a, returned, "publish")
    assert refused.value.message == "当前状态为“已退回”，不能执行“审核通过并发布”。"
    with translation.override("en"), pytest.raises(CatalogueError) as refused:
        workflow.set_validity(world.clerk_a, repealed, Validity.EXPIRED)
    assert refused.value.message == "An expired or repealed document needs its date of expiry or repeal."
