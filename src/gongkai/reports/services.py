"""Operations on annual reports. Each public function is one transaction: it checks the action
against the workflow and the actor's role, changes the rows and writes the event log together —
or raises ``ReportError`` with a message in the active language (Chinese by default) and changes
nothing. What is stored (event-log notes, placeholder records) stays Chinese."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from gongkai import law
from gongkai.agencies.access import access_for
from gongkai.agencies.models import Role
from gongkai.annual.errors import ReportError as AnnualReportError
from gongkai.annual.layout import APPLICANT_PARTS, FORMAT_PRE2019
from gongkai.annual.readers import read_bytes
from gongkai.events.services import changed, record, snapshot
from gongkai.i18n import join_clauses
from gongkai.statemachine import TransitionRefused

from . import build
from .checks import Evaluation, evaluate, evaluate_for_publishing, finding_message, fingerprint
from .models import (
    TEXT_FIELDS,
    AnnualReport,
    BaselineUpload,
    ImportedBaseline,
    ReportVersion,
    WarningAcknowledgement,
)
from .signals import baseline_queued
from .workflow import EDITABLE, MACHINE, STATUS_LABELS, UPLOAD_MACHINE, UPLOAD_WAITING, Status, UploadState

MIN_YEAR, MAX_YEAR = law.FIRST_YEAR, law.LAST_YEAR
# seconds an upload may wait in the queue, or be read, before it counts as stuck: a read takes a
# few minutes at most (60 scanned pages at a few seconds each); half an hour means the worker stopped
BASELINE_STUCK_AFTER = 1800

log = logging.getLogger(__name__)


MAX_TEXT = 20_000  # characters per text field; a real section is a few thousand


class ReportError(Exception):
    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


def _require(actor, agency, role) -> None:
    if actor is None:  # the system (demo loader, command line)
        return
    if not access_for(actor, agency).has(role):
        raise ReportError(_("您没有执行此操作的权限。"))


def _check_year(year: int) -> None:
    today = timezone.localdate()
    if not MIN_YEAR <= year <= today.year:
        raise ReportError(
            _("报告年度应在 %(min)d 年至 %(max)d 年之间") % {"min": MIN_YEAR, "max": today.year}, "year"
        )


def _locked(workspace: AnnualReport) -> AnnualReport:
    return AnnualReport.objects.select_for_update().select_related("agency").get(pk=workspace.pk)


def _fire(workspace: AnnualReport, action: str, actor) -> Status:
    if action in MACHINE:  # who may, before in which state: no hints to those who may not
        _require(actor, workspace.agency, MACHINE[action].role)
    try:
        return MACHINE.fire(workspace.status, action)
    except TransitionRefused as exc:
        raise ReportError(exc.message) from None


# ---------------------------------------------------------------- the workspace


def workspace_for(agency, year: int) -> AnnualReport | None:
    return AnnualReport.objects.filter(agency=agency, year=year).select_related("agency").first()


@transaction.atomic
def open_workspace(actor, agency, year: int) -> AnnualReport:
    """The agency's report for ``year``, created (as a draft) on first use."""
    _check_year(year)
    existing = workspace_for(agency, year)
    if existing is not None:
        return existing
    _require(actor, agency, Role.CLERK)
    try:
        with transaction.atomic():
            workspace = AnnualReport.objects.create(agency=agency, year=year)
    except IntegrityError:  # created meanwhile by someone else
        return AnnualReport.objects.get(agency=agency, year=year)
    record(actor, "reports.create", workspace, after={"year": year, "status": workspace.status})
    return workspace


