"""Search synonyms kept by staff: the page under 目录设置, who may change what, the event log, and
the public search using a new group at once (its cached pages are dropped)."""

import pytest
from django.urls import reverse

from gongkai.catalogue import services
from gongkai.catalogue.errors import CatalogueError
from gongkai.catalogue.models import Status, Synonym
from gongkai.catalogue.search.synonyms import seed_groups
from gongkai.catalogue.testing import make_entry
from gongkai.events.models import Event


def url(agency):
    return reverse("catalogue:synonyms", kwargs={"agency_code": agency.code})


def test_seed_list_has_the_common_abbreviations():
    groups = {frozenset(g) for g in seed_groups()}
    for pair in (
        ("低保", "最低生活保障"),
        ("医保", "医疗保险"),
        ("社保", "社会保险"),
        ("公租房", "公共租赁住房"),
    ):
        assert any(set(pair) <= g for g in groups), pair


def test_settings_page_links_to_the_synonyms(world, client):
    client.force_login(world.admin_a)
    body = client.get(reverse("catalogue:settings", kwargs={"agency_code": world.a.code})).content.decode()
    assert f'href="{url(world.a)}"' in body


def test_agency_admin_adds_and_deletes_a_group(world, client):
    client.force_login(world.admin_a)
    r = client.post(url(world.a), {"terms": "河湖长制，河长制  湖长制"}, follow=True)
    assert "已添加同义词“河湖长制、河长制、湖长制”。" in r.content.decode()
    row = Synonym.objects.get()
    assert row.agency == world.a and row.terms == "河湖长制 河长制 湖长制"
    assert Event.objects.filter(action="catalogue.synonym.add", agency=world.a).count() == 1
    # Staff cannot make a site-wide group by posting the field the form does not show them.
    client.post(url(world.a), {"terms": "甲乙 丙丁", "site_wide": "on"})
    assert Synonym.objects.get(terms="甲乙 丙丁").agency == world.a
    r = client.post(url(world.a), {"delete": str(row.pk)}, follow=True)
    assert "已删除同义词" in r.content.decode() and not Synonym.objects.filter(pk=row.pk).exists()
    assert Event.objects.filter(action="catalogue.synonym.delete").count() == 1


@pytest.mark.parametrize(
    "terms, message",
    [
        ("只有一个", "请至少填写两个词"),
        ("甲 甲", "请至少填写两个词"),
        ("！！ 低保", "没有可检索的文字"),
        ("低保 " + "长" * 31, "每个词最多 30 个字"),
        (" ".join(f"词{i}" for i in range(11)), "一组最多 10 个词"),
    ],
)
def test_bad_groups_get_a_message(world, client, terms, message):
    client.force_login(world.admin_a)
    r = client.post(url(world.a), {"terms": terms})
    assert r.status_code == 200 and message in r.content.decode()
    assert not Synonym.objects.exists()


def test_duplicate_group_is_refused(world):
    services.add_synonym(world.admin_a, world.a, "低保 城乡低保")
    with pytest.raises(CatalogueError, match="已经有了"):
        services.add_synonym(world.admin_a, world.a, "城乡低保，低保")
    services.add_synonym(world.admin_b, world.b, "低保 城乡低保")  # another agency may have the same


@pytest.mark.parametrize("user", ["clerk_a", "reviewer_a", "supervisor"])
def test_only_agency_admins_reach_the_page(world, client, user):
    client.force_login(getattr(world, user))
    assert client.get(url(world.a)).status_code == 403
    assert client.post(url(world.a), {"terms": "甲乙 丙丁"}).status_code == 403
    assert not Synonym.objects.exists()


def test_other_agency_gets_404_and_cannot_delete(world, client):
    row = services.add_synonym(world.admin_a, world.a, "甲乙 丙丁")
    client.force_login(world.admin_b)
    assert client.get(url(world.a)).status_code == 404
    assert client.post(url(world.b), {"delete": str(row.pk)}).status_code == 404
    assert client.post(url(world.b), {"delete": "abc"}).status_code == 404
    assert Synonym.objects.filter(pk=row.pk).exists()


def test_site_wide_groups_are_for_site_administrators(world, client):
    with pytest.raises(CatalogueError, match="系统管理员"):
        services.add_synonym(world.admin_a, world.a, "甲乙 丙丁", site_wide=True)
    client.force_login(world.superuser)
    assert "全站通用（所有机构的检索都使用）" in client.get(url(world.a)).content.decode()
    client.post(url(world.a), {"terms": "甲乙 丙丁", "site_wide": "on"})
    row = Synonym.objects.get()
    assert row.agency is None
    # An agency admin sees it but cannot delete it.
    client.force_login(world.admin_a)
    body = client.get(url(world.a)).content.decode()
    assert "甲乙、丙丁" in body and f'name="delete" value="{row.pk}"' not in body
    client.post(url(world.a), {"delete": str(row.pk)})
    assert Synonym.objects.filter(pk=row.pk).exists()


def test_public_search_uses_a_new_group_at_once(world, client):
    make_entry(world.a, "河长制工作要点", status=Status.PUBLISHED)
    page = reverse("portal:catalogue")
    assert "河长制工作要点" not in client.get(page, {"q": "河湖长制"}).content.decode()
    services.add_synonym(world.admin_a, world.a, "河湖长制 河长制")
    assert "<mark>河长制</mark>工作要点" in client.get(page, {"q": "河湖长制"}).content.decode()


def test_synonyms_page_in_english(world, client):
    client.force_login(world.admin_a)
    r = client.get(url(world.a), HTTP_ACCEPT_LANGUAGE="en")
    client.cookies["django_language"] = "en"
    body = client.get(url(world.a)).content.decode()
    assert r.status_code == 200 and "Search synonyms" in body and "检索同义词" not in body
