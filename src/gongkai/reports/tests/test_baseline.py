"""Last year's report imported as a baseline: XY-CARRY from the first year, carried-over records."""

import os
from datetime import date
from pathlib import Path

import pytest

from gongkai.agencies.testing import make_agency
from gongkai.annual.example import example_report
from gongkai.annual.model import AgencyKind, AgencyLevel
from gongkai.annual.sum import recompute_totals
from gongkai.annual.writers import render
from gongkai.applications.models import Application
from gongkai.reports import services
from gongkai.reports.checks import evaluate
from gongkai.reports.models import ImportedBaseline
from gongkai.reports.testing import good_workspace

pytestmark = pytest.mark.django_db

CORPUS = Path(os.environ.get("GONGKAI_CORPUS", Path(__file__).resolve().parents[5] / "shared" / "corpus"))


def last_year_report(agency, carried_out: dict[str, int]):
    """A published-looking 2024 report of ``agency`` whose 结转下年度 is ``carried_out``."""
    report = example_report(2024)
    report.agency.name = agency.name
    report.title = f"{agency.name}2024年政府信息公开工作年度报告"
    table = report.applications
    for column, n in carried_out.items():
        moved = n - table.get("carried_over_out", column)
        table.set("carried_over_out", column, n)
        table.set("r_open", column, table.get("r_open", column) - moved)  # keep T3-BAL true
    recompute_totals(table)
    return report


def _codes(workspace):
    return [(f.code, f.severity.value) for f in evaluate(workspace).findings if f.code.startswith("XY-")]


@pytest.mark.parametrize("fmt", ["docx", "json"])
def test_import_makes_xy_carry_work_and_carried_records_fix_it(world, fmt):
    agency = world.a
    report = last_year_report(agency, {"natural_person": 2, "org_commercial": 1})
    baseline = services.import_baseline(world.clerk_a, agency, 2024, render(report, fmt), f"2024年报.{fmt}")
    assert baseline.to_report().applications.get("carried_over_out", "total") == 3

    workspace = good_workspace(agency, 2025, world.clerk_a)
    found = [f for f in evaluate(workspace).findings if f.code == "XY-CARRY"]
    assert len(found) == 1 and "自然人：本年 0，上年 2" in found[0].message_zh

    with pytest.raises(services.ReportError, match="联系电话"):  # the agency has no office phone yet
        services.enter_carried_over(world.clerk_a, baseline)
    assert not Application.objects.filter(agency=agency).exists()  # nothing half-entered

    agency.office_phone = "0999-6200111"
    agency.save()
    created = services.enter_carried_over(world.clerk_a, baseline)
    assert len(created) == 3 and all(a.is_open and a.received_on == date(2024, 12, 31) for a in created)
    assert sorted(a.applicant_type for a in created) == ["natural_person", "natural_person", "org_commercial"]
    workspace = good_workspace(agency, 2025, world.clerk_a)  # texts redrafted from the new figures
    assert not [f for f in evaluate(workspace).findings if f.code == "XY-CARRY"]
    with pytest.raises(services.ReportError, match="不能重复录入"):
        services.enter_carried_over(world.clerk_a, baseline)


def test_bad_files_are_refused_with_a_message_and_nothing_saved(world):
    with pytest.raises(services.ReportError, match="无法读取"):
        services.import_baseline(world.clerk_a, world.a, 2024, b"PK\x03\x04garbage", "x.docx")
    other = last_year_report(world.b, {})
    with pytest.raises(services.ReportError, match="不是“示例县教育局”"):
        services.import_baseline(world.clerk_a, world.a, 2024, render(other, "json"), "b.json")
    mine = last_year_report(world.a, {})
    with pytest.raises(services.ReportError, match="与所选的 2023 年不符"):
        services.import_baseline(world.clerk_a, world.a, 2023, render(mine, "json"), "a.json")
    with pytest.raises(services.ReportError, match="权限"):
        services.import_baseline(world.clerk_b, world.a, 2024, render(mine, "json"), "a.json")
    assert not ImportedBaseline.objects.exists()


