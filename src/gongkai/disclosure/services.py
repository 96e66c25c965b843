"""The writes of a plan, one transaction each, with their event-log record. The log says who
redacted what by kinds and counts, never the redacted data itself.

Publishing goes through the catalogue's own services: the entry is created as a draft with the
redacted files as attachments and submitted; the agency's 审核人 publishes it (catalogue workflow).
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from datetime import date

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai import statemachine
from gongkai.agencies.access import access_for
from gongkai.agencies.models import Role
from gongkai.catalogue import attachments as catalogue_attachments
from gongkai.catalogue import services as catalogue_services
from gongkai.catalogue import workflow as catalogue_workflow
from gongkai.catalogue.errors import CatalogueError
from gongkai.catalogue.files import DOCX, PDF, sniff_upload
from gongkai.catalogue.models import DisclosureMode, DocType
from gongkai.events.services import record
from gongkai.redaction import Proposal, apply, detect, pdf, profile, word
from gongkai.redaction.profiles import PENALTY_DECISION

from .models import Document, Plan, PlanState, Redaction
from .queries import can_convert, case_names
from .workflow import MACHINE

MAX_BYTES = 20 * 1024 * 1024
READERS = {PDF.key: lambda data: pdf.extract(data).text, DOCX.key: word.extract}


class DisclosureError(Exception):
    def __init__(self, message, field: str | None = None):
        super().__init__(str(message))
        self.message = str(message)
        self.field = field


def _require_clerk(actor, agency) -> None:
    if not access_for(actor, agency).has(Role.CLERK):
        raise DisclosureError(_("您没有执行此操作的权限。"))


def _locked(plan: Plan) -> Plan:
    return Plan.objects.select_for_update().select_related("agency", "application").get(pk=plan.pk)


def _require_draft(plan: Plan) -> None:
    if plan.state != PlanState.DRAFT:
        raise DisclosureError(_("该方案已处理完毕，不能再修改。"))


def _counts(redactions) -> dict[str, int]:
    return dict(sorted(Counter(r.kind for r in redactions).items()))


@transaction.atomic
def start(actor, application) -> Plan:
    """The plan in progress for this case, or a new one."""
    _require_clerk(actor, application.agency)
    if not can_convert(application):
        raise DisclosureError(_("只有已答复且予以公开或部分公开的申请可以转为主动公开。"))
    plan = Plan.objects.filter(application=application, state=PlanState.DRAFT).first()
    if plan:
        return plan
    try:
        with transaction.atomic():
            plan = Plan.objects.create(agency=application.agency, application=application, created_by=actor)
    except IntegrityError:  # a second click at the same moment
        return Plan.objects.get(application=application, state=PlanState.DRAFT)
    record(actor, "disclosure.plan.start", plan, None, {"application": application.pk}, note=str(application))
    return plan


def _proposals(plan: Plan, document: Document) -> list[Proposal]:
    names = case_names(plan.application) + plan.names()
    return profile(document.profile).proposals(detect(document.text, names=names))


def _replace_automatic(plan: Plan, document: Document) -> None:
    """Detect again; an officer's rejection of a span survives, manual redactions stay as they are."""
    rejected = set(document.redactions.filter(accepted=False).values_list("start", "end", "kind"))
    manual = list(document.redactions.filter(kind="manual"))
    document.redactions.exclude(kind="manual").delete()
    taken = {i for r in manual for i in range(r.start, r.end)}
    Redaction.objects.bulk_create(
        Redaction(
            document=document,
            start=p.start,
            end=p.end,
            kind=p.kind,
            rule=p.rule,
            keep=p.keep,
            accepted=(p.start, p.end, p.kind) not in rejected,
        )
        for p in _proposals(plan, document)
        if not taken.intersection(range(p.start, p.end))
    )


