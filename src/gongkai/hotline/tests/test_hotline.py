"""The knowledge base: workflow with its log, staleness, Chinese search, export, views and isolation."""

import io
import json
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from gongkai.events.models import Event
from gongkai.hotline import export, queries, search, services
from gongkai.hotline.models import Entry, Review, Status
from gongkai.hotline.testing import make_entry

pytestmark = pytest.mark.django_db


def test_workflow_from_draft_to_published_and_review_is_logged(world):
    entry = make_entry(world.a)
    assert entry.status == Status.DRAFT and entry.code.startswith("ZSK-")
    with pytest.raises(services.HotlineError, match="不能审核发布"):
        services.fire(world.reviewer_a, entry, "publish")
    entry = services.fire(world.clerk_a, entry, "submit")
    entry = services.fire(world.reviewer_a, entry, "publish", date(2024, 3, 1))
    assert entry.status == Status.PUBLISHED and entry.version == 1 and entry.published_on == date(2024, 3, 1)
    entry = services.fire(world.clerk_a, entry, "revise")
    services.update(world.clerk_a, entry, answer="新的答复口径：可在“医保服务平台”小程序办理。")
    entry = services.fire(world.clerk_a, Entry.objects.get(pk=entry.pk), "submit")
    entry = services.fire(world.reviewer_a, entry, "publish", date(2024, 6, 1))
    assert entry.version == 2
    entry = services.fire(world.reviewer_a, entry, "confirm", date(2024, 7, 1))
    review = Review.objects.get(entry=entry)
    assert review.on_time and entry.review_due == date(2025, 7, 1)
    actions = list(Event.objects.for_subject(entry).order_by("id").values_list("action", flat=True))
    assert actions == [
        "hotline.entry.create",
        "hotline.entry.submit",
        "hotline.entry.publish",
        "hotline.entry.revise",
        "hotline.entry.update",
        "hotline.entry.submit",
        "hotline.entry.publish",
        "hotline.entry.confirm",
    ]


def test_only_a_draft_is_edited(world):
    entry = make_entry(world.a, publish=True)
    with pytest.raises(services.HotlineError, match="只有草稿"):
        services.update(world.clerk_a, entry, title="改")


def test_staleness_report_and_sweep(world):
    fresh = make_entry(world.a, "公积金提取", publish=True, review_due=date(2030, 1, 1))
    past_review = make_entry(world.a, "户口迁移", publish=True, effective_from=date(2024, 1, 1))
    expired = make_entry(
        world.a, "旧政策", publish=True, effective_to=date(2024, 6, 30), review_due=date(2030, 1, 1)
    )
    on = date(2025, 3, 1)  # past_review's date is 2025-01-01 (a year after publication)
    rows = {r.entry.pk: r.reasons for r in queries.staleness([world.a.pk], on)}
    assert fresh.pk not in rows
    assert rows[past_review.pk] == ("已过复核日期（2025-01-01）",)
    assert rows[expired.pk][0].startswith("已过失效日期（2024-06-30）")
    done = services.sweep(None, [world.a.pk], on)
    assert (done.due, done.expired) == (1, 1)
    assert Entry.objects.get(pk=past_review.pk).status == Status.DUE_REVIEW
    assert Entry.objects.get(pk=expired.pk).status == Status.EXPIRED
    assert not queries.public(on).filter(pk=expired.pk).exists()


def test_chinese_search_finds_an_entry_by_a_word_of_its_question_or_answer(world):
    insurance = make_entry(world.a, publish=True)
    fund = make_entry(
        world.b,
        "住房公积金提取",
        publish=True,
        questions=["租房可以提取公积金吗？"],
        answer="无房职工租房自住的，可按月提取住房公积金支付房租。",
        summary="",
    )
    qs = queries.public(date(2025, 1, 1))
    assert search.search(qs, "出生") == [insurance.pk]  # in a question
    assert search.search(qs, "户口簿") == [insurance.pk]  # in the answer
    assert search.search(qs, "租房提取") == [fund.pk]
    assert search.search(qs, "社保卡挂失") == []


@pytest.mark.parametrize(
    "query", ['"', "医保 OR *", "NEAR(医保)", '医保"); DROP TABLE x;--', "^*:-", "😀", ""]
)
def test_fts_special_characters_never_break_the_search(world, query):
    make_entry(world.a, publish=True)
    assert isinstance(search.search(queries.public(date(2025, 1, 1)), query), list)


def test_public_search_page_and_long_query_message(world, client):
    entry = make_entry(world.a, publish=True)
    draft = make_entry(world.a, "未发布的医保草稿")
    page = client.get(reverse("kb:search"), {"q": "医保"}).content.decode()
    assert entry.title in page and draft.title not in page
    page = client.get(reverse("kb:search"), {"q": "医保" * 40}).content.decode()
    assert "检索词太长，请不超过60个字。" in page
    detail = client.get(reverse("kb:entry", args=[entry.code])).content.decode()
    assert "示政发〔2023〕5号" in detail and "户口簿" in detail
    assert client.get(reverse("kb:entry", args=[draft.code])).status_code == 404


