"""The 双公示 pages in English (language cookie "en"): no Chinese is left on a page but the data
(names, document numbers, the record's own texts and kept findings), the agency's names, the cited
policy document's number and what the import file itself must say (its column names, shown as the
file's layout)."""

import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from gongkai import law
from gongkai.credit import importing, services
from gongkai.credit.models import CreditRecord
from gongkai.credit.rules import LONG_TERM, Kind
from gongkai.credit.testing import csv_file, licence_values, penalty_values
from gongkai.testing import assert_shown

HAN = re.compile(r"[\u4e00-\u9fff]+")
TAGS = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.S)


@pytest.fixture
def today(monkeypatch):
    day = date(2025, 12, 1)
    monkeypatch.setattr(timezone, "localdate", lambda *a: day)
    return day


@pytest.fixture
def en(world, client):
    client.cookies["django_language"] = "en"
    client.force_login(world.clerk_a)
    return client


def _data(world) -> list[str]:
    """Every text the pages may show as data, longest first (so parts of a name go with it)."""
    # the language switch names Chinese in Chinese; a policy document is cited by its number
    texts = {
        world.a.name,
        world.a.parent.name if world.a.parent else "",
        "简体中文",
        law.CREDIT_PUBLISH.article,
    }
    for rec in CreditRecord.objects.all():
        for field in rec._meta.concrete_fields:
            value = getattr(rec, field.attname)
            if isinstance(value, str):
                texts.add(value)
                texts.update(value.split("、"))
        # findings are kept as written, in the language of whoever imported the record
        texts.update(w["message"] for w in rec.warnings)
        texts.add(rec.subject_name[0] + "某")  # a person's name, masked
    texts.update(c.header for k in Kind.values for c in importing.import_columns(k))  # the file layout
    texts.add(LONG_TERM)  # the word a file (and the form) writes for 长期有效
    return sorted(filter(None, texts), key=len, reverse=True)


def _chinese_left(body: str, data: list[str]) -> list[str]:
    text = TAGS.sub(" ", body)
    for value in data:
        text = text.replace(value, " ")
    return HAN.findall(text)


def _records(world):
    for kind, values in ((Kind.LICENCE, licence_values()), (Kind.PENALTY, penalty_values(公示日期=""))):
        source = importing.preview(world.clerk_a, world.a, kind, "f.csv", csv_file(kind, [values]))
        importing.confirm(world.clerk_a, source)
    return CreditRecord.objects.get(kind=Kind.LICENCE), CreditRecord.objects.get(kind=Kind.PENALTY)


def test_staff_pages_in_english(world, en, today):
    licence, penalty = _records(world)
    batch = services.create_batch(world.clerk_a, world.a, kind=Kind.LICENCE)
    with translation.override("en"):  # the findings are kept in the language of the upload
        source = importing.preview(
            world.clerk_a,
            world.a,
            Kind.LICENCE,
            "g.csv",
            csv_file(Kind.LICENCE, [licence_values(许可决定日期="x")]),
        )
    code = world.a.code
    pages = {
        "records": reverse("credit:records", args=[code]) + "?year=2025",
        "detail": reverse("credit:record_detail", args=[code, penalty.pk]),
        "new": reverse("credit:record_new", args=[code, "penalty"]),
        "edit": reverse("credit:record_edit", args=[code, licence.pk]),
        "upload": reverse("credit:import_upload", args=[code]),
        "preview": reverse("credit:import_preview", args=[code, source.pk]),
        "batches": reverse("credit:batches", args=[code]),
        "batch": reverse("credit:batch_detail", args=[code, batch.pk]),
    }
    data = _data(world)
    bodies = {}
    for name, url in pages.items():
        response = en.get(url)
        assert response.status_code == 200, name
        bodies[name] = body = response.content.decode()
        assert '<html lang="en">' in body
        assert _chinese_left(body, data) == [], name
    assert_shown(
        bodies["records"], "Licence and penalty records", "Timeliness rate 2025", "Publication due by"
    )
    assert_shown(bodies["detail"], "Correct this record", "Withdraw publication", "Publish online")
    assert_shown(bodies["new"], "Date of the penalty decision", "Fine (10,000 yuan)", "Natural person")
    assert_shown(bodies["preview"], "is not a date", "Errors (correct the file and upload it again)")
    response = en.post(pages["new"], {"subject_category": "自然人", "doc_no": "X1"})
    assert "“Name of the party” is required" in response.content.decode()
    assert _chinese_left(response.content.decode(), data) == []


def test_public_pages_in_english(world, client, today):
    licence, _penalty = _records(world)
    client.cookies["django_language"] = "en"
    data = _data(world)
    for url in (
        reverse("credit_public:index"),
        reverse("credit_public:list", args=[world.a.code]),
        reverse("credit_public:detail", args=[world.a.code, licence.pk]),
    ):
        body = client.get(url).content.decode()
        assert _chinese_left(body, data) == [], url
    assert_shown(body, "Licensing decision number", "Valid until")
