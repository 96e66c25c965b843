"""The workspace pages, drill-downs, live checks, exports and the public pages."""

import json
from datetime import date
from urllib.parse import quote

import pytest
from django.urls import reverse

from gongkai.annual.readers import read_bytes
from gongkai.reports import services
from gongkai.reports.checks import evaluate_for_publishing, fingerprint
from gongkai.reports.models import ReportVersion
from gongkai.reports.testing import good_workspace, some_applications

pytestmark = pytest.mark.django_db
YEAR = 2025


@pytest.fixture
def ready(world):
    some_applications(world.a, YEAR)
    good_workspace(world.a, YEAR, world.clerk_a)
    return world


def _url(name, world, *args):
    return reverse(f"reports:{name}", args=[world.a.code, YEAR, *args])


def test_workspace_shows_tables_with_drilldowns_and_guidance(ready, client):
    client.force_login(ready.clerk_a)
    body = client.get(_url("workspace", ready)).content.decode()
    cell = _url("cell", ready, "applications.new_received.total")
    assert f'href="{cell}"' in body
    assert "本年度共收到政府信息公开申请6件，办结5件" in body  # a ready sentence
    assert "全部检查通过" in body
    assert "距发布期限" in body or "已超过发布期限" in body
    assert 'hx-post="' + _url("findings", ready) in body


def test_drilldown_lists_the_applications_behind_a_cell(ready, client):
    client.force_login(ready.clerk_a)
    body = client.get(_url("cell", ready, "applications.r_open.natural_person")).content.decode()
    assert '<strong id="cell-value">2</strong>' in body
    main = body.split('id="main"', 1)[1]  # the staff nav links the workbench too
    assert main.count("/staff/applications/t-a/") == 2
    body = client.get(_url("cell", ready, "applications.carried_over_out.total")).content.decode()
    assert '<strong id="cell-value">1</strong>' in body
    assert client.get(_url("cell", ready, "review_litigation.reconsideration.total")).status_code == 200
    assert client.get(_url("cell", ready, "active.art20_5.admin_licensing.decisions")).status_code == 200
    assert client.get(_url("cell", ready, "applications.nope.total")).status_code == 404


def test_live_checks_on_unsaved_text_save_nothing(ready, client):
    client.force_login(ready.clerk_a)
    ws = services.workspace_for(ready.a, YEAR)
    body = client.post(
        _url("findings", ready), {"overview_on_request": "本年度共收到政府信息公开申请9件。"}
    ).content.decode()
    assert "TXT-NUM" in body and "警告" in body
    ws.refresh_from_db()
    assert "申请6件" in ws.overview_on_request


def test_save_submit_and_publish_through_the_pages(ready, client):
    client.force_login(ready.clerk_a)
    response = client.post(_url("save", ready), {"problems": "太短", "signature_date": "2026-01-15"})
    assert response.status_code == 302
    assert services.workspace_for(ready.a, YEAR).problems == "太短"
    client.post(_url("act", ready, "submit"))
    assert services.workspace_for(ready.a, YEAR).status == "in_review"  # SEC-EMPTY is only a warning

    client.force_login(ready.reviewer_a)
    body = client.get(_url("workspace", ready)).content.decode()
    assert 'name="confirm"' in body and "SEC-EMPTY" in body
    client.post(_url("act", ready, "publish"), follow=True)  # nothing confirmed
    assert not ReportVersion.objects.exists()
    ws = services.workspace_for(ready.a, YEAR)
    confirm = [fingerprint(f) for f in evaluate_for_publishing(ws).warnings]
    body = client.post(_url("act", ready, "publish"), {"confirm": confirm}, follow=True).content.decode()
    assert "已发布第1版" in body
    assert ReportVersion.objects.get().acknowledgements.count() == len(confirm)


def test_clerk_cannot_publish_and_supervisor_only_reads(ready, client):
    services.submit(ready.clerk_a, services.workspace_for(ready.a, YEAR))
    client.force_login(ready.clerk_a)
    assert client.post(_url("act", ready, "publish")).status_code == 302
    assert not ReportVersion.objects.exists()
    client.force_login(ready.supervisor)
    assert client.get(_url("workspace", ready)).status_code == 200
    assert client.post(_url("act", ready, "publish")).status_code == 403
    assert client.post(_url("save", ready), {"problems": "x"}).status_code == 403


def test_exports(ready, client):
    client.force_login(ready.clerk_a)
    for fmt in ("docx", "xlsx", "json"):
        response = client.get(_url("export", ready, fmt))
        assert response.status_code == 200
        assert response["Content-Disposition"] == (
            f'attachment; filename="t-a-{YEAR}-annual-report.{fmt}"; '
            f"filename*=UTF-8''{quote(f'示例县教育局{YEAR}年政府信息公开工作年度报告.{fmt}')}"
        )
        report = read_bytes(response.content, f"x.{fmt}", f".{fmt}")
        assert report.applications.get("new_received", "total") == 6
    assert client.get(_url("export", ready, "exe")).status_code == 404
    assert b"srcdoc=" in client.get(_url("preview", ready)).content


def _publish(world, ws, on=None):
    services.submit(world.clerk_a, ws)
    ev = evaluate_for_publishing(ws, on)
    return services.publish(world.reviewer_a, ws, {fingerprint(f) for f in ev.warnings}, on=on).version