@transaction.atomic
def save_texts(
    actor, workspace: AnnualReport, texts: dict, signature_date: date | None = None
) -> AnnualReport:
    """Save the texts of 一（five sub-topics）、五、六 and the 落款日期. Only drafts and returned reports."""
    workspace = _locked(workspace)
    _require(actor, workspace.agency, Role.CLERK)
    if workspace.status_enum not in EDITABLE:
        if workspace.status_enum is Status.PUBLISHED:
            message = _("报告当前为“%(status)s”，不能修改；如需更正，请先点击“更正已发布的报告”。")
        else:
            message = _("报告当前为“%(status)s”，不能修改；请等待审核结果。")
        raise ReportError(message % {"status": workspace.status_label})
    fields = [f for f in TEXT_FIELDS if f in texts]
    for name in fields:
        value = str(texts[name] or "").replace("\r\n", "\n").strip()
        if len(value) > MAX_TEXT:
            label = AnnualReport._meta.get_field(name).verbose_name
            raise ReportError(
                _("“%(label)s”过长（%(n)d 字，最多 %(max)d 字）")
                % {"label": label, "n": len(value), "max": MAX_TEXT},
                name,
            )
        texts[name] = value
    if signature_date is not None:
        if signature_date.year not in (workspace.year, workspace.year + 1):
            raise ReportError(
                _("落款日期应在 %(year)d 年或 %(next)d 年")
                % {"year": workspace.year, "next": workspace.year + 1},
                "signature_date",
            )
        if signature_date > timezone.localdate():
            raise ReportError(_("落款日期不能晚于今天"), "signature_date")
    before = snapshot(workspace, [*fields, "signature_date"])
    for name in fields:
        setattr(workspace, name, texts[name])
    if signature_date is not None:
        workspace.signature_date = signature_date
    if "correction_note" in texts:
        if not workspace.versions.exists():
            raise ReportError(_("报告尚未发布过，无需更正说明"), "correction_note")
        workspace.correction_note = str(texts["correction_note"] or "").strip()[:MAX_TEXT]
        before["correction_note"] = ""
    after = snapshot(workspace, [*fields, "signature_date"])
    if "correction_note" in texts:
        after["correction_note"] = workspace.correction_note
    before, after = changed(before, after)
    if not after:
        return workspace
    workspace.save()
    record(actor, "reports.texts.save", workspace, before, after)
    return workspace


@transaction.atomic
def submit(actor, workspace: AnnualReport) -> AnnualReport:
    workspace = _locked(workspace)
    target = _fire(workspace, "submit", actor)
    ev = evaluate(workspace)
    if ev.errors:
        raise ReportError(
            _("报告有错误，不能提交审核：") + join_clauses(finding_message(f) for f in ev.errors[:5])
        )
    if workspace.versions.exists() and not workspace.correction_note.strip():
        raise ReportError(_("这是对已发布报告的更正，请先写明更正说明"), "correction_note")
    before = workspace.status
    workspace.status = target.value
    workspace.return_reason = ""
    workspace.submitted_by = actor if getattr(actor, "is_authenticated", False) else None
    workspace.submitted_at = timezone.now()
    workspace.save()
    record(
        actor,
        "reports.submit",
        workspace,
        {"status": before},
        {"status": workspace.status, "hash": ev.content_hash},
    )
    return workspace


@transaction.atomic
def return_report(actor, workspace: AnnualReport, reason: str) -> AnnualReport:
    workspace = _locked(workspace)
    target = _fire(workspace, "return", actor)
    reason = (reason or "").strip()
    if not reason:
        raise ReportError(_("请写明退回理由"), "reason")
    before = workspace.status
    workspace.status = target.value
    workspace.return_reason = reason[:MAX_TEXT]
    workspace.save()
    record(actor, "reports.return", workspace, {"status": before}, {"status": workspace.status}, note=reason)
    return workspace


@transaction.atomic
def revise(actor, workspace: AnnualReport) -> AnnualReport:
    """Start a correction of a published report: back to draft; the published versions stay as they are."""
    workspace = _locked(workspace)
    target = _fire(workspace, "revise", actor)
    workspace.status = target.value
    workspace.correction_note = ""
    workspace.save()
    record(
        actor, "reports.revise", workspace, {"status": Status.PUBLISHED.value}, {"status": workspace.status}
    )
    return workspace


@dataclass(frozen=True)
class Published:
    workspace: AnnualReport
    version: ReportVersion | None  # None when the content was the same as the last version
    evaluation: Evaluation


