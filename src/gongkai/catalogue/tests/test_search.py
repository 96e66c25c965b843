"""Search: Chinese words of one and two characters, odd input, filters, only public entries.
Runs on SQLite (FTS5) by default and on PostgreSQL (tsvector + pg_trgm) under `make test-pg`."""

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.catalogue.models import DisclosureMode, Entry, Status, Validity
from gongkai.catalogue.search import (
    DATE,
    MAX_QUERY_CHARS,
    Filters,
    apply_filters,
    parse_query,
    public_entries,
    search,
)
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


def test_over_long_query_is_flagged_and_searches_nothing(corpus):
    query = parse_query("预算" + "x" * MAX_QUERY_CHARS)
    assert query.too_long and not query and search(query, PUBLIC) == []
    # Surrounding whitespace does not count.
    assert corpus["budget"].pk in search(" " * 10000 + "预算" + " " * 10000, PUBLIC)


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


# --------------------------------------------------------------------------- 索引号 and 文号


@pytest.fixture
def numbered(world):
    a = world.a
    # Many entries share the words of the 文号 (川府发, 2025, 3, 号): the exact one must still lead.
    noise = [
        make_entry(
            a,
            f"川府发〔2025〕3号文件的第{n}次解读：贯彻落实川府发〔2025〕3号和川府发〔2025〕30号",
            status=P,
            created_date=date(2025, 3, n + 1),
            doc_number=f"川府发〔2025〕3{n}号",
        )
        for n in range(1, 6)
    ]
    target = make_entry(
        a,
        "关于进一步做好城乡低保工作的通知",
        status=P,
        created_date=date(2025, 1, 8),
        doc_number="川府发〔2025〕3号",
    )
    square = make_entry(
        a, "关于公共租赁住房分配的通知", status=P, created_date=date(2025, 2, 8), doc_number="川府发[2025]4号"
    )
    return {"noise": noise, "target": target, "square": square}


@pytest.mark.parametrize(
    "typed",
    [
        "川府发〔2025〕3号",
        "川府发[2025]3号",
        "川府发(2025)3号",
        "川府发（2025）3号",
        "川府发【2025】3号",
        "川府发［2025］3号",
        " 川府发 〔2025〕 3 号 ",
        "川府发〔2025〕3",
    ],
)
def test_doc_number_in_any_bracket_ranks_first(numbered, typed):
    ids = search(typed, PUBLIC)
    assert ids[0] == numbered["target"].pk
    # Under the date order the exact 文号 is still found, just not first.
    assert numbered["target"].pk in search(typed, PUBLIC, order=DATE)


def test_doc_number_stored_with_square_brackets_found_with_the_standard_ones(numbered):
    assert search("川府发〔2025〕4号", PUBLIC)[0] == numbered["square"].pk


FULL_WIDTH = str.maketrans("0123456789-", "０１２３４５６７８９－")


@pytest.mark.parametrize("transform", [str, lambda s: f" {s} ", lambda s: s.translate(FULL_WIDTH)])
def test_index_number_found_exactly(numbered, transform):
    entry = numbered["square"]
    ids = search(transform(entry.index_no), PUBLIC)
    assert ids == [entry.pk]


def test_index_number_of_a_hidden_entry_is_not_found(world):
    draft = make_entry(world.a, "草稿", status=Status.DRAFT)
    assert search(draft.index_no, PUBLIC) == []
    assert search(draft.index_no, Filters(agency_ids=(world.a.pk,))) == [draft.pk]


# --------------------------------------------------------------------------- synonyms


@pytest.fixture
def welfare(world):
    a = world.a
    return {
        "short": make_entry(a, "2025年城乡低保标准调整公告", status=P, created_date=date(2025, 1, 2)),
        "long": make_entry(a, "最低生活保障审核确认办法", status=P, created_date=date(2025, 1, 3)),
        "housing": make_entry(a, "公共租赁住房保障实施细则", status=P, created_date=date(2025, 1, 4)),
        "medical": make_entry(
            a, "关于调整城乡居民医保缴费标准的通知", status=P, created_date=date(2025, 1, 5)
        ),
        "insurance": make_entry(a, "基本医疗保险定点机构名单", status=P, created_date=date(2025, 1, 6)),
        "school": make_entry(a, "九年义务教育阶段招生办法", status=P, created_date=date(2025, 1, 7)),
    }


@pytest.mark.parametrize(
    "query, expected",
    [
        ("低保", {"short", "long"}),
        ("最低生活保障", {"short", "long"}),
        ("公租房", {"housing"}),
        ("公共租赁住房", {"housing"}),
        ("医保", {"medical", "insurance"}),
        ("医疗保险", {"medical", "insurance"}),
        ("义务教育", {"school"}),
        ("低保 标准", {"short"}),  # the other words still have to match
    ],
)
def test_seed_synonyms_work_both_ways(welfare, query, expected):
    ids = search(query, PUBLIC)
    assert {k for k, e in welfare.items() if e.pk in ids} == expected


def test_staff_synonyms_apply_to_their_agency_and_the_site(world):
    from gongkai.catalogue.models import Synonym

    a_entry = make_entry(world.a, "河长制工作年度要点", status=P)
    b_entry = make_entry(world.b, "河长制巡河记录", status=P)
    assert search("河湖长制", PUBLIC) == []
    Synonym.objects.create(agency=world.a, terms="河湖长制 河长制")
    only_a = Filters(public_only=True, agency_ids=(world.a.pk,))
    only_b = Filters(public_only=True, agency_ids=(world.b.pk,))
    assert search("河湖长制", only_a) == [a_entry.pk]
    assert search("河湖长制", only_b) == []  # b never added it
    assert set(search("河湖长制", PUBLIC)) == {a_entry.pk, b_entry.pk}  # the public search uses all
    Synonym.objects.create(agency=None, terms="河湖长制 河长制")
    assert search("河湖长制", only_b) == [b_entry.pk]


def test_expansion_is_bounded_and_quoted():
    from gongkai.catalogue.search.query import MAX_WORDS, parse

    groups = [tuple(f"词{i}{j}" for j in range(10)) for i in range(30)]
    query = parse("".join(g[0] for g in groups), groups)
    assert sum(len(alt) for clause in query.clauses for alt in clause) <= MAX_WORDS
    from gongkai.catalogue.search.sqlite import match_expression

    expr = match_expression(parse('低保"OR*', [("低保", "最低生活保障")]))
    assert "*" not in expr.replace('"*', "") and expr.count('"') % 2 == 0
    assert " OR " in expr


# --------------------------------------------------------------------------- order


def test_date_order_is_newest_first(welfare):
    ids = search("医保", PUBLIC, order=DATE)
    assert ids == [welfare["insurance"].pk, welfare["medical"].pk]
