"""Records → report → files → read back; the workflow, the publish gate, versions and PUB-CHANGED."""

import io
from datetime import date

import pytest
from docx import Document

from gongkai.annual.checks import Severity
from gongkai.annual.readers import read_bytes
from gongkai.annual.writers import render
from gongkai.events.models import Event
from gongkai.reports import services
from gongkai.reports.build import build_report, content_hash
from gongkai.reports.checks import evaluate, evaluate_for_publishing, fingerprint
from gongkai.reports.models import AnnualReport, AppendOnlyError, ReportVersion, WarningAcknowledgement
from gongkai.reports.testing import answered, good_workspace, some_applications

pytestmark = pytest.mark.django_db

YEAR = 2025


@pytest.fixture
def data(world):
    from gongkai.appeals.testing import make_appeal  # noqa: F401  (the appeals app's own helper)

    some_applications(world.a, YEAR)
    return world


def _numbers(report):
    return {key: dict(((r, c), v) for r, c, v in table.items()) for key, table in report.tables.items()}


@pytest.mark.parametrize("fmt", ["json", "docx", "xlsx"])
def test_records_to_file_and_back_give_the_same_numbers(data, fmt):
    workspace = good_workspace(data.a, YEAR)
    report = build_report(data.a, YEAR, workspace)
    assert report.applications.get("new_received", "total") == 6
    assert report.applications.get("carried_over_out", "total") == 1
    assert report.applications.get("r_partial", "org_commercial") == 1
    back = read_bytes(render(report, fmt), f"report.{fmt}", f".{fmt}")
    assert _numbers(back) == _numbers(report)
    assert back.year == YEAR and back.agency.name == data.a.name
    if fmt == "docx":
        text = "\n".join(p.text for p in Document(io.BytesIO(render(report, "docx"))).paragraphs)
        assert "本年度共收到政府信息公开申请6件" in text


def test_good_texts_pass_every_check(data):
    ev = evaluate(good_workspace(data.a, YEAR))
    assert not ev.errors and not ev.warnings, [f.message_zh for f in ev.errors + ev.warnings]


def test_submit_is_refused_with_errors_and_nothing_changes(data):
    workspace = services.open_workspace(data.clerk_a, data.a, YEAR)
    events = Event.objects.count()
    with pytest.raises(services.ReportError, match="报告有错误"):
        services.submit(data.clerk_a, workspace)
    workspace.refresh_from_db()
    assert workspace.status == "draft" and Event.objects.count() == events


def test_publishing_is_blocked_by_an_error(data):
    workspace = good_workspace(data.a, YEAR, data.clerk_a)
    services.submit(data.clerk_a, workspace)
    # the error arises after submission (e.g. someone cleared a section through another path)
    AnnualReport.objects.filter(pk=workspace.pk).update(problems="")
    with pytest.raises(services.ReportError, match="错误，不能发布"):
        services.publish(data.reviewer_a, workspace)
    workspace.refresh_from_db()
    assert workspace.status == "in_review"
    assert not ReportVersion.objects.exists() and not WarningAcknowledgement.objects.exists()


def test_roles_clerk_cannot_publish_reviewer_can(data):
    workspace = good_workspace(data.a, YEAR, data.clerk_a)
    services.submit(data.clerk_a, workspace)
    with pytest.raises(services.ReportError, match="权限"):
        services.publish(data.clerk_a, workspace)
    with pytest.raises(services.ReportError, match="权限"):
        services.submit(data.clerk_b, workspace)


def test_every_warning_needs_a_confirmation(data):
    workspace = good_workspace(data.a, YEAR, data.clerk_a)
    workspace = services.save_texts(data.clerk_a, workspace, {"overview_platform": ""})  # SEC1-SUBTOPICS
    services.submit(data.clerk_a, workspace)
    assert [f.code for f in evaluate(workspace).warnings] == ["SEC1-SUBTOPICS"]
    on = date(2026, 1, 20)  # in time: PUB-DEADLINE has nothing to say
    ev = evaluate_for_publishing(workspace, on)
    assert [f.code for f in ev.warnings] == ["SEC1-SUBTOPICS"]
    with pytest.raises(services.ReportError, match="1 项警告未确认"):
        services.publish(data.reviewer_a, workspace, confirmed=set(), on=on)
    result = services.publish(data.reviewer_a, workspace, confirmed={fingerprint(ev.warnings[0])}, on=on)
    assert result.version.number == 1
    ack = WarningAcknowledgement.objects.get()
    assert ack.user == data.reviewer_a and ack.code == "SEC1-SUBTOPICS" and ack.version == result.version


def test_return_needs_a_reason_and_allows_editing_again(data):
    workspace = good_workspace(data.a, YEAR, data.clerk_a)
    services.submit(data.clerk_a, workspace)
    with pytest.raises(services.ReportError, match="退回理由"):
        services.return_report(data.reviewer_a, workspace, " ")
    with pytest.raises(services.ReportError, match="不能修改"):
        services.save_texts(data.clerk_a, workspace, {"problems": "x" * 40})
    services.return_report(data.reviewer_a, workspace, "五部分请写具体整改措施")
    workspace.refresh_from_db()
    assert workspace.status == "returned" and "整改" in workspace.return_reason
    services.save_texts(
        data.clerk_a, workspace, {"other": "（一）信息处理费收取情况。本年度未收取信息处理费。"}
    )
    services.submit(data.clerk_a, workspace)


def _publish(world, workspace):
    services.submit(world.clerk_a, workspace)
    ev = evaluate_for_publishing(workspace)
    return services.publish(world.reviewer_a, workspace, {fingerprint(f) for f in ev.warnings})