@transaction.atomic
def publish(
    actor, workspace: AnnualReport, confirmed: set[str] | frozenset[str] = frozenset(), on: date | None = None
) -> Published:
    """Approve and publish. Refused on any check error; every warning must be in ``confirmed`` (its
    fingerprint). Publishing snapshots the report JSON with its sha256 as a new version; a version
    after the first needs the 更正说明 written while revising."""
    workspace = _locked(workspace)
    target = _fire(workspace, "publish", actor)
    today = timezone.localdate()
    on = on or today
    if on > today:
        raise ReportError(_("发布日期不能晚于今天"), "on")
    if workspace.signature_date is None:
        workspace.signature_date = on  # the day it is signed off, if staff set none
    ev = evaluate_for_publishing(workspace, on)
    if ev.errors:
        raise ReportError(
            _("报告有 %(n)d 项错误，不能发布：") % {"n": len(ev.errors)}
            + join_clauses(finding_message(f) for f in ev.errors[:5])
        )
    missing = [f for f in ev.warnings if fingerprint(f) not in confirmed]
    if missing:
        raise ReportError(
            _("还有 %(n)d 项警告未确认，请逐项确认后再发布：") % {"n": len(missing)}
            + join_clauses(finding_message(f) for f in missing[:5])
        )
    latest = workspace.latest_version()
    if latest is not None and not workspace.correction_note.strip():
        raise ReportError(_("这是对已发布报告的更正，须写明更正说明"), "correction_note")
    before = workspace.status
    workspace.status = target.value
    workspace.return_reason = ""
    version = None
    if latest is None or latest.content_hash != ev.content_hash:
        version = ReportVersion.objects.create(
            report=workspace,
            number=(latest.number + 1) if latest else 1,
            data=ev.report.to_json(),
            content_hash=ev.content_hash,
            # a publication recorded after the fact (like applications' ``on``) keeps its day
            published_at=timezone.now()
            if on == today
            else timezone.make_aware(datetime.combine(on, time(12, 0))),
            published_by=actor if getattr(actor, "is_authenticated", False) else None,
            correction_note=workspace.correction_note.strip() if latest else "",
        )
    if actor is not None:
        WarningAcknowledgement.objects.bulk_create(
            WarningAcknowledgement(
                report=workspace,
                version=version,
                code=f.code,
                fingerprint=fingerprint(f),
                message=f.message_zh,
                user=actor,
            )
            for f in ev.warnings
        )
    workspace.correction_note = ""
    workspace.save()
    record(
        actor,
        "reports.publish",
        workspace,
        {"status": before},
        {
            "status": workspace.status,
            "version": version.number if version else latest.number,
            "hash": ev.content_hash,
            "confirmed_warnings": [f.code for f in ev.warnings],
        },
        note="" if version else "内容与已发布版本相同，未生成新版本",
    )
    return Published(workspace, version, ev)


# ---------------------------------------------------------------- last year's report as a baseline


def _may_import(actor, agency, year: int) -> None:
    """What is refused before a file is read: the role, the year, a year already on the platform."""
    _require(actor, agency, Role.CLERK)
    _check_year(year)
    if AnnualReport.objects.filter(agency=agency, year=year, versions__isnull=False).exists():
        raise ReportError(_("%(year)d年度报告已在本平台发布，无需导入") % {"year": year}, "year")
    if ImportedBaseline.objects.filter(agency=agency, year=year).exists():
        raise ReportError(_("%(year)d年度报告已导入过；如需替换，请联系站点管理员") % {"year": year}, "year")


def _read_baseline(agency, year: int, data: bytes, filename: str):
    """The file as a report of ``agency`` for ``year`` (the slow part: a scanned PDF goes through
    OCR), or ReportError saying why it cannot be one. Writes nothing."""
    suffix = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    try:
        report = read_bytes(data, filename, suffix)
    except AnnualReportError as exc:
        raise ReportError(
            _("无法读取“%(file)s”：%(error)s") % {"file": filename, "error": exc}, "file"
        ) from None
    if report.format == FORMAT_PRE2019 or report.applications is None:
        raise ReportError(
            _("“%(file)s”不是 2019 年以后格式的年度报告（没有统一的表三），无法作为基准")
            % {"file": filename},
            "file",
        )
    if report.year is not None and report.year != year:
        raise ReportError(
            _("文件中的报告年度为 %(found)d 年，与所选的 %(year)d 年不符")
            % {"found": report.year, "year": year},
            "year",
        )
    if report.year is None:
        report.year = year
    if report.agency.name is None:
        report.agency.name = agency.name
    elif report.agency.name.replace(" ", "") != agency.name.replace(" ", ""):
        raise ReportError(
            _("文件中的机关为“%(found)s”，不是“%(name)s”")
            % {"found": report.agency.name, "name": agency.name},
            "file",
        )
    report.agency.kind = report.agency.kind or agency.kind_enum
    report.agency.level = report.agency.level or agency.level_enum
    return report


