"""Section 一 drafted from the registries' facts: ready sentences with their definitions and
records, the text-vs-figure check (TXT-FACT), the drill-down and the facts in the published JSON.
A fake provider stands in for the registry apps (政务服务事项, 双公示 …), which reports never imports."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from gongkai import facts
from gongkai.reports import build, guidance, services
from gongkai.reports.checks import evaluate, evaluate_for_publishing, fingerprint
from gongkai.reports.testing import good_workspace, some_applications

pytestmark = pytest.mark.django_db
YEAR = 2025
RECORDS = "/staff/fake-registry/items/?year={year}"


def fake_provider(agency_ids, year):
    return [
        Fact_("fake.items", "政务服务事项", 1439, "项", "在库的实施清单事项数", RECORDS.format(year=year)),
        Fact_("fake.online", "网上可办率", Decimal("100.00"), "%", "可网上办理的依申请事项/依申请事项"),
        Fact_("fake.instant", "即办件比例", Decimal("81.96"), "%", "即办件/依申请事项"),
        Fact_("fake.timely", "双公示及时率", None, "%", "本年度没有行政许可或行政处罚决定，无法计算"),
    ]


def Fact_(key, label, value, unit, definition, records=""):  # noqa: N802  (reads like the class)
    return facts.Fact(key, label, value, unit, definition, "platform", records)


@pytest.fixture
def registry(monkeypatch):
    """The fake registry, registered for one test and gone after it."""
    monkeypatch.setitem(facts._PROVIDERS, "fake", fake_provider)


@pytest.fixture
def ready(world, registry):
    some_applications(world.a, YEAR)
    good_workspace(world.a, YEAR, world.clerk_a)
    return world


def _url(name, world, *args):
    return reverse(f"reports:{name}", args=[world.a.code, YEAR, *args])


def test_the_registry_figures_become_a_ready_sentence_with_definitions_and_records(ready, client):
    client.force_login(ready.clerk_a)
    body = client.get(_url("workspace", ready)).content.decode()
    report = build.build_report(ready.a, YEAR)
    (sentence,) = [s for s in guidance.fact_sentences(report) if s.part == "overview_platform"]
    assert "政务服务事项1439项" in sentence.text and "网上可办率100%" in sentence.text
    assert "即办件比例81.96%" in sentence.text and "双公示" not in sentence.text  # None is not quoted
    assert f"“{sentence.text}”" in body and f'data-insert="{sentence.text}"' in body
    assert 'title="在库的实施清单事项数"' in body
    assert f'href="{RECORDS.format(year=YEAR)}"' in body
    assert "无法计算：双公示及时率（本年度没有行政许可或行政处罚决定，无法计算）" in body


def test_the_drafted_text_quotes_the_facts_and_passes_the_check(ready):
    ws = services.workspace_for(ready.a, YEAR)
    assert "政务服务事项1439项" in ws.overview_platform
    ev = evaluate(ws)
    assert not [f for f in ev.findings if f.code == "TXT-FACT"]
    assert ev.warnings == []


def test_a_figure_edited_away_from_the_fact_warns_with_both_values_and_links_to_the_records(ready, client):
    ws = services.workspace_for(ready.a, YEAR)
    text = ws.overview_platform.replace("政务服务事项1439项", "政务服务事项1400项")
    ws = services.save_texts(ready.clerk_a, ws, {"overview_platform": text})
    (warning,) = [f for f in evaluate(ws).warnings if f.code == "TXT-FACT"]
    assert "政务服务事项1400项" in warning.message_zh and "1439项" in warning.message_zh
    assert "在库的实施清单事项数" in warning.message_zh
    client.force_login(ready.clerk_a)
    panel = client.get(_url("findings", ready)).content.decode()
    assert 'data-code="TXT-FACT"' in panel
    assert f'href="{RECORDS.format(year=YEAR)}"' in panel
    # a percentage written with a decimal, as it rounds, agrees
    ws = services.save_texts(
        ready.clerk_a, ws, {"overview_platform": "政务服务事项1439项，网上可办率100.0%，即办件比例82%。"}
    )
    assert not [f for f in evaluate(ws).warnings if f.code == "TXT-FACT"]


def test_the_published_version_keeps_the_facts_but_its_hash_does_not_depend_on_them(ready, monkeypatch):
    ws = services.workspace_for(ready.a, YEAR)
    services.submit(ready.clerk_a, ws)
    on = date(YEAR + 1, 1, 20)
    ev = evaluate_for_publishing(ws, on)
    version = services.publish(ready.reviewer_a, ws, {fingerprint(f) for f in ev.warnings}, on=on).version
    published = {f["key"]: f for f in version.data["facts"]}
    assert published["fake.items"]["value"] == 1439 and published["fake.timely"]["value"] is None
    again = {f.key: f for f in version.to_report().facts}
    assert again["fake.items"].records == RECORDS.format(year=YEAR)
    # the registry corrected after publication: the published report has not changed
    monkeypatch.setitem(
        facts._PROVIDERS, "fake", lambda ids, year: [Fact_("fake.items", "政务服务事项", 1440, "项", "")]
    )
    assert build.content_hash(build.build_report(ready.a, YEAR, ws)) == version.content_hash


def test_wording_is_stable_for_an_agency_and_year_and_varies_across_them(world, registry):
    def sentence(name, year):
        report = build.build_report(world.a, year)
        report.agency.name = name
        return next(s.text for s in guidance.fact_sentences(report) if s.part == "overview_platform")

    assert sentence("甲局", YEAR) == sentence("甲局", YEAR)
    variants = {
        sentence(name, year).split("政务服务事项")[0]
        for name in ("甲局", "乙局", "丙局")
        for year in (2023, 2024, 2025)
    }
    assert len(variants) > 1


# ---------------------------------------------------------------- the providers on main


def test_the_catalogue_counts_the_years_published_entries_and_its_records_list_exactly_them(world, client):
    from gongkai.catalogue.facts import provider
    from gongkai.catalogue.models import Status
    from gongkai.catalogue.testing import make_entry

    for i in range(3):
        make_entry(
            world.a,
            f"预算公开{i}",
            status=Status.PUBLISHED,
            category="A07",
            created_date=date(YEAR, 3, 2 + i),
        )
    make_entry(world.a, "规划", status=Status.PUBLISHED, category="A03", created_date=date(YEAR, 5, 6))
    make_entry(world.a, "未发布的说明", category="A07", created_date=date(YEAR, 5, 6))  # not published
    make_entry(
        world.a, "上一年的说明", status=Status.PUBLISHED, category="A07", created_date=date(YEAR - 1, 5, 6)
    )
    make_entry(world.b, "别的机关", status=Status.PUBLISHED, category="A07", created_date=date(YEAR, 5, 6))
    got = {f.key: f for f in provider((world.a.pk,), YEAR)}
    assert got["catalogue.published"].value == 4
    assert got["catalogue.item.A07"].value == 3 and got["catalogue.item.A07"].label == "财政预决算信息"
    assert got["catalogue.item.A03"].value == 1
    assert got["catalogue.on_time"].value == Decimal("100.00")  # published the day they were made
    client.force_login(world.clerk_a)
    listed = client.get(got["catalogue.item.A07"].records).content.decode()
    assert listed.count("预算公开") == 3 and "未发布的说明" not in listed and "上一年的说明" not in listed
    # the figures flow in through the registered provider, in the app's ready()
    assert "catalogue" in facts.providers()
    assert {f.key for f in build.build_report(world.a, YEAR).facts} >= set(got)


def test_a_year_without_entries_has_no_on_time_rate_and_says_why(world):
    from gongkai.catalogue.facts import provider

    got = {f.key: f for f in provider((world.a.pk,), YEAR)}
    assert got["catalogue.published"].value == 0
    assert got["catalogue.on_time"].value is None and "无法计算" in got["catalogue.on_time"].definition
    # a region's figure (several agencies) has no single list to link
    assert provider((world.a.pk, world.b.pk), YEAR)[0].records == ""


def test_the_applications_count_online_requests_and_extended_answers(world):
    from gongkai.applications.facts import provider
    from gongkai.applications.models import Application, Channel
    from gongkai.applications.testing import make_application

    some_applications(world.a, YEAR)  # in person
    online = [make_application(world.a, date(YEAR, 10, 9)), make_application(world.a, date(YEAR - 1, 10, 9))]
    Application.objects.filter(pk__in=[a.pk for a in online]).update(channel=Channel.ONLINE)  # 1 last year's
    got = {f.key: f for f in provider((world.a.pk,), YEAR)}
    assert got["applications.online"].value == 1
    assert got["applications.extended"].value == 0
    assert "applications" in facts.providers()