def test_a_correction_needs_a_note(data):
    workspace = good_workspace(data.a, YEAR, data.clerk_a)
    v1 = _publish(data, workspace).version
    services.revise(data.clerk_a, workspace)
    workspace.refresh_from_db()
    workspace = services.save_texts(
        data.clerk_a, workspace, {"problems": workspace.problems + "另：补充说明栏目整改进度。"}
    )
    assert "PUB-CHANGED" in {f.code for f in evaluate(workspace).warnings}
    with pytest.raises(services.ReportError, match="更正说明"):
        services.submit(data.clerk_a, workspace)
    workspace = services.save_texts(
        data.clerk_a, workspace, {"correction_note": "补充五部分的整改进度说明。"}
    )
    assert "PUB-CHANGED" not in {f.code for f in evaluate(workspace).findings}
    v2 = _publish(data, workspace).version
    assert v2.number == 2 and v2.correction_note == "补充五部分的整改进度说明。"
    assert v2.content_hash != v1.content_hash
    v1.refresh_from_db()  # the old version is still there, unchanged
    assert (
        v1.content_hash == content_hash(v1.to_report())
        and "补充说明栏目" not in v1.data["sections"]["problems"]
    )


def test_published_versions_are_append_only(data):
    workspace = good_workspace(data.a, YEAR, data.clerk_a)
    v1 = _publish(data, workspace).version
    v1.correction_note = "偷偷改"
    with pytest.raises(AppendOnlyError):
        v1.save()
    with pytest.raises(AppendOnlyError):
        ReportVersion.objects.filter(pk=v1.pk).update(content_hash="0" * 64)
    with pytest.raises(AppendOnlyError):
        v1.delete()


def test_pub_changed_when_the_data_changes_after_publication(data):
    workspace = good_workspace(data.a, YEAR, data.clerk_a)
    v1 = _publish(data, workspace).version
    assert not [f for f in evaluate(workspace).findings if f.code == "PUB-CHANGED"]
    answered(data.a, date(YEAR, 10, 9), "r_open", date(YEAR, 10, 20), "art36_1")  # a late entry
    changed = [f for f in evaluate(workspace).findings if f.code == "PUB-CHANGED"]
    assert len(changed) == 1 and changed[0].severity is Severity.WARNING
    assert "第1版" in changed[0].message_zh
    v1.refresh_from_db()
    assert v1.content_hash == content_hash(v1.to_report())  # the published version did not move


def test_publishing_unchanged_content_makes_no_new_version(data):
    workspace = good_workspace(data.a, YEAR, data.clerk_a)
    _publish(data, workspace)
    services.revise(data.clerk_a, workspace)
    services.save_texts(data.clerk_a, workspace, {"correction_note": "核对后无变化。"})
    result = _publish(data, workspace)
    assert result.version is None and ReportVersion.objects.count() == 1
    workspace.refresh_from_db()
    assert workspace.status == "published"


def test_late_publication_is_a_warning_to_confirm_not_a_block(data, settings):
    workspace = good_workspace(data.a, 2024, data.clerk_a, signature=date(2025, 1, 10))
    services.submit(data.clerk_a, workspace)
    ev = evaluate(workspace, publication_date=date(2025, 3, 1), today=date(2025, 3, 1))
    late = [f for f in ev.warnings if f.code == "PUB-DEADLINE"]
    assert late and late[0].severity is Severity.ERROR and not ev.errors
    with pytest.raises(services.ReportError, match="警告未确认"):
        services.publish(data.reviewer_a, workspace, set(), on=date(2025, 3, 1))
    services.publish(data.reviewer_a, workspace, {fingerprint(f) for f in ev.warnings}, on=date(2025, 3, 1))


def test_a_signing_date_long_before_publishing_asks_for_a_confirmation(data, settings):
    workspace = good_workspace(data.a, 2024, data.clerk_a, signature=date(2025, 1, 2))
    services.submit(data.clerk_a, workspace)
    on = date(2025, 1, 20)
    assert not [f for f in evaluate_for_publishing(workspace, on).findings if f.code == "PUB-SIGNED"]
    settings.GONGKAI_SIGNATURE_GAP_DAYS = 10
    ev = evaluate_for_publishing(workspace, on)
    (signed,) = [f for f in ev.warnings if f.code == "PUB-SIGNED"]
    assert "早 18 天（超过 10 天）" in signed.message_zh and not ev.errors
    with pytest.raises(services.ReportError, match="警告未确认"):
        services.publish(data.reviewer_a, workspace, set(), on=on)
    services.publish(data.reviewer_a, workspace, {fingerprint(f) for f in ev.warnings}, on=on)
    # the published report keeps saying so in its checks
    workspace.refresh_from_db()
    published = evaluate(workspace, today=date(2025, 2, 1))
    assert [f.code for f in published.warnings if f.code == "PUB-SIGNED"] == ["PUB-SIGNED"]


def test_events_are_recorded(data):
    workspace = good_workspace(data.a, YEAR, data.clerk_a)
    _publish(data, workspace)
    actions = list(Event.objects.for_subject(workspace).values_list("action", flat=True))
    assert {"reports.create", "reports.texts.save", "reports.submit", "reports.publish"} <= set(actions)


def test_the_overview_parts_are_the_layouts_subtopics_each_a_field():
    from gongkai.annual.layout import SUBTOPICS
    from gongkai.reports.models import OVERVIEW_PARTS, AnnualReport

    assert [label for _key, label in OVERVIEW_PARTS] == [
        "主动公开",
        "依申请公开",
        "政府信息管理",
        "政府信息公开平台建设",
        "监督保障",
    ]
    assert len(OVERVIEW_PARTS) == len(SUBTOPICS)
    for key, _label in OVERVIEW_PARTS:
        assert AnnualReport._meta.get_field(key)
