"""The law is declared once: gongkai.law holds every statutory period and text, and no other
module of the platform writes one out again (tests, migrations and translations aside)."""

import re
from pathlib import Path

from gongkai import law

PACKAGE = Path(law.__file__).parent
# How a statutory period, date or article of the law would be written out again.
# (Articles may be cited anywhere; the 第五十一条 remedies text is quoted from the law module.)
RESTATED = re.compile(r"\d+\s*个工作日|六十日|六个月|十五日|1月31日|3月31日|date\(2008|\b2008\b|第五十一条")


def _sources():
    for path in sorted(PACKAGE.rglob("*")):
        parts = set(path.relative_to(PACKAGE).parts)
        if path.suffix not in {".py", ".html", ".json", ".txt"} or parts & {"tests", "migrations", "locale"}:
            continue
        if path != Path(law.__file__):
            yield path


def test_no_module_but_the_law_restates_a_statutory_period():
    found = [
        f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}"
        for path in _sources()
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if RESTATED.search(line)
    ]
    assert found == []


def test_the_scan_would_see_a_restated_period(tmp_path):
    assert RESTATED.search("请于收到之日起15个工作日内提出意见")
    assert RESTATED.search("可以自收到本答复之日起六十日内")
    assert not RESTATED.search("请于${consultation_days}个工作日内提出意见")


def test_periods_in_words_as_the_letters_write_them():
    assert law.PUBLISH.words == "20个工作日"
    assert law.RECONSIDERATION.words == "六十日"
    assert law.LITIGATION.words == "六个月"
    assert "六十日内依法申请行政复议" in law.REMEDY_NOTICE and "六个月内" in law.REMEDY_NOTICE


def test_the_first_year_is_when_the_regulation_came_into_force():
    assert (law.FIRST_YEAR, law.IN_FORCE.month, law.IN_FORCE.day) == (2008, 5, 1)
    assert law.REPORT_DEADLINES["department"] == (1, 31) and law.REPORT_DEADLINES["government"] == (3, 31)