@pytest.mark.skipif(not (CORPUS / "reports").is_dir(), reason="corpus not available")
def test_a_corpus_report_is_a_baseline(world):
    agency = make_agency(
        "t-huaian", "淮安市人民政府", kind=AgencyKind.GOVERNMENT.value, level=AgencyLevel.CITY.value
    )
    data = (CORPUS / "reports" / "009_huaian_2024.txt").read_bytes()
    baseline = services.import_baseline(None, agency, 2024, data, "009_huaian_2024.txt")
    assert baseline.to_report().applications.get("carried_over_out", "total") == 103
    workspace = good_workspace(agency, 2025)
    found = [f for f in evaluate(workspace).findings if f.code == "XY-CARRY"]
    assert found and "上年" in found[0].message_zh  # 0 carried in against 103 carried out


# ---------------------------------------------------------------- PDFs, read on the worker


def _queued(world, agency, year: int, data: bytes, name: str, capture):
    with capture(execute=False) as callbacks:  # no worker: the test is the worker
        upload = services.queue_baseline_import(world.clerk_a, agency, year, data, name)
    assert len(callbacks) == 1 and upload.state == "queued" and bytes(upload.data) == data
    return upload


def test_a_pdf_is_read_on_the_worker_and_the_outcome_kept(world, django_capture_on_commit_callbacks):
    from gongkai.events.models import Event

    data = render(last_year_report(world.a, {"natural_person": 2}), "pdf")
    assert services.reads_on_the_worker(data, "2024年报.pdf")
    upload = _queued(world, world.a, 2024, data, "2024年报.pdf", django_capture_on_commit_callbacks)
    assert not ImportedBaseline.objects.exists()  # nothing imported until the worker reads it
    done = services.read_queued_baseline(upload.pk)
    assert done.state == "done" and done.error == "" and bytes(done.data) == b""  # the file is dropped
    assert done.baseline.to_report().applications.get("carried_over_out", "total") == 2
    assert done.baseline.source_name == "2024年报.pdf"
    actions = Event.objects.filter(action__startswith="reports.baseline").values_list("action", flat=True)
    assert sorted(actions) == ["reports.baseline.finish", "reports.baseline.import", "reports.baseline.queue"]
    # read again (the task queued twice): nothing more
    assert services.read_queued_baseline(upload.pk).state == "done"
    assert ImportedBaseline.objects.count() == 1
    # and the year is then taken
    with pytest.raises(services.ReportError, match="已导入过"):
        services.queue_baseline_import(world.clerk_a, world.a, 2024, data, "again.pdf")


def test_a_pdf_that_is_no_baseline_fails_with_the_reason(world, django_capture_on_commit_callbacks):
    other = render(last_year_report(world.b, {}), "pdf")
    upload = _queued(world, world.a, 2024, other, "b.pdf", django_capture_on_commit_callbacks)
    failed = services.read_queued_baseline(upload.pk)
    assert failed.state == "failed" and "不是“示例县教育局”" in failed.error and bytes(failed.data) == b""
    broken = _queued(
        world, world.a, 2024, b"%PDF-1.4 not a pdf at all", "x.pdf", django_capture_on_commit_callbacks
    )
    failed = services.read_queued_baseline(broken.pk)
    assert failed.state == "failed" and "无法读取“x.pdf”" in failed.error
    assert not ImportedBaseline.objects.exists()


