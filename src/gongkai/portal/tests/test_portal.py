"""Public pages: no account, only published entries, the guide built from data."""

from datetime import date
from urllib.parse import quote

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from gongkai.catalogue.models import Attachment, DisclosureMode, Status
from gongkai.catalogue.testing import make_entry, unmarked

P = Status.PUBLISHED
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _attach(entry, name="预算表.pdf"):
    att = Attachment(
        entry=entry, name=name, kind="pdf", content_type="application/pdf", size=len(PDF), sha256="0"
    )
    att.file.save("x.pdf", ContentFile(PDF), save=True)
    return att


@pytest.fixture
def entries(world):
    return {
        "pub": make_entry(
            world.a, "示例县教育局2024年部门预算", status=P, category="A07", body="预算正文内容"
        ),
        "draft": make_entry(world.a, "教育局内部草稿预算", status=Status.DRAFT, category="A07"),
        "submitted": make_entry(world.a, "待审核的预算", status=Status.SUBMITTED, category="A07"),
        "withdrawn": make_entry(world.a, "撤回的预算", status=Status.WITHDRAWN, category="A07"),
        "secret": make_entry(
            world.a, "不予公开的预算", status=P, category="A07", disclosure=DisclosureMode.NOT_DISCLOSED
        ),
        "request": make_entry(
            world.a,
            "依申请公开的预算",
            status=P,
            category="A07",
            disclosure=DisclosureMode.ON_REQUEST,
            body="机密正文",
        ),
    }


def test_pages_render_without_login(client, entries):
    for name in ("portal:home", "portal:agencies", "portal:catalogue", "portal:healthz"):
        assert client.get(reverse(name)).status_code == 200, name


def test_portal_links_to_the_application_pages(client, db):
    """The online application form, tracking and the deadline calculator are reachable from the
    portal: the home page lists all three, the portal navigation (on every portal page, the apply
    pages included) the form and tracking."""
    links = {reverse("apply:index"), reverse("apply:track"), reverse("apply:calculator")}
    home = client.get(reverse("portal:home")).content.decode()
    for url in links:
        assert f'href="{url}"' in home, url
    for name in ("portal:catalogue", "portal:agencies", "apply:index", "apply:calculator"):
        body = client.get(reverse(name)).content.decode()
        nav = body.split('class="portal-nav', 1)[1].split("</nav>", 1)[0]
        assert f'href="{reverse("apply:index")}"' in nav and f'href="{reverse("apply:track")}"' in nav, name


def test_healthz(client, db):
    r = client.get("/healthz")
    assert r.content == b"ok" and r["Content-Type"].startswith("text/plain")


def test_only_published_entries_are_public(client, entries):
    body = client.get(reverse("portal:catalogue")).content.decode()
    assert "示例县教育局2024年部门预算" in body and "依申请公开的预算" in body
    for key in ("draft", "submitted", "withdrawn", "secret"):
        assert entries[key].title not in body
        assert client.get(reverse("portal:entry", args=[entries[key].pk])).status_code == 404
    found = unmarked(client.get(reverse("portal:catalogue"), {"q": "预算"}))
    assert "内部草稿" not in found and "不予公开" not in found and "部门预算" in found


def test_entry_page_and_download(client, entries):
    e = entries["pub"]
    att = _attach(e)
    body = client.get(reverse("portal:entry", args=[e.pk])).content.decode()
    for text in (e.index_no, e.title, "预算正文内容", "预算表.pdf", "生成日期", "主题分类", "第二十条（七）"):
        assert text in body
    r = client.get(reverse("portal:attachment", args=[e.pk, att.pk]))
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert (
        r["Content-Disposition"]
        == f"attachment; filename=\"download.pdf\"; filename*=UTF-8''{quote('预算表.pdf')}"
    )
    assert b"".join(r.streaming_content) == PDF


def test_downloads_only_for_published_proactive(client, entries):
    for key in ("draft", "submitted", "withdrawn", "secret", "request"):
        att = _attach(entries[key])
        assert client.get(reverse("portal:attachment", args=[entries[key].pk, att.pk])).status_code == 404, (
            key
        )
    # An attachment id of another entry under a public entry's URL: 404 too.
    other = _attach(entries["draft"])
    assert client.get(reverse("portal:attachment", args=[entries["pub"].pk, other.pk])).status_code == 404


def test_on_request_entry_shows_metadata_only(client, entries):
    body = client.get(reverse("portal:entry", args=[entries["request"].pk])).content.decode()
    assert "依申请公开的预算" in body and "机密正文" not in body and "依申请公开的范围" in body


