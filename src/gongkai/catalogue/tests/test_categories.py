from gongkai import law
from gongkai.catalogue import rules
from gongkai.catalogue.queries import categories_for


def test_statutory_list_is_complete():
    cats = rules.statutory_categories()
    art20 = [c for c in cats if c.article == "第二十条"]
    assert len(art20) == 15 and art20[0].item == "（一）" and art20[-1].item == "（十五）"
    assert art20[6].label == "财政预算、决算信息"
    assert len({c.code for c in cats}) == len(cats)


def test_categories_by_agency(world):
    from gongkai.agencies.testing import make_agency

    county_dept = {c.code for c in categories_for(world.a)}
    assert "A01" in county_dept and "B07" in county_dept and "C01" not in county_dept
    town = make_agency("t-town", "示例镇人民政府", world.county, kind="township", level="township")
    town_codes = {c.code for c in categories_for(town)}
    assert "C03" in town_codes and "B01" not in town_codes
    province = make_agency("t-prov", "某省教育厅", level="province")
    assert {c.code for c in categories_for(province)} == {f"A{i:02d}" for i in range(1, 16)}


def test_rules_are_data():
    assert law.PUBLISH.amount == 20
    assert law.PUBLISH.article == "第二十六条"
