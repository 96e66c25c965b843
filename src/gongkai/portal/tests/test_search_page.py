"""The public search page: 文号 first, synonyms, marked hits, sort, numbered pages that keep the
query, and odd queries answered on the page (a message, never an error page)."""

import html
import re
from datetime import date

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.catalogue.models import Status
from gongkai.catalogue.search import MAX_QUERY_CHARS
from gongkai.catalogue.testing import make_entry, unmarked

P = Status.PUBLISHED


def get(client, **params):
    r = client.get(reverse("portal:catalogue"), params)
    assert r.status_code == 200
    return r.content.decode()


def titles(body: str) -> list[str]:
    return [
        html.unescape(re.sub(r"<[^>]+>", "", t))
        for t in re.findall(r'class="entry-title"><a [^>]+>(.*?)</a>', body)
    ]


@pytest.fixture
def corpus(world):
    a = world.a
    return {
        "old": make_entry(
            a,
            "2023年城乡低保标准公告",
            status=P,
            created_date=date(2023, 1, 5),
            summary="根据物价变动，调整全县城乡低保标准。",
        ),
        "new": make_entry(
            a,
            "最低生活保障审核确认办法",
            status=P,
            created_date=date(2025, 6, 1),
            doc_number="川府发〔2025〕3号",
            summary="为规范最低生活保障审核确认工作，制定本办法。" + "其他内容。" * 40,
        ),
        "odd": make_entry(
            a, "A&B <script>低保</script> 公示", status=P, created_date=date(2024, 1, 1), summary="&amp; 低保"
        ),
    }


def test_doc_number_typed_with_square_brackets_leads(client, corpus):
    body = get(client, q="川府发[2025] 3号")
    assert titles(body)[0] == "最低生活保障审核确认办法"
    # The 文号 itself is marked as the hit.
    assert "<mark>川府发〔2025〕3号</mark>" in body


def test_index_number_finds_its_entry(client, corpus):
    body = get(client, q=f"  {corpus['old'].index_no} ")
    assert titles(body) == ["2023年城乡低保标准公告"]
    assert f"<mark>{corpus['old'].index_no}</mark>" in body


def test_synonym_finds_both_and_says_so(client, corpus):
    body = get(client, q="最低生活保障")
    assert set(titles(body)) == {
        "2023年城乡低保标准公告",
        "最低生活保障审核确认办法",
        "A&B <script>低保</script> 公示",
    }
    assert "已同时检索同义词和简称" in body


def test_hits_are_marked_after_escaping(client, corpus):
    body = get(client, q="低保")
    assert "<script>低保" not in body  # the title stays text
    assert "A&amp;B &lt;script&gt;<mark>低保</mark>&lt;/script&gt; 公示" in body
    # A summary's "&amp;" is shown as written, not as an entity.
    assert "&amp;amp; <mark>低保</mark>" in body


def test_snippet_is_cut_around_the_first_hit(client, corpus):
    body = get(client, q="规范")
    snippet = re.search(r'<p class="entry-snippet">(.*?)</p>', body, re.S).group(1)
    assert "为<mark>规范</mark>最低生活保障" in snippet and snippet.endswith("…")
    assert len(re.sub(r"<[^>]+>", "", snippet)) < 200


def test_sort_by_date_or_relevance(client, corpus):
    relevance = titles(get(client, q="低保", sort="relevance"))
    assert titles(get(client, q="低保")) == relevance  # the default with a query
    by_date = titles(get(client, q="低保", sort="date"))
    assert by_date == ["最低生活保障审核确认办法", "A&B <script>低保</script> 公示", "2023年城乡低保标准公告"]
    body = get(client, q="低保", sort="date")
    assert 'href="?q=%E4%BD%8E%E4%BF%9D&amp;sort=relevance"' in body
    assert re.search(r'sort=date"\s+aria-current="true"', body)
    # An unknown order is the default, not an error.
    assert titles(get(client, q="低保", sort="bogus")) == relevance


def test_numbered_pages_keep_query_filters_and_sort(client, world):
    for i in range(65):
        make_entry(world.a, f"预算公开第{i:02d}号", status=P, created_date=date(2024, 1, 1), category="A07")
    body = get(client, q="预算", category="A07", sort="date", page=2)
    assert '<span class="current" aria-current="page">2</span>' in body
    for n in (1, 3, 4):
        assert f'href="?q=%E9%A2%84%E7%AE%97&amp;category=A07&amp;sort=date&amp;page={n}"' in body
    assert 'rel="prev"' in body and 'rel="next"' in body and "第 2 页，共 4 页" in body
    assert len(titles(body)) == 20


def test_many_pages_are_elided(client, world, monkeypatch):
    from gongkai.portal import views

    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    for i in range(20):
        make_entry(world.a, f"条目{i:03d}", status=P, created_date=date(2024, 1, 1))
    body = get(client, page=5)
    numbers = re.findall(r'aria-label="第 (\d+) 页"', body)
    assert numbers == ["1", "4", "6", "10"] and body.count('class="gap"') == 2


@pytest.mark.parametrize("length", [MAX_QUERY_CHARS + 1, 5000])
def test_over_long_query_gets_a_message(client, corpus, length):
    body = get(client, q="低" * length)
    assert f"检索词过长，请缩短到{MAX_QUERY_CHARS}字以内。" in body
    # The catalogue is listed as without a query; the filters still work.
    assert "共 3 条" in body


def test_query_of_exactly_the_limit_is_searched(client, corpus):
    body = get(client, q="低保" + " " * (MAX_QUERY_CHARS - 2))
    assert "检索词过长" not in body and "“低保”的检索结果：3 条" in unmarked_text(body)


def unmarked_text(body: str) -> str:
    return re.sub(r"</?mark>", "", body)


@pytest.mark.parametrize("q", ["   ", "！？。，", '"*:-', "NEAR", "-低保", 'title:"低保"', "低保*"])
def test_empty_punctuation_and_operators(client, corpus, q):
    body = get(client, q=q)
    if not q.strip():
        assert "共 3 条" in body and "检索词" not in body
    elif not re.search(r"\w", q):
        assert "检索词中没有可检索的文字" in body and "共 3 条" in body
    else:
        assert "检索结果" in body


def test_english_messages(client, corpus, settings):
    client.cookies["django_language"] = "en"
    r = client.get(reverse("portal:catalogue"), {"q": "低" * 200}, HTTP_ACCEPT_LANGUAGE="en")
    assert f"please shorten it to {MAX_QUERY_CHARS} characters" in unmarked(r)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=st.text(max_size=150), sort=st.sampled_from(["", "date", "relevance", "x"]))
def test_any_query_is_a_page(client, corpus, q, sort):
    from django.core.cache import caches

    caches["ratelimit"].clear()  # 80 searches from one address in a minute: past the search limit
    r = client.get(reverse("portal:catalogue"), {"q": q, "sort": sort})
    assert r.status_code == 200
