"""A batch on a real database: stored files, checked in chunks by the worker function (an
unreadable file among good ones never stops it), progress counts, findings stored, a worker that
died, deleting and purging."""

from datetime import timedelta

import pytest
from django.utils import timezone

from gongkai.checker import queries, services
from gongkai.checker.models import CheckBatch, CheckItem, ItemState
from gongkai.checker.testing import gbk_zip, sample_files
from gongkai.checker.workflow import BatchState
from gongkai.events.models import Event

pytestmark = pytest.mark.django_db


@pytest.fixture
def batch(world, django_capture_on_commit_callbacks):
    files = sample_files()
    with django_capture_on_commit_callbacks(execute=False):  # no worker: the test is the worker
        batch = services.create_batch(world.clerk_a, [*files[:4], ("上报.zip", gbk_zip(files[4:]))])
    return batch


def test_the_files_are_stored_in_the_data_folder(batch, settings):
    items = list(batch.items.all())
    assert batch.total == 6 and batch.state == BatchState.QUEUED
    assert [i.name for i in items[4:]] == ["上报/有错误的报告.json", "上报/损坏的文件.pdf"]
    folder = settings.GONGKAI_CHECKER_DIR / str(batch.pk)
    assert sorted(p.name for p in folder.iterdir()) == sorted(i.stored for i in items)
    docx = items[0]
    assert docx.size == len(sample_files()[0][1]) and len(docx.sha256) == 64
    assert Event.objects.filter(action="checker.batch.create", subject_id=str(batch.pk)).exists()


def test_checked_in_chunks_with_progress_and_the_unreadable_file_does_not_stop_it(batch):
    assert queries.progress(batch).checked == 0
    assert services.check_pending(batch.pk, limit=4) is True
    batch.refresh_from_db()
    p = queries.progress(batch)
    assert (p.checked, p.total, p.state, p.done) == (4, 6, BatchState.CHECKING, False)
    assert p.as_json()["label"] == "已检查 4 / 6"
    assert services.check_pending(batch.pk, limit=4) is False
    batch.refresh_from_db()
    p = queries.progress(batch)
    by_name = {i.name: i for i in batch.items.all()}
    states = {name: i.state for name, i in by_name.items()}
    assert p.done and p.checked == 6 and p.unreadable == 1
    assert (p.clean, p.errors) == (
        sum(s == ItemState.CLEAN for s in states.values()),
        sum(s == ItemState.ERRORS for s in states.values()),
    )
    for name in ("自然资源局2025年报.docx", "自然资源局2025年报.xlsx", "自然资源局2025年报.pdf"):
        assert states[name] == ItemState.CLEAN, name
    docx = by_name["自然资源局2025年报.docx"]
    assert (docx.state, docx.kind, docx.report_format, docx.agency, docx.year) == (
        ItemState.CLEAN,
        "docx",
        "2021",
        "示例县自然资源局",
        2025,
    )
    assert docx.report["schema"] == "gongkai.annual/1"
    bad = by_name["上报/有错误的报告.json"]
    assert bad.state == ItemState.ERRORS and bad.errors >= 3
    codes = {f["code"] for f in bad.findings}
    assert {"T3-BAL", "T3-OUT", "T3-ROW"} <= codes
    assert any("applications.r_total.natural_person" in f["cells"] for f in bad.findings)  # paths kept
    broken = by_name["上报/损坏的文件.pdf"]
    assert broken.state == ItemState.UNREADABLE and broken.error and broken.report is None


def test_findings_for_officers_name_cells_by_their_printed_labels(batch):
    services.check_pending(batch.pk)
    bad = batch.items.get(name="上报/有错误的报告.json")
    rows = queries.findings(bad, queries.stored_report(bad))
    assert rows[0]["severity"] == "error"
    bal = next(r for r in rows if r["code"] == "T3-BAL")
    assert "表三 （七）总计·自然人" in bal["labels"]
    assert all("applications." not in label for r in rows for label in r["labels"])


def test_a_dead_worker_leaves_the_files_pending_and_recheck_goes_on(
    batch, world, django_capture_on_commit_callbacks
):
    services.check_pending(batch.pk, limit=2)
    CheckBatch.objects.filter(pk=batch.pk).update(touched=timezone.now() - timedelta(hours=1))
    batch.refresh_from_db()
    assert queries.progress(batch).stuck and batch.items.filter(state=ItemState.PENDING).count() == 4
    with django_capture_on_commit_callbacks(execute=False) as queued:
        services.recheck(world.clerk_a, batch)
    assert len(queued) == 1  # the worker's task, queued when the transaction commits
    batch.refresh_from_db()
    assert batch.state == BatchState.QUEUED and not queries.progress(batch).stuck
    assert batch.items.filter(state=ItemState.CLEAN).count() == 2  # done work is kept
    services.check_pending(batch.pk)
    batch.refresh_from_db()
    assert queries.progress(batch).done
    services.recheck(world.clerk_a, batch)  # a finished batch: all files again
    assert batch.items.filter(state=ItemState.PENDING).count() == 6


def test_delete_and_purge_remove_the_files(batch, world, settings, django_capture_on_commit_callbacks):
    folder = settings.GONGKAI_CHECKER_DIR / str(batch.pk)
    with django_capture_on_commit_callbacks(execute=True):
        services.delete_batch(world.clerk_a, batch)
    assert not folder.exists() and not CheckItem.objects.filter(batch_id=batch.pk).exists()
    with django_capture_on_commit_callbacks(execute=False):
        old = services.create_batch(world.clerk_a, [("a.txt", b"text")])
        new = services.create_batch(world.clerk_a, [("b.txt", b"text")])
    CheckBatch.objects.filter(pk=old.pk).update(created=timezone.now() - timedelta(days=31))
    settings.GONGKAI_CHECKER_KEEP_DAYS = 30
    with django_capture_on_commit_callbacks(execute=True):
        assert services.purge_old() == 1
    assert list(CheckBatch.objects.values_list("pk", flat=True)) == [new.pk]
    assert not (settings.GONGKAI_CHECKER_DIR / str(old.pk)).exists()
    assert (settings.GONGKAI_CHECKER_DIR / str(new.pk)).exists()


def test_a_refused_upload_keeps_nothing(world, settings):
    with pytest.raises(services.UploadRefused):
        services.create_batch(world.clerk_a, [("a.txt", b"x"), ("b.zip", b"PK\x03\x04 broken")])
    assert not CheckBatch.objects.exists()
    assert not any(settings.GONGKAI_CHECKER_DIR.glob("*/*"))


def test_the_huey_task_checks_the_whole_batch_chunk_by_chunk(
    world, settings, django_capture_on_commit_callbacks
):
    from huey.contrib.djhuey import HUEY

    settings.GONGKAI_CHECKER_CHUNK = 2
    HUEY.immediate = True
    try:
        with django_capture_on_commit_callbacks(execute=True):
            batch = services.create_batch(world.clerk_a, sample_files())
    finally:
        HUEY.immediate = False
    batch.refresh_from_db()
    assert batch.state == BatchState.DONE and queries.progress(batch).checked == 6