@pytest.mark.parametrize(
    "params, shown, hidden",
    [
        ({"q": "复议"}, ["行政复议决定书"], ["财政预算"]),
        ({"q": "预算"}, ["财政预算"], ["行政复议决定书"]),
        ({"doc_type": "normative"}, ["招生实施办法"], ["财政预算"]),
        ({"year": "2023"}, ["行政复议决定书"], ["财政预算"]),
        ({"validity": "repealed"}, ["招生实施办法"], ["行政复议决定书"]),
        ({"category": "A06"}, ["行政复议决定书"], ["财政预算"]),
        ({"agency": "t-b"}, ["财政预算"], ["行政复议决定书"]),
        ({"year": "abc", "agency": "nope", "category": "zzz"}, ["财政预算", "行政复议决定书"], []),
        ({"q": '"NEAR( * 😀', "page": "999"}, [], []),
    ],
)
def test_catalogue_filters(client, world, params, shown, hidden):
    make_entry(world.b, "示例县2024年财政预算", status=P, category="A07", created_date=date(2024, 2, 1))
    make_entry(world.a, "行政复议决定书", status=P, category="A06", created_date=date(2023, 5, 1))
    make_entry(
        world.a,
        "示例县义务教育招生实施办法",
        status=P,
        doc_type="normative",
        created_date=date(2024, 3, 1),
        validity="repealed",
        invalid_date=date(2025, 3, 1),
    )
    r = client.get(reverse("portal:catalogue"), params)
    assert r.status_code == 200
    body = unmarked(r)
    listing = body[body.index('id="results-h"') :]
    for t in shown:
        assert t in listing, (params, t)
    for t in hidden:
        assert t not in listing, (params, t)


def test_pagination(client, world):
    for i in range(25):
        make_entry(world.a, f"分页测试条目{i:02d}", status=P, publish_date=date(2024, 3, 1 + i))
    first = client.get(reverse("portal:catalogue")).content.decode()
    assert "分页测试条目24" in first and "分页测试条目00" not in first and "第 1 页，共 2 页" in first
    second = client.get(reverse("portal:catalogue"), {"page": 2}).content.decode()
    assert "分页测试条目00" in second


def test_guide_is_built_from_data(client, world):
    world.a.office_name = "示例县教育局办公室"
    world.a.office_address = "示例县人民路9号"
    world.a.office_hours = "工作日 8:30—17:30"
    world.a.office_phone = "0999-6200111"
    world.a.office_fax = "0999-6300111"
    world.a.office_email = "xxgk-jyj@shilixian.example"
    world.a.save()
    world.office.office_phone = "0999-6200000"
    world.office.save()
    make_entry(world.a, "部门预算", status=P, category="A07")
    make_entry(world.a, "草稿不计数", status=Status.DRAFT, category="A07")
    r = client.get(reverse("portal:guide", args=[world.a.code]))
    body = r.content.decode()
    for text in (
        "示例县教育局政府信息公开指南",
        "示例县教育局办公室",
        "示例县人民路9号",
        "工作日 8:30—17:30",
        "0999-6200111",
        "0999-6300111",
        "mailto:xxgk-jyj@shilixian.example",
        "t-a-类别-年度-00001",  # the arrangement (编排体系) from the agency's 索引号 pattern
        "第二十条（七） 财政预算、决算信息",
        "第二十一条 社会救助",  # a county department: 第二十一条第一款 categories
        "20 个工作日",
        "上一级行政机关：示例县人民政府",
        "政府信息公开工作主管部门：示例县人民政府办公室",
        "0999-6200000",
        "行政复议",
        "行政诉讼",
        "第五十一条",
    ):
        assert text in body, text
    assert "未公布" in body  # postcode and website are not filled in
    # The count comes from published entries only: A07 shows 1.
    row = body[body.index("财政预算、决算信息") :]
    assert '<td class="num">1</td>' in row[:200]


def test_guide_of_township_lists_township_categories(client, world):
    from gongkai.agencies.testing import make_agency

    town = make_agency("t-town", "示例县城关镇人民政府", world.county, kind="township", level="township")
    body = client.get(reverse("portal:guide", args=[town.code])).content.decode()
    assert "宅基地使用情况审核" in body and "市政建设" not in body


def test_guide_of_unknown_or_inactive_agency_is_404(client, world):
    assert client.get(reverse("portal:guide", args=["nope"])).status_code == 404
    world.b.is_active = False
    world.b.save()
    assert client.get(reverse("portal:guide", args=[world.b.code])).status_code == 404


def test_portal_navigation_links_to_the_public_reports(client, db):
    # /reports/ is served by gongkai.reports (its public list); the portal only links to it.
    url = reverse("public_reports:index")
    assert url == "/reports/"
    for name in ("portal:home", "portal:catalogue", "public_reports:index"):
        body = client.get(reverse(name)).content.decode()
        nav = body.split('class="portal-nav', 1)[1].split("</nav>", 1)[0]
        assert f'href="{url}"' in nav, name
    current = client.get(url).content.decode().split('class="portal-nav', 1)[1].split("</nav>", 1)[0]
    assert f'href="{url}" aria-current="page"' in current


def test_agency_tree(client, world):
    body = client.get(reverse("portal:agencies")).content.decode()
    assert body.index("示例县人民政府") < body.index("示例县教育局")
    assert reverse("portal:guide", args=[world.a.code]) in body


def test_english_is_available(client, db, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    r = client.get(reverse("portal:catalogue"))
    assert r.status_code == 200 and r["Content-Language"] == "en"
