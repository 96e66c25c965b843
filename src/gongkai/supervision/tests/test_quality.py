"""The quality rules on the workplace, on a real database: a department that copies another's text,
one with a ×10 fall from last year, one far above its peers."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.agencies.testing import make_agency

from ..queries import Filters, workplace
from .fixtures import YEAR, build_quality_region

TODAY = date(YEAR + 1, 6, 1)

pytestmark = pytest.mark.django_db


@pytest.fixture
def quality_region(world):
    return build_quality_region(world)


def _rows(place):
    return {r.agency.code: r for r in place.rows}


def _codes(place, agency):
    return [f.code for f in place.quality.findings[agency.pk]]


def test_the_column_counts_each_agencys_quality_warnings(quality_region):
    q = quality_region
    w = q.region.world
    place = workplace(w.supervisor, w.county, YEAR, today=TODAY)
    rows = _rows(place)
    assert "DUP-TEXT" in _codes(place, q.copier)
    assert "DUP-TEXT" in _codes(place, w.a) and "XY-JUMP" in _codes(place, w.a)
    assert "PEER-RANGE" in _codes(place, w.b)
    for agency in (q.copier, w.a, w.b):
        assert rows[agency.code].quality == len(place.quality.findings[agency.pk]) > 0
    assert rows["t-dep3"].quality == 0  # an empty draft like its peers: nothing to say
    assert rows[q.region.a1.code].quality is None  # no report
    # sortable and filterable like the others
    top = Filters.from_query({"sort": "-quality"}).apply(place.rows)[0]
    assert top.quality == max(r.quality or 0 for r in place.rows)
    only = Filters.from_query({"quality": "1"}).apply(place.rows)
    assert {r.agency.code for r in only} == {r.agency.code for r in place.rows if r.quality}


def test_the_pairs_last_year_and_outliers(quality_region):
    q = quality_region
    w = q.region.world
    found = workplace(w.supervisor, w.county, YEAR, today=TODAY, detail=True).quality
    pair = next(p for p in found.pairs if {p.a.pk, p.b.pk} == {w.a.pk, q.copier.pk})
    assert pair.share == pytest.approx(1.0)
    assert pair.passages and len(pair.passages[0].text) >= 20
    new = next(
        row
        for label, group in [(None, g) for g in found.groups]
        for row in group.figures
        if row.quartiles.figure.key == "new_received"
    )
    assert [o.agency.pk for o in new.outliers] == [w.b.pk] and new.outliers[0].high
    assert new.outliers[0].value == 25


def test_the_quality_page(client, quality_region):
    q = quality_region
    w = q.region.world
    client.force_login(w.supervisor)
    page = client.get(f"/staff/supervision/{w.county.code}/{YEAR}/").content.decode()
    assert f"/staff/supervision/{w.county.code}/{YEAR}/quality/" in page and "质量提示" in page
    page = client.get(f"/staff/supervision/{w.county.code}/{YEAR}/quality/").content.decode()
    assert "100% 相同" in page
    assert f'href="/staff/reports/{q.copier.code}/{YEAR}/"' in page
    assert 'class="outlier"' in page and "示例县财政局</a> <strong>25</strong>" in page
    assert "XY-JUMP" in page and "PEER-RANGE" in page and "style=" not in page


def test_queries_do_not_grow_with_the_number_of_agencies(quality_region):
    w = quality_region.region.world
    with CaptureQueriesContext(connection) as few:
        workplace(w.supervisor, w.county, YEAR, today=TODAY, detail=True)
    from gongkai.reports import services

    for i in range(6):
        services.open_workspace(None, make_agency(f"t-extra{i}", f"示例县第{i + 20}局", w.county), YEAR)
    with CaptureQueriesContext(connection) as many:
        place = workplace(w.supervisor, w.county, YEAR, today=TODAY, detail=True)
    assert all(r.quality is not None for r in place.rows if r.agency.code.startswith("t-extra"))
    assert len(many.captured_queries) == len(few.captured_queries)