def test_export_json_and_xlsx_carry_the_entry_structure(world):
    entry = make_entry(world.a, publish=True, related_items=["11330100MB0000000X4000112001"])
    rows = Entry.objects.filter(pk=entry.pk).select_related("agency")
    data = json.loads(export.to_json(rows))
    assert data["format"] == "gongkai-hotline-kb" and data["version"] == 1
    item = data["entries"][0]
    assert item["code"] == entry.code and item["category"] == ["民生热点", "医疗保障"]
    assert item["questions"] == ["新生儿怎么上医保？", "刚出生的孩子医保在哪里办？"]
    assert item["basis"][0]["doc_no"] == "示政发〔2023〕5号" and item["agency_code"] == world.a.code
    assert [k for k, _ in export.COLUMNS] == list(item)
    sheet = load_workbook(io.BytesIO(export.to_xlsx(rows))).active
    header = [c.value for c in sheet[1]]
    assert header[:5] == ["编码", "标题", "分类", "常见问法", "答复口径"]
    row = dict(zip(header, [c.value for c in sheet[2]], strict=True))
    assert (
        row["分类"] == "民生热点/医疗保障" and row["常见问法"].splitlines()[1] == "刚出生的孩子医保在哪里办？"
    )
    assert row["依据"] == "示例县城乡居民基本医疗保险实施办法 示政发〔2023〕5号 第八条"


def test_staff_create_edit_publish_through_pages(world, client):
    client.force_login(world.clerk_a)
    url = reverse("hotline:entry_create", args=[world.a.code])
    bad = client.post(
        url,
        {
            "title": "x",
            "category": "杂项",
            "questions_text": "问",
            "answer": "答",
            "effective_from": "2024-01-01",
        },
    )
    assert "分类的第一级须为" in bad.content.decode()
    response = client.post(
        url,
        {
            "title": "义务教育入学报名时间",
            "category": "政务服务/教育",
            "questions_text": "小学什么时候报名？\n一年级怎么报名",
            "answer": "每年7月上旬网上报名。",
            "basis_text": "示例县义务教育招生工作方案｜示教〔2024〕8号",
            "effective_from": "2024-01-01",
            "effective_to": "",
            "review_due": "",
        },
    )
    entry = Entry.objects.get(title="义务教育入学报名时间")
    assert response.status_code == 302 and entry.questions == ["小学什么时候报名？", "一年级怎么报名"]
    assert entry.basis[0]["doc_no"] == "示教〔2024〕8号" and entry.review_due == date(2025, 1, 1)
    client.post(reverse("hotline:entry_action", args=[world.a.code, entry.pk]), {"action": "submit"})
    # the clerk cannot publish
    assert (
        client.post(
            reverse("hotline:entry_action", args=[world.a.code, entry.pk]), {"action": "publish"}
        ).status_code
        == 403
    )
    client.force_login(world.reviewer_a)
    client.post(reverse("hotline:entry_action", args=[world.a.code, entry.pk]), {"action": "publish"})
    assert Entry.objects.get(pk=entry.pk).status == Status.PUBLISHED


def test_staff_lookup_searches_every_agency_and_lists_stay_own(world, client):
    mine = make_entry(world.a, "医保A", publish=True)
    theirs = make_entry(world.b, "医保B", publish=True)
    client.force_login(world.clerk_a)
    lookup = client.get(reverse("hotline:lookup", args=[world.a.code]), {"q": "医保"}).content.decode()
    assert mine.title in lookup and theirs.title in lookup
    own = client.get(reverse("hotline:entries", args=[world.a.code])).content.decode()
    assert mine.title in own and theirs.title not in own
    assert client.get(reverse("hotline:entry", args=[world.b.code, theirs.pk])).status_code == 404
    assert client.get(reverse("hotline:entry", args=[world.a.code, theirs.pk])).status_code == 404


def test_facts(world):
    entry = make_entry(world.a, publish=True, effective_from=date(2024, 2, 1))
    services.fire(None, entry, "confirm", date(2024, 12, 1))
    facts = {f.key: f for f in queries.facts((world.a.pk,), 2024)}
    assert facts["hotline.reviews"].value == 1 and facts["hotline.reviewed_on_time"].text == "100%"
    assert facts["hotline.entries"].part == "platform" and facts["hotline.entries"].records == reverse(
        "hotline:index"
    )


def test_index_lists_only_own_agencies(world, client):
    client.force_login(world.clerk_a)
    assert client.get(reverse("hotline:index"))["Location"] == reverse("hotline:entries", args=[world.a.code])
    client.force_login(world.supervisor)
    page = client.get(reverse("hotline:index")).content.decode()
    assert world.a.name in page and world.other_dept.name not in page