def test_one_file_per_year_waits_and_a_stuck_one_gives_way(world, django_capture_on_commit_callbacks):
    from datetime import timedelta

    from django.utils import timezone

    from gongkai.reports.models import BaselineUpload

    data = render(last_year_report(world.a, {}), "pdf")
    first = _queued(world, world.a, 2024, data, "a.pdf", django_capture_on_commit_callbacks)
    with pytest.raises(services.ReportError, match="正在读取"):
        services.queue_baseline_import(world.clerk_a, world.a, 2024, data, "a.pdf")
    # the worker stopped: after a while in the queue the file counts as lost, and may be sent again
    long_ago = timezone.now() - timedelta(seconds=services.BASELINE_STUCK_AFTER + 60)
    BaselineUpload.objects.filter(pk=first.pk).update(uploaded_at=long_ago)
    second = _queued(world, world.a, 2024, data, "a.pdf", django_capture_on_commit_callbacks)
    first.refresh_from_db()
    assert first.state == "failed" and "读取中断" in first.error
    assert services.read_queued_baseline(second.pk).state == "done"
    with pytest.raises(services.ReportError, match="权限"):
        services.queue_baseline_import(world.clerk_b, world.a, 2023, data, "a.pdf")


def test_the_sweep_fails_a_read_that_never_ended_counted_from_its_start(
    world, django_capture_on_commit_callbacks
):
    """Long in the queue is no reason while it is being read: the read's own start counts."""
    from datetime import timedelta

    from django.utils import timezone

    from gongkai.reports.models import BaselineUpload
    from gongkai.reports.tasks import fail_stuck_uploads

    data = render(last_year_report(world.a, {}), "pdf")
    upload = _queued(world, world.a, 2024, data, "a.pdf", django_capture_on_commit_callbacks)
    long_ago = timezone.now() - timedelta(seconds=services.BASELINE_STUCK_AFTER + 60)
    BaselineUpload.objects.filter(pk=upload.pk).update(
        uploaded_at=long_ago, state="reading", started_at=timezone.now()
    )
    assert fail_stuck_uploads.call_local() == 0  # waited long, but its read has just begun
    BaselineUpload.objects.filter(pk=upload.pk).update(started_at=long_ago)
    assert fail_stuck_uploads.call_local() == 1
    upload.refresh_from_db()
    assert upload.state == "failed" and "读取中断" in upload.error and bytes(upload.data) == b""


def test_only_the_latest_read_finishes_an_upload(world, django_capture_on_commit_callbacks, monkeypatch):
    """A read failed as stuck while it ran stays failed, its outcome dropped. A task delivered again
    while the first read runs (Celery after a worker died) starts a new read: the first read's
    outcome is then dropped too, and one baseline is imported."""
    from datetime import timedelta

    from django.utils import timezone

    from gongkai.reports.models import BaselineUpload

    data = render(last_year_report(world.a, {}), "pdf")
    read = services._read_baseline
    stuck = _queued(world, world.a, 2024, data, "a.pdf", django_capture_on_commit_callbacks)

    def failed_as_stuck_meanwhile(*args):
        past = timezone.now() - timedelta(seconds=services.BASELINE_STUCK_AFTER + 60)
        BaselineUpload.objects.filter(pk=stuck.pk).update(started_at=past)
        assert services.fail_stuck_uploads() == 1
        return read(*args)

    monkeypatch.setattr(services, "_read_baseline", failed_as_stuck_meanwhile)
    assert services.read_queued_baseline(stuck.pk).state == "failed"
    assert not ImportedBaseline.objects.exists()  # the file read well, but too late

    upload = _queued(world, world.a, 2024, data, "a.pdf", django_capture_on_commit_callbacks)
    calls = []

    def delivered_again_meanwhile(*args):
        calls.append(args)
        if len(calls) == 1:  # during the first read, the task arrives again and is read through
            assert services.read_queued_baseline(upload.pk).state == "done"
        return read(*args)

    monkeypatch.setattr(services, "_read_baseline", delivered_again_meanwhile)
    assert services.read_queued_baseline(upload.pk).state == "done"
    assert len(calls) == 2 and ImportedBaseline.objects.count() == 1
    upload.refresh_from_db()
    assert upload.baseline is not None and upload.error == ""
