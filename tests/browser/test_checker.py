"""An evaluator checks a pile of published reports: opens the checker from the staff home, uploads
Word, Excel, HTML, PDF and JSON files (and real reports from the corpus when it is there), watches
the count go up while the worker takes the batch chunk by chunk off the real huey queue, opens the
file with errors down to its marked cells, and downloads the findings — at 1280 and 390 px."""

import io
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from gongkai.checker.testing import sample_files
from tests.conftest import CORPUS

CORPUS_FILES = ("010_hongzequ_2023.txt", "011_hongzequ_2024.txt")


@pytest.fixture
def queue(settings, tmp_path):
    """huey with its queue in memory and no consumer: the test takes each task off the queue and
    runs it, as the worker would, so that every step of the progress can be seen."""
    from huey.contrib.djhuey import HUEY
    from huey.storage import MemoryStorage

    settings.GONGKAI_CHECKER_DIR = tmp_path / "checker"
    settings.GONGKAI_CHECKER_CHUNK = 2
    kept, HUEY.storage = HUEY.storage, MemoryStorage(HUEY.name)
    assert not HUEY.immediate
    try:
        yield HUEY
    finally:
        HUEY.storage = kept


def _files(folder: Path) -> list[Path]:
    folder.mkdir()
    paths = []
    for name, data in sample_files():
        path = folder / name
        path.write_bytes(data)
        paths.append(path)
    for name in CORPUS_FILES:  # real reports, read in place
        if (CORPUS / "reports" / name).is_file():
            paths.append(CORPUS / "reports" / name)
    return paths


def _run_one_task(huey) -> bool:
    task = huey.dequeue()
    if task is None:
        return False
    huey.execute(task)
    return True


def test_an_evaluator_checks_a_batch_of_reports(live_server, page, shot, world, login, queue, tmp_path):
    base = live_server.url
    page.set_viewport_size({"width": 1280, "height": 900})
    login(page, world.supervisor)
    page.goto(f"{base}/staff/")
    page.locator("nav.staff-nav").get_by_role("link", name="批量检查报告").click()
    expect(page.get_by_role("heading", name="批量检查报告", level=1)).to_be_visible()
    shot("upload")

    files = _files(tmp_path / "in")
    page.get_by_label("报告文件或 ZIP 压缩包").set_input_files([str(p) for p in files])
    page.get_by_role("button", name="上传并检查").click()
    total = len(files)
    label = page.locator("#progress-label")
    expect(label).to_have_text(f"已检查 0 / {total}")
    shot("queued")

    # The worker takes the batch two files at a time; the page follows without being reloaded.
    assert _run_one_task(queue)
    expect(label).to_have_text(f"已检查 2 / {total}")
    expect(page.locator("#progress-bar")).to_have_attribute("value", "2")
    shot("progress")
    while _run_one_task(queue):
        pass
    expect(page.locator("table.results tbody tr")).to_have_count(total)  # reloaded when done
    expect(page.locator("#progress-label")).to_have_text(f"已检查 {total} / {total}")
    broken = page.locator("table.results tr", has_text="损坏的文件.pdf")
    expect(broken).to_contain_text("无法读取")
    bad = page.locator("table.results tr", has_text="有错误的报告.json")
    expect(bad).to_contain_text("有错误")
    expect(bad).to_contain_text("示例县自然资源局")
    if (CORPUS / "reports" / CORPUS_FILES[0]).is_file():
        expect(page.locator("table.results tr", has_text=CORPUS_FILES[0])).to_contain_text("洪泽区人民政府")
    page.get_by_role("link", name="错误", exact=True).click()  # sorted by errors
    page.get_by_role("link", name=re.compile("^错误")).click()  # again: most errors first
    expect(page.locator("table.results tbody tr").first).to_contain_text("有错误")
    shot("results")

    with page.expect_download() as info:
        page.get_by_role("link", name="下载检查结果（Excel）").click()
    rows = list(
        load_workbook(io.BytesIO(Path(info.value.path()).read_bytes())).active.iter_rows(values_only=True)
    )
    assert rows[0][0] == "文件" and any(r[4] == "T3-BAL" and "表三 （七）总计·自然人" in r[6] for r in rows)

    page.get_by_role("link", name="有错误的报告.json").click()
    finding = page.locator("li.finding", has_text="T3-BAL")
    expect(finding).to_contain_text("表三 （七）总计·自然人")
    expect(page.locator("td.marked").first).to_be_visible()
    shot("drilldown")
    finding.get_by_role("link", name="在表中查看").click()
    expect(page.locator('td.marked[id="cell-applications.r_total.natural_person"]')).to_be_visible()
    expect(page.locator("#tables + p")).to_contain_text("表三 （七）总计·自然人")
    shot("drilldown-cells")
    body = page.locator("main").inner_text()
    assert not re.search(r"\b(applications|review_litigation)\.[a-z_]+", body)

    # --- on a phone
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    shot("phone-drilldown")
    page.get_by_role("link", name="返回本批检查结果").click()
    expect(page.locator("table.results")).to_be_visible()
    shot("phone-results")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 400, width  # the wide table scrolls inside its box, the page does not
    page.goto(f"{base}/staff/checker/")
    shot("phone-upload")
