"""The 暂定 badge after a date in a year whose holiday notice is not entered."""

from datetime import date

from django.template import Context, Template

from gongkai.workdays.services import cover_year, last_entered_year

TEMPLATE = Template(
    "{% load workdays %}[{% provisional_mark day %}][{% provisional_mark day explain=True %}]"
)


def render(day, **context) -> str:
    return TEMPLATE.render(Context({"day": day, **context}))


def test_a_date_after_the_last_entered_year_is_marked(db):
    last = last_entered_year()
    assert render(date(last, 12, 31)) == "[][]"
    assert render(None) == "[][]"
    marked = render(date(last + 1, 1, 15))
    assert marked.count('class="badge provisional"') == 2 and "暂定" in marked
    assert f"{last + 1}年的节假日安排尚未公布或录入" in marked.split("][")[1]  # said in words too


def test_entering_the_year_removes_the_mark(db):
    year = last_entered_year() + 1
    assert "暂定" in render(date(year, 1, 15))
    cover_year(None, year, "测试")
    assert render(date(year, 1, 15)) == "[][]"