def _store_baseline(actor, agency, year: int, report, filename: str) -> ImportedBaseline:
    baseline = ImportedBaseline.objects.create(
        agency=agency,
        year=year,
        data=report.to_json(),
        content_hash=build.content_hash(report),
        source_name=filename[:200],
        notes=[n.message for n in report.notes][:50],
        imported_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    record(
        actor,
        "reports.baseline.import",
        baseline,
        after={"year": year, "source": baseline.source_name, "hash": baseline.content_hash},
        agency=agency,
    )
    return baseline


@transaction.atomic
def import_baseline(actor, agency, year: int, data: bytes, filename: str) -> ImportedBaseline:
    """Read a report published before the platform (any format ``gongkai.annual.readers`` reads),
    at once; ``queue_baseline_import`` reads it on the worker instead."""
    _may_import(actor, agency, year)
    return _store_baseline(actor, agency, year, _read_baseline(agency, year, data, filename), filename)


def reads_on_the_worker(data: bytes, filename: str) -> bool:
    """A PDF: it may be a scan, which OCR reads at a few seconds a page, too long for a request."""
    return filename.lower().endswith(".pdf") or data[:5] == b"%PDF-"


def _stuck_since():
    return timezone.now() - timedelta(seconds=BASELINE_STUCK_AFTER)


def _is_stuck(upload: BaselineUpload, since) -> bool:
    """Waiting far longer than any read takes, counted from the start of the read (or the upload,
    while queued): the worker stopped."""
    if upload.state == UploadState.QUEUED:
        return upload.uploaded_at < since
    return upload.state == UploadState.READING and upload.started_at is not None and upload.started_at < since


def fail_stuck_uploads(agency=None, year: int | None = None) -> int:
    """Fail the stuck uploads (of ``agency`` and ``year`` when given), so the officer sees why and
    may send the file again. The worker's sweep and a new upload of the same year call it."""
    since = _stuck_since()
    stuck = BaselineUpload.objects.filter(
        Q(state=UploadState.QUEUED, uploaded_at__lt=since)
        | Q(state=UploadState.READING, started_at__lt=since)
    )
    if agency is not None:
        stuck = stuck.filter(agency=agency, year=year)
    failed = 0
    for pk in stuck.values_list("pk", flat=True):
        with transaction.atomic():
            upload = _locked_upload(pk)
            if upload is not None and _is_stuck(upload, since):  # not finished meanwhile
                with translation.override(settings.LANGUAGE_CODE):  # stored text stays Chinese
                    _finish_upload(upload, "fail", error=_("读取中断（后台任务未完成），请重新上传"))
                failed += 1
    return failed


@transaction.atomic
def queue_baseline_import(actor, agency, year: int, data: bytes, filename: str) -> BaselineUpload:
    """Keep the file for the worker (``read_queued_baseline``) once what needs no reading is
    allowed; the worker is told after the commit. One file per agency and year waits at a time."""
    _may_import(actor, agency, year)
    fail_stuck_uploads(agency, year)
    waiting = _("%(year)d年度报告的文件正在读取，请等待结果") % {"year": year}
    if BaselineUpload.objects.filter(agency=agency, year=year, state__in=UPLOAD_WAITING).exists():
        raise ReportError(waiting, "year")
    try:
        with transaction.atomic():  # the constraint decides between two uploads at the same moment
            upload = BaselineUpload.objects.create(
                agency=agency,
                year=year,
                source_name=filename[:200],
                data=data,
                size=len(data),
                uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
            )
    except IntegrityError:
        raise ReportError(waiting, "year") from None
    record(
        actor,
        "reports.baseline.queue",
        upload,
        after={"year": year, "source": upload.source_name, "state": upload.state},
        agency=agency,
    )
    transaction.on_commit(lambda: baseline_queued.send(sender=BaselineUpload, upload_id=upload.pk))
    return upload


def _locked_upload(pk: int) -> BaselineUpload | None:
    # of=("self",): PostgreSQL locks no row on the nullable side of an outer join (uploaded_by)
    return (
        BaselineUpload.objects.select_for_update(of=("self",))
        .select_related("agency", "uploaded_by")
        .filter(pk=pk)
        .first()
    )


def _finish_upload(upload: BaselineUpload, action: str, *, error: str = "", baseline=None) -> BaselineUpload:
    """Within the caller's transaction, on the row as locked (``_locked_upload``)."""
    before = upload.state
    upload.state = UPLOAD_MACHINE.fire(upload.state, action)
    upload.error, upload.baseline, upload.data = error, baseline, b""  # the file is not kept once read
    upload.finished_at = timezone.now()
    upload.save(update_fields=["state", "error", "baseline", "data", "finished_at"])
    with translation.override(settings.LANGUAGE_CODE):
        note = _("后台读取")
    record(
        upload.uploaded_by,
        "reports.baseline.finish" if action == "finish" else "reports.baseline.fail",
        upload,
        {"state": before},
        {"state": upload.state, "error": error},
        agency=upload.agency,
        note=note,
    )
    return upload


def read_queued_baseline(upload_id: int) -> BaselineUpload | None:
    """The worker's part: read the kept file and import it, or record why it could not be. The
    file is read outside any transaction (OCR takes a while). The import and the outcome are then
    stored together, on the row locked again, and only by the read that started last (a task
    delivered twice, or a read failed as stuck meanwhile, changes nothing)."""
    with transaction.atomic():
        upload = _locked_upload(upload_id)
        if upload is None or upload.state not in UPLOAD_WAITING:
            return upload  # queued twice, or already read
        upload.state = UPLOAD_MACHINE.fire(upload.state, "start")
        upload.started_at = started = timezone.now()
        upload.save(update_fields=["state", "started_at"])
    actor, agency, year, name = upload.uploaded_by, upload.agency, upload.year, upload.source_name
    with translation.override(settings.LANGUAGE_CODE):
        try:
            _may_import(actor, agency, year)
            report, message = _read_baseline(agency, year, bytes(upload.data), name), ""
        except ReportError as exc:
            report, message = None, exc.message
        except Exception:  # a reader's bug must not leave the officer waiting for ever
            log.exception("baseline upload %s: reading failed", upload_id)
            report, message = None, _("读取文件时出现意外错误，请重新上传；如仍不行，请联系站点管理员")
        with transaction.atomic():
            current = _locked_upload(upload_id)
            if current is None or current.state != UploadState.READING or current.started_at != started:
                return current  # another read took over, or this one was failed as stuck
            if report is not None:
                try:
                    with transaction.atomic():
                        _may_import(actor, agency, year)  # again: the file took a while to read
                        baseline = _store_baseline(actor, agency, year, report, name)
                except ReportError as exc:  # imported or published meanwhile
                    message = exc.message
                else:
                    return _finish_upload(current, "finish", baseline=baseline)
            return _finish_upload(current, "fail", error=message)


def carried_over_counts(baseline: ImportedBaseline) -> dict[str, int]:
    """四、结转下年度继续办理 per applicant column of the baseline (blank cells count as 0)."""
    table = baseline.to_report().applications
    return {c: int(table.get("carried_over_out", c) or 0) for c in APPLICANT_PARTS}


PLACEHOLDER_NAME = "上年结转申请（待补录申请人信息）"


@transaction.atomic
def enter_carried_over(actor, baseline: ImportedBaseline, received_on: date | None = None) -> list:
    """Create one open application per application the baseline carried over to the next year, in
    its applicant column, through the applications app's own intake — so table 三's 上年结转 of the
    following year matches the baseline (XY-CARRY). The records carry a placeholder applicant that
    staff complete; the agency's office phone stands in as the contact number."""
    from gongkai.applications.models import Channel
    from gongkai.applications.services import ApplicantData, ApplicationError, register_by_staff

    agency = baseline.agency
    _require(actor, agency, Role.CLERK)
    baseline = ImportedBaseline.objects.select_for_update().get(pk=baseline.pk)
    if baseline.carried_entered_at is not None:
        raise ReportError(_("结转申请已录入过，不能重复录入"))
    counts = carried_over_counts(baseline)
    if not sum(counts.values()):
        raise ReportError(_("%(year)d年度报告没有结转下年度继续办理的申请") % {"year": baseline.year})
    received_on = received_on or date(baseline.year, 12, 31)
    if received_on.year != baseline.year:
        raise ReportError(_("结转申请的收到日期应在 %(year)d 年内") % {"year": baseline.year}, "received_on")
    created = []
    try:
        for column, count in counts.items():
            organisation = column != "natural_person"
            data = ApplicantData(
                applicant_type=column,
                name=PLACEHOLDER_NAME,
                id_type="other_organisation" if organisation else "other_personal",
                id_number="待补录",
                phone=agency.office_phone or "",
                description=f"{baseline.year}年度结转至下年度继续办理的申请（由导入的年度报告生成，待补录申请内容）",
                delivery_form="paper",
                delivery_channel="pickup",
            )
            for _number in range(count):
                intake = register_by_staff(actor, agency, data, Channel.IN_PERSON, received_on=received_on)
                created.append(intake.application)
    except ApplicationError as exc:
        hint = _("（请先在机构设置中填写有效的联系电话）") if exc.field == "phone" else ""
        raise ReportError(_("未能录入结转申请：%(error)s") % {"error": exc.message} + hint) from None
    baseline.carried_entered_at = timezone.now()
    baseline.save(update_fields=["carried_entered_at"])
    record(
        actor,
        "reports.baseline.carried_over",
        baseline,
        after={"created": len(created), "per_column": counts, "received_on": received_on},
        agency=agency,
    )
    return created


def status_label(status: str) -> str:
    return str(STATUS_LABELS[Status(status)])
