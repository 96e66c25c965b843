"""The workplace pages and exports over HTTP, as a supervisor and as others."""

import io
import re

import pytest
from django.urls import reverse

from .fixtures import YEAR

pytestmark = pytest.mark.django_db


def _url(world, view="workplace", **kw):
    return reverse(f"supervision:{view}", kwargs={"agency_code": world.county.code, "year": YEAR, **kw})


def test_the_nav_offers_it_to_supervisors_only(client, world):
    client.force_login(world.supervisor)
    home = client.get(reverse("staff:index"), follow=True).content.decode()
    assert reverse("supervision:index") in home
    client.force_login(world.clerk_a)
    assert (
        reverse("supervision:index") not in client.get(reverse("staff:index"), follow=True).content.decode()
    )


def test_index_goes_to_the_supervisors_area(client, world):
    client.force_login(world.supervisor)
    response = client.get(reverse("supervision:index"))
    assert response.status_code == 302 and f"/staff/supervision/{world.county.code}/" in response["Location"]


def test_workplace_lists_states_and_links_to_each_workspace(client, region):
    w = region.world
    client.force_login(w.supervisor)
    body = client.get(_url(w)).content.decode()
    for agency in (w.county, w.office, w.a, w.b, region.a1, region.town):
        assert reverse("reports:workspace", args=[agency.code, YEAR]) in body
    assert "逾期发布" in body and "已发布" in body and "审核中" in body
    assert body.count('class="badge state-late"') == 4
    assert 'class="num"' in body
    assert "66.7%" in body  # 教育局's disclosure rate (4 of 6)
    assert "本年度没有办结的申请" in body  # why a rate is —


def test_sort_and_filter_with_plain_get(client, region):
    w = region.world
    client.force_login(w.supervisor)
    body = client.get(_url(w), {"sort": "-new"}).content.decode()
    names = re.findall(r'<th scope="row"><a href="/staff/reports/([\w-]+)/', body)
    assert names[0] == w.a.code
    assert 'aria-sort="descending"' in body
    assert 'href="?sort=new"' in body  # a second click reverses
    body = client.get(_url(w), {"state": "late", "q": "财政"}).content.decode()
    assert re.findall(r'<th scope="row"><a href="/staff/reports/([\w-]+)/', body) == [w.b.code]
    body = client.get(_url(w), {"errors": "1"}).content.decode()
    assert re.findall(r'<th scope="row"><a href="/staff/reports/([\w-]+)/', body) == [region.town.code]


def test_excel_export(client, region):
    from openpyxl import load_workbook

    w = region.world
    client.force_login(w.supervisor)
    response = client.get(_url(w, "export", fmt="xlsx"))
    assert response.status_code == 200
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    assert "%E5%B9%B4%E5%BA%A6" in response["Content-Disposition"]  # 年度, in the Chinese name
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == f"示例县人民政府{YEAR}年度政府信息公开工作年度报告报送情况"
    header = rows[1]
    by_name = {r[0]: dict(zip(header, r, strict=True)) for r in rows[2:] if r and r[0]}
    a = by_name["示例县教育局"]
    assert a["新收申请"] == 7 and a["公开率"] == pytest.approx(4 / 6)
    assert by_name["示例县财政局"]["报告状态"].startswith("逾期")
    total = next(r for r in rows if r[0] and str(r[0]).startswith("合计"))
    assert total[header.index("新收申请")] == 7


def test_excel_export_keeps_the_filter(client, region):
    from openpyxl import load_workbook

    w = region.world
    client.force_login(w.supervisor)
    response = client.get(_url(w, "export", fmt="xlsx"), {"kind": "township"})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    names = [
        r[0]
        for r in rows[2:]
        if r[0] and not str(r[0]).startswith(("合计", "公开率", "按期", "复议", "较上年", "质量", "当前"))
    ]
    assert names == ["示例县城关镇人民政府"]


def test_word_export(client, region):
    from docx import Document

    w = region.world
    client.force_login(w.supervisor)
    response = client.get(_url(w, "export", fmt="docx"))
    doc = Document(io.BytesIO(response.content))
    assert doc.paragraphs[0].text.endswith("报送情况")
    table = doc.tables[0]
    cells = {row.cells[0].text: [c.text for c in row.cells] for row in table.rows}
    assert cells["示例县教育局"][6] == "7" and cells["示例县教育局"][8] == "66.7%"
    assert "质量提示" in [c.text for c in table.rows[0].cells]
    assert cells["示例县人民政府"][1] == "已发布（逾期发布）"


def test_pdf_export(client, region):
    import pdfplumber

    from gongkai.annual.writers.pdf import has_cjk_font

    if not has_cjk_font():
        pytest.skip("no CJK font (fonts-noto-cjk) installed")
    w = region.world
    client.force_login(w.supervisor)
    response = client.get(_url(w, "export", fmt="pdf"))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    with pdfplumber.open(io.BytesIO(response.content)) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    assert "报送情况" in text and "示例县教育局" in text and "66.7%" in text
    assert "已发布（逾期发布）" in text


def test_chart_page_and_region_page(client, region):
    w = region.world
    client.force_login(w.supervisor)
    body = client.get(_url(w, "chart", name="outcomes")).content.decode()
    assert 'role="img"' in body and "（一）予以公开" in body and "示例县教育局" in body
    assert client.get(_url(w, "chart", name="nope")).status_code == 404
    body = client.get(_url(w, "region")).content.decode()
    assert "示例县人民政府办公室" in body and "未报送" in body and "表格为空" in body
    assert "上级报告" in body and "下级合计" in body  # the county against 教育局
    assert "report-grid" in body  # the summed tables


def test_another_tree_is_not_found(client, region):
    w = region.world
    client.force_login(w.outside_supervisor)
    assert client.get(_url(w)).status_code == 404
    assert client.get(_url(w, "export", fmt="xlsx")).status_code == 404
    client.force_login(w.clerk_a)
    assert client.get(_url(w)).status_code == 404  # an officer of 教育局 cannot open the county
    body = client.get(
        reverse("supervision:workplace", kwargs={"agency_code": w.a.code, "year": YEAR})
    ).content.decode()
    assert w.b.name not in body  # its own area is 教育局 (and what it may see under it) only


def test_bad_year_and_format(client, world):
    client.force_login(world.supervisor)
    assert client.get(reverse("supervision:workplace", args=[world.county.code, 1990])).status_code == 404
    assert client.get(_url(world, "export", fmt="exe")).status_code == 404
    body = client.get(reverse("supervision:workplace", args=[world.county.code, 2015])).content.decode()
    assert "2019年以前的格式" in body


def test_the_current_year_joins_the_bar_once_a_report_is_started(client, world):
    from django.utils import timezone

    from gongkai.reports import services

    this_year = timezone.localdate().year
    link = reverse("supervision:workplace", args=[world.county.code, this_year])
    client.force_login(world.supervisor)
    assert link not in client.get(_url(world)).content.decode()

    services.open_workspace(world.clerk_a, world.a, this_year)
    assert link in client.get(_url(world)).content.decode()
    body = client.get(link).content.decode()
    counts = dict((label, int(n)) for n, label in re.findall(r'<span class="n">(\d+)</span> (\S+)</a>', body))
    assert counts["草稿"] == 1 and counts["未开始"] >= 1 and counts["已发布"] == 0  # the one started
