"""The staff catalogue list searches the same way as the portal: drafts by 索引号, 文号 first, hits
marked, sort by date, and an over-long query answered with a message that keeps the filters."""

import re
from datetime import date

from django.urls import reverse

from gongkai.catalogue.models import Status
from gongkai.catalogue.search import MAX_QUERY_CHARS
from gongkai.catalogue.testing import make_entry


def get(client, agency, **params):
    r = client.get(reverse("catalogue:entry_list", kwargs={"agency_code": agency.code}), params)
    assert r.status_code == 200
    return r.content.decode()


def test_staff_find_a_draft_by_index_number_and_doc_number(world, client):
    draft = make_entry(world.a, "城乡低保资金分配方案（草稿）", doc_number="示民发〔2025〕7号")
    make_entry(world.a, "示民发〔2025〕70号的解读", status=Status.PUBLISHED, doc_number="示民发〔2025〕70号")
    client.force_login(world.clerk_a)
    body = get(client, world.a, q=f" {draft.index_no} ")
    assert f"<mark>{draft.index_no}</mark>" in body
    body = get(client, world.a, q="示民发(2025)7号")
    assert body.index("资金分配方案") < body.index("的解读")
    assert "<mark>示民发〔2025〕7号</mark>" in body


def test_staff_sort_by_date_and_synonyms(world, client):
    make_entry(world.a, "最低生活保障办法", status=Status.PUBLISHED, created_date=date(2025, 2, 1))
    make_entry(world.a, "低保标准", status=Status.PUBLISHED, created_date=date(2023, 2, 1))
    client.force_login(world.clerk_a)
    body = get(client, world.a, q="低保", sort="date")
    assert "<mark>低保</mark>标准" in body
    text = re.sub(r"</?mark>", "", body)
    assert text.index("最低生活保障办法") < text.index("低保标准")
    assert "已同时检索同义词和简称" in body


def test_staff_over_long_query_keeps_the_filters(world, client):
    make_entry(world.a, "行政复议决定书", status=Status.PUBLISHED, category="A06")
    make_entry(world.a, "部门预算", status=Status.PUBLISHED, category="A07")
    client.force_login(world.clerk_a)
    body = get(client, world.a, q="复" * (MAX_QUERY_CHARS + 1), category="A06")
    assert f"检索词过长，请缩短到{MAX_QUERY_CHARS}字以内。" in body
    assert "行政复议决定书" in body and "部门预算" not in body