def test_public_pages_list_show_and_download_with_history(ready, client):
    ws = services.workspace_for(ready.a, YEAR)
    assert "尚未发布年度报告" in client.get("/reports/").content.decode()
    assert client.get(f"/reports/{ready.a.code}/{YEAR}/").status_code == 404  # drafts are not public
    v1 = _publish(ready, ws)
    services.revise(ready.clerk_a, ws)
    services.save_texts(
        ready.clerk_a,
        ws,
        {"other": ws.other + "\n（三）补充：本年度无其他事项。", "correction_note": "补充六部分。"},
    )
    v2 = _publish(ready, ws)

    body = client.get("/reports/").content.decode()
    assert ws.title in body and "共 2 版" in body
    body = client.get(f"/reports/{ready.a.code}/{YEAR}/").content.decode()
    assert "第2版" in body and "更正说明：" in body and "补充六部分。" in body and v2.content_hash in body
    old = client.get(f"/reports/{ready.a.code}/{YEAR}/v1/").content.decode()
    assert "这是旧版本" in old and v1.content_hash in old
    data = json.loads(client.get(f"/reports/{ready.a.code}/{YEAR}/v1/download.json").content)
    assert "补充" not in (data["sections"]["other"] or "")
    pdf = client.get(f"/reports/{ready.a.code}/{YEAR}/v2/download.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert pdf["Content-Disposition"] == (
        f'attachment; filename="t-a-{YEAR}-v2.pdf"; '
        f"filename*=UTF-8''{quote(f'示例县教育局{YEAR}年政府信息公开工作年度报告（第2版）.pdf')}"
    )
    first = client.get(f"/reports/{ready.a.code}/{YEAR}/v1/download.json")
    assert quote(f"示例县教育局{YEAR}年政府信息公开工作年度报告.json") in first["Content-Disposition"]


def test_staff_index_and_agency_pages(ready, client):
    client.force_login(ready.clerk_a)
    assert ready.a.name in client.get(reverse("reports:index")).content.decode()
    body = client.get(reverse("reports:agency", args=[ready.a.code])).content.decode()
    assert "2025年度" in body
    body = client.get(reverse("staff:dashboard", args=[ready.a.code])).content.decode()
    assert f"{YEAR}年度报告：" in body and reverse("reports:agency", args=[ready.a.code]) in body


def test_baseline_upload_page_refuses_bad_files(ready, client):
    client.force_login(ready.clerk_a)
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = reverse("reports:baseline", args=[ready.a.code])
    bad = SimpleUploadedFile("old.docx", b"PK\x03\x04not really")
    body = client.post(url, {"year": 2024, "file": bad}).content.decode()
    assert "无法读取" in body
    assert date.today().year >= 2026


def test_a_pdf_baseline_is_read_in_the_background_and_the_page_follows_it(
    ready, client, django_capture_on_commit_callbacks
):
    """The upload returns at once to a page that lists the file and refreshes itself while it
    waits; once the worker has read it, the page says it was imported."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from huey.contrib.djhuey import HUEY

    from gongkai.annual.writers import render

    from .test_baseline import last_year_report

    client.force_login(ready.clerk_a)
    url = reverse("reports:baseline", args=[ready.a.code])
    data = render(last_year_report(ready.a, {"natural_person": 1}), "pdf")
    with django_capture_on_commit_callbacks(execute=False) as queued:  # no worker: nothing reads it
        response = client.post(url, {"year": 2024, "file": SimpleUploadedFile("2024年报.pdf", data)})
    assert response.status_code == 302 and response.url == url and len(queued) == 1
    body = client.get(url).content.decode()
    assert "2024年报.pdf" in body and "排队等待读取" in body
    assert 'data-refresh-seconds="5"' in body and "reports/baseline" in body  # the page follows it
    reports_page = client.get(reverse("reports:agency", args=[ready.a.code])).content.decode()
    assert "1 个文件正在后台读取。" in reports_page
    HUEY.immediate = True
    try:
        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                url, {"year": 2023, "file": SimpleUploadedFile("2023.pdf", data)}
            )  # the year is wrong
        from gongkai.reports.models import BaselineUpload

        services.read_queued_baseline(BaselineUpload.objects.get(year=2024).pk)  # the first, by hand
    finally:
        HUEY.immediate = False
    body = client.get(url).content.decode()
    assert "已导入" in body and "可用于2025年度的跨年度核对" in body
    assert "未能导入" in body and "与所选的 2023 年不符" in body
    assert "data-refresh-seconds" not in body  # nothing waits any more
    # the reports page, where the officer goes back to, says one failed and links to the outcome
    reports_page = client.get(reverse("reports:agency", args=[ready.a.code])).content.decode()
    assert "1 个文件未能导入。" in reports_page and "正在后台读取" not in reports_page
    assert f'href="{url}">查看读取结果' in reports_page


def test_the_2019_other_outcomes_row_drills_down_to_the_2021_other_outcomes(world):
    from gongkai.annual.layout import layout_for_year
    from gongkai.applications.queries import table_three_cell
    from gongkai.reports.testing import answered

    answered(world.a, date(2020, 3, 2), "r_other_other", date(2020, 3, 10), "other")
    answered(world.a, date(2020, 4, 7), "r_open", date(2020, 4, 15), "art36_1")
    layout = layout_for_year(2020)
    assert [a.outcome for a in table_three_cell(world.a, 2020, "r_other", "total", layout)] == [
        "r_other_other"
    ]
    assert [a.outcome for a in table_three_cell(world.a, 2020, "r_open", "total", layout)] == ["r_open"]
