"""Search: Chinese words of one and two characters, odd input, filters, only public entries.
Runs on SQLite (FTS5) by default and on PostgreSQL (tsvector + pg_trgm) under `make test-pg`."""

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.catalogue.models import DisclosureMode, Entry, Status, Validity
from gongkai.catalogue.search import Filters, apply_filters, public_entries, search
from gongkai.catalogue.search.segment import index_words, query_words
from gongkai.catalogue.testing import make_entry

P = Status.PUBLISHED


@pytest.fixture
def corpus(world):
    a, b = world.a, world.b
    return {
        "budget": make_entry(
            b, "示例县2024年财政预算公开", status=P, category="A07", created_date=date(2024, 2, 1)
        ),
        "review": make_entry(
            a,
            "行政复议决定书",
            status=P,
            category="A06",
            created_date=date(2023, 6, 1),
            summary="关于某某不服政府信息公开答复的行政复议案件",
        ),
        "plan": make_entry(
            a,
            "关于印发《示例县义务教育阶段招生工作实施方案》的通知",
            status=P,
            category="A11",
            doc_type="normative",
            doc_number="示教发〔2024〕12号",
            created_date=date(2024, 3, 5),
            body="各乡镇中心学校：现将招生工作实施方案印发给你们，请认真贯彻执行。预算安排另行通知。",
        ),
        "repealed": make_entry(
            a,
            "示例县校外培训机构管理暂行办法",
            status=P,
            category="A01",
            doc_type="normative",
            created_date=date(2023, 1, 5),
            validity=Validity.REPEALED,
            invalid_date=date(2024, 12, 31),
        ),
        "draft": make_entry(a, "尚未发布的预算草稿", status=Status.DRAFT, category="A07"),
        "submitted": make_entry(a, "待审核的预算说明", status=Status.SUBMITTED, category="A07"),
        "withdrawn": make_entry(a, "已撤回的预算说明", status=Status.WITHDRAWN, category="A07"),
        "secret": make_entry(
            a, "不予公开的预算材料", status=P, category="A07", disclosure=DisclosureMode.NOT_DISCLOSED
        ),
    }


PUBLIC = Filters(public_only=True)


def test_segmentation_uses_the_user_dictionary():
    assert "依申请公开" in index_words("依申请公开的办理流程").split()
    assert "政府信息公开" in index_words("政府信息公开工作").split()
    assert query_words("行政规范性文件") == ["行政规范性文件"]


@pytest.mark.parametrize("word, expected", [("预算", {"budget", "plan"}), ("复议", {"review"})])
def test_two_character_words(corpus, word, expected):
    ids = search(word, PUBLIC)
    assert {k for k, e in corpus.items() if e.pk in ids} == expected


def test_title_ranks_above_body(corpus):
    ids = search("预算", PUBLIC)
    assert ids.index(corpus["budget"].pk) < ids.index(corpus["plan"].pk)


@pytest.mark.parametrize(
    "query, key",
    [
        ("实施方案", "plan"),
        ("招生 实施方案", "plan"),
        ("示教发〔2024〕12号", "plan"),
        ("行政复议", "review"),
        ("政府信息公开", "review"),
        ("培训机构", "repealed"),
        ("财", "budget"),  # one character: words starting with it
    ],
)
def test_words_and_numbers(corpus, query, key):
    assert corpus[key].pk in search(query, PUBLIC)


def test_only_public_entries_are_found(corpus):
    ids = set(search("预算", PUBLIC))
    for key in ("draft", "submitted", "withdrawn", "secret"):
        assert corpus[key].pk not in ids
    # Staff searching their own agency see drafts.
    staff = set(search("预算", Filters(agency_ids=(corpus["draft"].agency_id,))))
    assert corpus["draft"].pk in staff and corpus["submitted"].pk in staff


def test_public_entries_queryset(corpus):
    keys = {k for k, e in corpus.items() if public_entries().filter(pk=e.pk).exists()}
    assert keys == {"budget", "review", "plan", "repealed"}


@pytest.mark.parametrize(
    "filters, expected",
    [
        (Filters(public_only=True, doc_type="normative"), {"plan", "repealed"}),
        (Filters(public_only=True, year=2024), {"budget", "plan"}),
        (Filters(public_only=True, validity=Validity.REPEALED), {"repealed"}),
        (Filters(public_only=True, category="A06"), {"review"}),
        (Filters(public_only=True, doc_type="normative", validity=Validity.VALID), {"plan"}),
    ],
)
def test_filters(corpus, world, filters, expected):
    got = {
        k for k, e in corpus.items() if apply_filters(Entry.objects.all(), filters).filter(pk=e.pk).exists()
    }
    assert got == expected


def test_agency_filter(corpus, world):
    ids = search("预算", Filters(public_only=True, agency_ids=(world.b.pk,)))
    assert ids == [corpus["budget"].pk]


ODD = [
    "",
    "   ",
    '"',
    '""',
    "'",
    '预算"',
    '"预算',
    "AND",
    "OR NOT",
    "预算 AND",
    "NEAR(预算 复议, 3)",
    "预算*",
    "*",
    "^预算",
    "title:预算",
    "search_title:预算",
    "(预算",
    "预算)",
    "-预算",
    "预算 -复议",
    "a & b | !c",
    "预算:*",
    "'预算' & '复议'",
    "%",
    "_",
    "\\",
    "\x00",
    "预算\x00复议",
    "😀",
    "预算😀复议",
    "🇨🇳",
    "\u200b",
    "预算\n复议\t",
    "<script>alert(1)</script>",
    "1=1; DROP TABLE catalogue_entry;--",
    "预" * 10000,
    "政府信息公开 " * 2000,
]


@pytest.mark.parametrize("query", ODD)
def test_odd_input_never_errors(corpus, query):
    ids = search(query, PUBLIC)
    assert isinstance(ids, list)
    assert all(isinstance(i, int) for i in ids)


def test_long_query_is_truncated_and_still_finds(corpus):
    assert corpus["budget"].pk in search("预算" + " " * 10000 + "x" * 5000, PUBLIC)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=80))
def test_any_text_never_errors(corpus, query):
    search(query, PUBLIC)


def test_index_follows_edits(world):
    e = make_entry(world.a, "人才引进公告", status=P, category="A14")
    assert search("人才", PUBLIC) == [e.pk]
    from gongkai.catalogue.search import segmented_fields

    e.title = "公务员录用公示"
    for k, v in segmented_fields(e.title, e.summary, e.body).items():
        setattr(e, k, v)
    e.save()
    assert search("人才", PUBLIC) == []
    assert search("录用", PUBLIC) == [e.pk]
    e.delete()
    assert search("录用", PUBLIC) == []
