"""A county for the workplace tests (also used by the browser test): several levels and every state.

示例县人民政府 (county)            published late (4月10日, deadline 3月31日)
├─ 示例县人民政府办公室 (office)   no report: 逾期 / 未开始
├─ 示例县教育局 (a)               published on time, with applications (one answered late)
│   └─ 示例县教育局直属分局 (a1)   no report (a grandchild: the tree has three levels)
├─ 示例县财政局 (b)               in review, past the deadline: 逾期
└─ 示例县城关镇人民政府 (town)     an empty draft (blank tables, checks find errors): 逾期
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from gongkai.agencies.testing import make_agency
from gongkai.annual.model import AgencyKind, AgencyLevel

YEAR = 2024


@dataclass
class Region:
    world: object
    a1: object
    town: object


def build_region(world) -> Region:
    from gongkai.reports import services
    from gongkai.reports.checks import evaluate_for_publishing, fingerprint
    from gongkai.reports.testing import answered, good_workspace, some_applications

    a1 = make_agency("t-a1", "示例县教育局直属分局", world.a)
    town = make_agency(
        "t-town",
        "示例县城关镇人民政府",
        world.county,
        kind=AgencyKind.TOWNSHIP.value,
        level=AgencyLevel.TOWNSHIP.value,
    )
    some_applications(world.a, YEAR)
    answered(world.a, date(YEAR, 7, 1), "r_open", date(YEAR, 9, 2), "art36_1")  # 20 WD ran out in July
    _publish(world.a, date(YEAR + 1, 1, 20), services, evaluate_for_publishing, fingerprint, good_workspace)
    _publish(
        world.county, date(YEAR + 1, 4, 10), services, evaluate_for_publishing, fingerprint, good_workspace
    )
    services.submit(None, good_workspace(world.b, YEAR))
    services.open_workspace(None, town, YEAR)
    return Region(world, a1, town)


def _publish(agency, on, services, evaluate_for_publishing, fingerprint, good_workspace):
    ws = good_workspace(agency, YEAR, signature=on)
    services.submit(None, ws)
    ev = evaluate_for_publishing(ws, on)
    services.publish(None, ws, {fingerprint(f) for f in ev.warnings}, on=on)


@dataclass
class QualityRegion:
    region: Region
    copier: object  # its texts are 示例县教育局's, word for word
    big: object  # 示例县财政局: 25 new applications among county departments with none


def build_quality_region(world) -> QualityRegion:
    """``build_region`` with eight more county departments (so PEER-RANGE has peers), one of which
    copies 示例县教育局's texts, 示例县财政局 with 25 applications where its peers have 0 to 6, and
    示例县教育局's last year imported with 60 applications (this year 6: a ×10 fall)."""
    from gongkai.annual.writers import render
    from gongkai.applications.testing import make_application
    from gongkai.reports import services
    from gongkai.reports.build import build_report
    from gongkai.reports.models import TEXT_FIELDS

    region = build_region(world)
    for i in range(25):
        make_application(world.b, date(YEAR, 3, 1 + i % 28))
    copied = services.open_workspace(None, world.a, YEAR)
    texts = {f: getattr(copied, f) for f in TEXT_FIELDS}
    copier = None
    for i in range(8):
        agency = make_agency(f"t-dep{i}", f"示例县第{i}局", world.county)
        ws = services.open_workspace(None, agency, YEAR)
        if i == 0:
            services.save_texts(None, ws, texts, date(YEAR + 1, 1, 15))
            copier = agency
    last = build_report(world.a, YEAR - 1)
    last.tables["applications"].set("new_received", "total", 60)
    services.import_baseline(None, world.a, YEAR - 1, render(last, "json"), "2023.json")
    return QualityRegion(region, copier, world.b)