def add_document(actor, plan: Plan, upload, doc_profile: str) -> Document:
    """Add a released document (PDF or Word .docx, as sent to the applicant) and propose redactions."""
    size = getattr(upload, "size", 0) or 0
    if size == 0:
        raise DisclosureError(_("文件是空的。"), "file")
    if size > MAX_BYTES:
        raise DisclosureError(_("文件过大，上限为 %(limit)d MB。") % {"limit": MAX_BYTES // 1048576}, "file")
    kind = sniff_upload(upload)
    if kind not in (PDF, DOCX):
        raise DisclosureError(_("只能处理 PDF 或 Word（.docx）文件（按文件内容判断）。"), "file")
    data = upload.read()
    try:
        text = READERS[kind.key](data)
    except Exception:  # a damaged file: pdfminer and python-docx raise many kinds of errors
        raise DisclosureError(_("无法读取该文件的文字，请确认文件未损坏。"), "file") from None
    if not text.strip():
        raise DisclosureError(
            _("该文件没有可识别的文字层（可能是扫描件），无法自动识别个人信息；请上传带文字层的文件。"),
            "file",
        )
    digest = hashlib.sha256(data).hexdigest()
    name = (
        os.path.basename((getattr(upload, "name", "") or "").replace("\\", "/"))[:200]
        or f"document{kind.extension}"
    )
    with transaction.atomic():
        plan = _locked(plan)
        _require_clerk(actor, plan.agency)
        _require_draft(plan)
        document = Document(
            plan=plan,
            name=name,
            kind=kind.key,
            extension=kind.extension,
            profile=doc_profile,
            sha256=digest,
            text=text,
        )
        profile(doc_profile)  # refuses an unknown profile before anything is stored
        document.file.save(f"{digest[:16]}{kind.extension}", ContentFile(data), save=False)
        document.save()
        _replace_automatic(plan, document)
        record(
            actor,
            "disclosure.document.add",
            plan,
            None,
            {
                "document": document.pk,
                "type": kind.key,
                "profile": doc_profile,
                "proposed": _counts(document.redactions.all()),
            },
            note=name,
        )
    return document


@transaction.atomic
def set_names(actor, plan: Plan, names: str) -> Plan:
    """The configurable list of names; every document is searched again."""
    plan = _locked(plan)
    _require_clerk(actor, plan.agency)
    _require_draft(plan)
    plan.extra_names = "\n".join(line.strip() for line in (names or "").splitlines() if line.strip())
    plan.save(update_fields=["extra_names"])
    for document in plan.documents.all():
        _replace_automatic(plan, document)
    record(actor, "disclosure.plan.names", plan, None, {"names": len(plan.names())})
    return plan


@transaction.atomic
def add_manual(actor, document: Document, text: str) -> int:
    """Redact every occurrence of ``text`` (selected or typed by the officer) that is still free."""
    plan = _locked(document.plan)
    _require_clerk(actor, plan.agency)
    _require_draft(plan)
    text = (text or "").strip()
    if not text:
        raise DisclosureError(_("请选择或填写要隐去的文字。"), "text")
    found = detect(document.text, terms=[text], rules=())
    taken = {i for r in document.redactions.all() for i in range(r.start, r.end)}
    new = [p for p in found if not taken.intersection(range(p.start, p.end))]
    if not found:
        raise DisclosureError(_("文件中没有找到这段文字。"), "text")
    Redaction.objects.bulk_create(
        Redaction(document=document, start=p.start, end=p.end, kind=p.kind, rule=p.rule) for p in new
    )
    record(actor, "disclosure.redaction.manual", plan, None, {"document": document.pk, "added": len(new)})
    return len(new)


def _save_choices(actor, plan: Plan, accepted_ids) -> None:
    accepted_ids = {int(i) for i in accepted_ids if str(i).isdigit()}  # a forged value is no choice
    rows = list(Redaction.objects.filter(document__plan=plan))
    for r in rows:
        r.accepted = r.pk in accepted_ids
    Redaction.objects.bulk_update(rows, ["accepted"])
    rejected = [r for r in rows if not r.accepted]
    record(
        actor,
        "disclosure.redaction.choose",
        plan,
        None,
        {"accepted": len(rows) - len(rejected), "rejected": _counts(rejected)},
    )


@transaction.atomic
def save_choices(actor, plan: Plan, accepted_ids) -> None:
    plan = _locked(plan)
    _require_clerk(actor, plan.agency)
    _require_draft(plan)
    _save_choices(actor, plan, accepted_ids)


def redacted_text(document: Document) -> str:
    spans = [
        Proposal(r.start, r.end, r.kind, r.rule, r.keep) for r in document.redactions.all() if r.accepted
    ]
    return apply(document.text, spans, profile(document.profile))


def redacted_file(document: Document) -> bytes:
    with document.file.open("rb") as f:
        data = f.read()
    text = redacted_text(document)
    return pdf.rewrite(data, text) if document.kind == PDF.key else word.rewrite(data, text)


@transaction.atomic
def accept(
    actor, plan: Plan, accepted_ids, title: str, category: str, created_date: date, summary: str = ""
) -> Plan:
    """Apply the accepted redactions, create the catalogue entry (主动公开) with the redacted files
    and submit it for review. The original files stay in the plan; they are never attached."""
    plan = _locked(plan)
    _require_clerk(actor, plan.agency)
    try:
        target = MACHINE.fire(plan.state, "accept")
    except statemachine.TransitionRefused as exc:
        raise DisclosureError(exc.message) from None
    documents = list(plan.documents.prefetch_related("redactions"))
    if not documents:
        raise DisclosureError(_("请先上传向申请人提供的文件。"), "file")
    _save_choices(actor, plan, accepted_ids)
    documents = list(plan.documents.prefetch_related("redactions"))
    texts = [redacted_text(d) for d in documents]
    try:
        entry = catalogue_services.create_entry(
            actor,
            plan.agency,
            title=title,
            category=category,
            created_date=created_date,
            summary=summary,
            body="\n\n".join(t.strip() for t in texts),
            disclosure=DisclosureMode.PROACTIVE,
            doc_type=DocType.DECISION
            if any(d.profile == PENALTY_DECISION for d in documents)
            else DocType.ORDINARY,
        )
        for document in documents:
            output = ContentFile(redacted_file(document), name=document.name)
            document.attachment = catalogue_attachments.add_attachment(actor, entry, output)
            document.save(update_fields=["attachment"])
        entry = catalogue_workflow.submit(actor, entry)
    except CatalogueError as exc:
        raise DisclosureError(exc.message, exc.field) from None
    plan.state, plan.entry = target, entry
    plan.accepted_by, plan.accepted_at = actor, timezone.now()
    plan.save()
    applied = [r for d in documents for r in d.redactions.all() if r.accepted]
    summary_log = {"entry": entry.pk, "documents": len(documents), "redacted": _counts(applied)}
    record(actor, "disclosure.plan.accept", plan, None, summary_log, note=entry.index_no)
    # On the entry too, so its history (staff view) says which case it came from.
    record(actor, "disclosure.entry.from_case", entry, None, {"plan": plan.pk}, note=str(plan.application))
    return plan


@transaction.atomic
def cancel(actor, plan: Plan) -> Plan:
    plan = _locked(plan)
    _require_clerk(actor, plan.agency)
    try:
        plan.state = MACHINE.fire(plan.state, "cancel")
    except statemachine.TransitionRefused as exc:
        raise DisclosureError(exc.message) from None
    plan.save(update_fields=["state"])
    record(actor, "disclosure.plan.cancel", plan, None, {"state": plan.state})
    return plan
