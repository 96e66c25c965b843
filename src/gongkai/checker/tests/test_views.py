"""The pages: upload several files and a zip through the form, the batch with its progress (JSON
and the page), a file's findings over its tables with the cited cells marked and no internal path
in what a person reads, the exports read back, and another user's batch: 404 everywhere."""

import csv
import io
import re

import pytest
from openpyxl import load_workbook

from gongkai.checker import services
from gongkai.checker.models import CheckBatch
from gongkai.checker.testing import gbk_zip, sample_files, zip_bomb

pytestmark = pytest.mark.django_db
PATH = re.compile(r"\b(applications|review_litigation|active)\.[a-z_0-9]+")


def _visible(html: str) -> str:
    """The text a person reads: no tags, no attributes (links keep their paths)."""
    html = re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def _upload(client, files):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post("/staff/checker/", {"files": [SimpleUploadedFile(name, data) for name, data in files]})


@pytest.fixture
def checked(world, client, django_capture_on_commit_callbacks):
    client.force_login(world.clerk_a)
    files = sample_files()
    with django_capture_on_commit_callbacks(execute=False):
        response = _upload(client, [*files[:3], ("上报材料.zip", gbk_zip(files[3:]))])
    batch = CheckBatch.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/staff/checker/{batch.pk}/"
    return batch


def test_upload_page_reached_from_the_staff_nav(world, client):
    client.force_login(world.clerk_a)
    body = client.get(f"/staff/{world.a.code}/").content.decode()
    assert 'href="/staff/checker/"' in body and "批量检查报告" in body
    body = client.get("/staff/checker/").content.decode()
    assert 'type="file"' in body and "multiple" in body and "30 天后自动删除" in body


def test_progress_then_results(checked, client):
    progress = client.get(f"/staff/checker/{checked.pk}/progress/").json()
    assert progress["label"] == "已检查 0 / 6" and not progress["done"]
    page = client.get(f"/staff/checker/{checked.pk}/").content.decode()
    assert "已检查 0 / 6" in page and 'http-equiv="refresh"' in page and "progress.js" in page
    services.check_pending(checked.pk, limit=3)
    assert client.get(f"/staff/checker/{checked.pk}/progress/").json()["checked"] == 3
    services.check_pending(checked.pk)
    progress = client.get(f"/staff/checker/{checked.pk}/progress/").json()
    assert progress["done"] and progress["checked"] == 6 and progress["unreadable"] == 1
    page = client.get(f"/staff/checker/{checked.pk}/").content.decode()
    assert 'http-equiv="refresh"' not in page
    assert "上报材料/有错误的报告.json" in page and "上报材料/损坏的文件.pdf" in page
    assert "示例县自然资源局" in page and "无法读取" in page and "有错误" in page
    by_errors = client.get(f"/staff/checker/{checked.pk}/?sort=errors&dir=desc").content.decode()
    assert by_errors.index("有错误的报告.json") < by_errors.index("自然资源局2025年报.docx")
    assert 'aria-sort="descending"' in by_errors


def test_a_file_drills_down_to_its_findings_and_cells(checked, client):
    services.check_pending(checked.pk)
    bad = checked.items.get(name="上报材料/有错误的报告.json")
    page = client.get(f"/staff/checker/{checked.pk}/files/{bad.pk}/").content.decode()
    text = _visible(page)
    assert "T3-BAL" in text and "表三 （七）总计·自然人" in text
    assert not PATH.search(text), PATH.search(text)
    assert 'id="cell-applications.r_total.natural_person"' in page  # marked in the grid
    assert "cell=applications.r_total.natural_person" in page  # the link keeps the path
    one = client.get(
        f"/staff/checker/{checked.pk}/files/{bad.pk}/?cell=review_litigation.reconsideration.total"
    ).content.decode()
    assert 'id="cell-review_litigation.reconsideration.total"' in one
    assert 'id="cell-applications.r_total.natural_person"' not in one
    assert "表四 行政复议·总计" in _visible(one)
    broken = checked.items.get(name="上报材料/损坏的文件.pdf")
    page = client.get(f"/staff/checker/{checked.pk}/files/{broken.pk}/").content.decode()
    assert "无法读取" in page and broken.error in page


def test_exports_one_row_per_finding_with_printed_labels(checked, client):
    services.check_pending(checked.pk)
    response = client.get(f"/staff/checker/{checked.pk}/findings.xlsx")
    assert response.status_code == 200 and "filename*=UTF-8''" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("文件", "机关", "年度", "严重程度", "代码", "说明", "单元格")
    bal = next(r for r in rows if r[4] == "T3-BAL")
    assert bal[0] == "上报材料/有错误的报告.json" and bal[1] == "示例县自然资源局" and bal[2] == 2025
    assert bal[3] == "错误" and "表三 （七）总计·自然人" in bal[6]
    assert any(r[3] == "无法读取" and r[0] == "上报材料/损坏的文件.pdf" for r in rows)
    assert not any(PATH.search(str(c)) for r in rows for c in r if c)
    raw = client.get(f"/staff/checker/{checked.pk}/findings.csv").content
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert table[0][0] == "文件" and len(table) == len(rows)
    assert [r for r in table if r[4] == "T3-BAL"][0][6] == bal[6]


def test_a_zip_bomb_is_refused_on_the_page(world, client, settings):
    settings.GONGKAI_CHECKER_MAX_BYTES = 20 * 1024 * 1024
    client.force_login(world.clerk_a)
    response = _upload(client, [("炸弹.zip", zip_bomb(32 * 1024 * 1024))])
    assert response.status_code == 400 and "压缩炸弹" in response.content.decode()
    assert not CheckBatch.objects.exists()


def test_recheck_and_delete(checked, client, settings, django_capture_on_commit_callbacks):
    services.check_pending(checked.pk)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        assert client.post(f"/staff/checker/{checked.pk}/recheck/").status_code == 302
    assert len(queued) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/staff/checker/{checked.pk}/delete/").status_code == 302
    assert not CheckBatch.objects.exists()
    assert not (settings.GONGKAI_CHECKER_DIR / str(checked.pk)).exists()


def test_a_batch_is_seen_only_by_whoever_uploaded_it(checked, client, world):
    item = checked.items.first()
    urls = [
        f"/staff/checker/{checked.pk}/",
        f"/staff/checker/{checked.pk}/progress/",
        f"/staff/checker/{checked.pk}/files/{item.pk}/",
        f"/staff/checker/{checked.pk}/findings.xlsx",
        f"/staff/checker/{checked.pk}/findings.csv",
    ]
    for other in (world.clerk_b, world.admin_a, world.supervisor, world.superuser):
        client.force_login(other)
        for url in urls:
            assert client.get(url).status_code == 404, (other, url)
        assert client.post(f"/staff/checker/{checked.pk}/recheck/").status_code == 404
        assert client.post(f"/staff/checker/{checked.pk}/delete/").status_code == 404
        assert str(checked.pk) not in re.findall(
            r"/staff/checker/(\d+)/", client.get("/staff/checker/").content.decode()
        )
    assert CheckBatch.objects.filter(pk=checked.pk).exists()
    client.logout()
    assert client.get(urls[0]).status_code == 302  # to the login page
