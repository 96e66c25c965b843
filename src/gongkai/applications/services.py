"""Operations on applications. Each public function is one transaction: it checks the action with
``workflow.fire``, records the clock event, recomputes the clock (``queries.clock_of``) on the
database calendar, saves, issues the letter the step needs and writes the event log with the
before/after values — all together or nothing (a refused action leaves no trace).

Every function takes ``on`` (the day the step happened, default today) so staff can record a step
a few days late (e.g. a registered letter signed for yesterday), never in the future.
"""

from __future__ import annotations

import dataclasses
import hashlib
import secrets
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from gongkai.events.services import PublicActor, changed, record, snapshot
from gongkai.i18n import join_list
from gongkai.workdays import CalendarMissing, WorkCalendar
from gongkai.workdays.services import db_calendar
from gongkai.workdays.signals import Moved

from . import letters
from .clock import ClockError, ClockState, EventKind
from .fees import FeeBasis, charge_by_volume, charge_per_item
from .models import (
    CONFIRM_CHANNELS,
    OPEN_STATES,
    Application,
    Attachment,
    AttachmentPurpose,
    Channel,
    ClockEntry,
)
from .numbering import next_serial, settings_for
from .queries import (
    clock_of,
    earlier_items_this_month,
    find_for_applicant,
    hash_query_code,
    reply_types_for,
    rules_for,
    unread_reminders,
)
from .rules import (
    APPLICANT_TYPES,
    ID_TYPES,
    OUTCOMES,
    REPLY_TYPES,
    ReplyType,
)
from .validators import InvalidValue, validate_id_number, validate_phone
from .workflow import Facts, State, TransitionRefused, fire

# The applicant's own steps on the portal, in the log under their role, never their name.
APPLICANT = PublicActor(gettext_noop("申请人"))

QUERY_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read out over the phone
QUERY_CODE_LENGTH = 8
MAX_ATTACHMENTS = 5

LOGGED_FIELDS = (
    "state",
    "received_on",
    "finished_on",
    "reply_due",
    "next_due",
    "notice_due",
    "clock_status",
    "outcome",
    "reply_type",
    "assignee",
    "correction_until",
    "extension_days",
    "fee_basis",
    "fee_amount",
    "payment_due",
    "paid_on",
    "merged_into",
    "referral_agency",
    "delivered_on",
    "closed_on",
)


class ApplicationError(Exception):
    """A refused operation: a message in the active language (Chinese by default), and the form
    field it belongs to if any."""

    def __init__(self, message, field: str | None = None):
        super().__init__(str(message))
        self.message = str(message)
        self.field = field


# ----------------------------------------------------------------- numbers


def new_query_code() -> str:
    return "".join(secrets.choice(QUERY_CODE_ALPHABET) for _ in range(QUERY_CODE_LENGTH))


def _tracking_no(agency, year: int) -> str:
    return f"{agency.code}-{year}-{next_serial(agency, year, 'app'):05d}"


# ----------------------------------------------------------------- the clock


def _refresh(app: Application, calendar: WorkCalendar | None = None) -> ClockState | None:
    """Copy the clock's deadlines onto the row (for lists and the daily scan); the clock state it
    computed, or None for an application whose clock is not running."""
    if not app.is_open or app.received_on is None:
        app.reply_due = app.next_due = app.notice_due = None
        app.next_due_kind = ""
        app.clock_status = "" if app.received_on is None else "done"
        return None
    state = clock_of(app, None, calendar)
    app.reply_due = state.reply_due
    app.notice_due = state.correction_notice_due
    app.payment_due = state.payment_due
    # The correction-notice window closes by itself; it is kept apart so it never makes a row "overdue".
    dues = [(d.on, d.kind) for d in state.deadlines() if d.kind != "correction_notice"]
    app.next_due, app.next_due_kind = min(dues) if dues else (None, "")
    app.clock_status = state.status.value
    return state


def _clock_for_letter(app: Application, computed: ClockState | None) -> ClockState | None:
    """The clock state for the step's letter: the one ``_refresh`` computed, else (a closed case,
    e.g. a reply) the clock as it ended."""
    if computed is not None:
        return computed
    try:
        return clock_of(app)
    except (CalendarMissing, ClockError):  # the letter still renders; those dates stay blank
        return None


def _facts(app: Application, on: date, **extra) -> Facts:
    kinds = set(app.clock_entries.values_list("kind", flat=True))
    return Facts(
        correction_requested_before=EventKind.CORRECTION_REQUESTED in kinds,
        extension_granted_before=EventKind.EXTENSION_GRANTED in kinds,
        fee_notice_sent_before=EventKind.FEE_NOTICE_SENT in kinds,
        correction_deadline_passed=app.correction_until is not None and on > app.correction_until,
        payment_deadline_passed=app.payment_due is not None and on > app.payment_due,
        **extra,
    )


def _day(on: date | None, app: Application | None = None) -> date:
    today = timezone.localdate()
    on = on or today
    if on > today:
        raise ApplicationError(_("日期 %(day)s 晚于今天，不能预先登记") % {"day": on.isoformat()}, "on")
    if app is not None and app.received_on is not None and on < app.received_on:
        raise ApplicationError(
            _("日期 %(day)s 早于收到申请日期 %(received)s")
            % {"day": on.isoformat(), "received": app.received_on.isoformat()},
            "on",
        )
    return on


def _locked(app: Application) -> Application:
    return Application.objects.select_for_update().select_related("agency").get(pk=app.pk)


def _step(
    actor,
    app: Application,
    action: str,
    on: date | None,
    *,
    facts: dict | None = None,
    clock: dict | None = None,
    changes: dict | None = None,
    letter: str | None = None,
    letter_context: dict | None = None,
    note: str = "",
) -> Application:
    """The common path of every processing step (inside the caller's transaction)."""
    app = _locked(app)
    on = _day(on, app)
    before = snapshot(app, LOGGED_FIELDS)
    try:
        step = fire(app.state, action, _facts(app, on, **(facts or {})))
    except TransitionRefused as exc:
        raise ApplicationError(str(exc)) from None
    if clock is not None:
        ClockEntry.objects.create(application=app, on=on, **clock)
    for key, value in (changes or {}).items():
        setattr(app, key, value)
    app.state = step.target.value
    if step.outcome:
        app.outcome = step.outcome
        app.finished_on = app.finished_on or on
    try:
        computed = _refresh(app)
    except (CalendarMissing, ClockError) as exc:
        raise ApplicationError(str(exc)) from None
    app.save()
    issued = None
    if letter:
        clock_state = _clock_for_letter(app, computed)
        issued = letters.issue(actor, app, letter, on, clock_state, letter_context or {})
    after = snapshot(app, LOGGED_FIELDS)
    if issued is not None:
        after["letter"] = issued.number
    record(actor, f"applications.{action}", app, *changed(before, after), note=note)
    return app


# ----------------------------------------------------------------- intake


@dataclass
class ApplicantData:
    applicant_type: str
    name: str
    id_type: str
    id_number: str
    phone: str
    description: str
    delivery_form: str
    delivery_channel: str
    email: str = ""
    address: str = ""
    postcode: str = ""
    contact_person: str = ""
    fee_reduction_requested: bool = False
    fee_reduction_reason: str = ""


def _clean_applicant(data: ApplicantData) -> ApplicantData:
    """The service checks again what the form checked, so no caller can skip it."""
    cleaned, problems = applicant_problems(data)
    if problems:
        raise problems[0]
    return cleaned


def applicant_problems(data: ApplicantData) -> tuple[ApplicantData, list[ApplicationError]]:
    """Every problem of the applicant's data at once (a form shows them all together), and the
    data with what passed normalised (ID number, phone, stripped text)."""
    problems: list[ApplicationError] = []
    id_number, phone = data.id_number, data.phone
    if data.applicant_type not in APPLICANT_TYPES:
        problems.append(ApplicationError(_("请选择申请人类型"), "applicant_type"))
    if not data.name.strip():
        problems.append(ApplicationError(_("请填写申请人姓名或名称"), "name"))
    id_type = ID_TYPES.get(data.id_type)
    if id_type is None:
        problems.append(ApplicationError(_("请选择身份证明类型"), "id_type"))
    elif data.applicant_type in APPLICANT_TYPES:
        organisation = APPLICANT_TYPES[data.applicant_type].is_organisation
        if id_type.for_organisations != organisation:
            problems.append(
                ApplicationError(
                    _("法人或其他组织请填写统一社会信用代码等组织身份证明")
                    if organisation
                    else _("自然人请填写个人身份证件"),
                    "id_type",
                )
            )
        else:
            try:
                id_number = validate_id_number(data.id_type, data.id_number)
            except InvalidValue as exc:
                problems.append(ApplicationError(str(exc), "id_number"))
    try:
        phone = validate_phone(data.phone)
    except InvalidValue as exc:
        problems.append(ApplicationError(str(exc), "phone"))
    if not data.description.strip():
        problems.append(
            ApplicationError(_("请填写所需政府信息的名称、文号或者便于查询的其他特征性描述"), "description")
        )
    if data.delivery_channel == "post" and not data.address.strip():
        problems.append(ApplicationError(_("选择邮寄方式的，请填写通信地址"), "address"))
    if data.delivery_channel == "email" and not data.email.strip():
        problems.append(ApplicationError(_("选择电子邮件方式的，请填写电子邮箱"), "email"))
    cleaned = dataclasses.replace(
        data, name=data.name.strip(), id_number=id_number, phone=phone, description=data.description.strip()
    )
    return cleaned, problems


@dataclass(frozen=True)
class CheckedFile:
    name: str
    content: bytes
    kind: str
    extension: str


def check_files(files) -> list[CheckedFile]:
    """Type by content (never by name), size limit; all checked before anything is saved."""
    from gongkai.catalogue.files import sniff_upload

    limit = settings.GONGKAI_APPLICATION_MAX_UPLOAD
    files = [f for f in files or () if f]
    if len(files) > MAX_ATTACHMENTS:
        raise ApplicationError(_("附件最多%(n)s个") % {"n": MAX_ATTACHMENTS}, "attachments")
    checked = []
    for f in files:
        if f.size > limit:
            raise ApplicationError(
                _("附件“%(name)s”大小为%(size).1fMB，超过%(limit)sMB的限制")
                % {"name": f.name, "size": f.size / 1024 / 1024, "limit": limit // 1024 // 1024},
                "attachments",
            )
        kind = sniff_upload(f)
        if kind is None:
            raise ApplicationError(
                _("附件“%(name)s”不是允许的文件类型（仅限PDF、Word、Excel、PNG、JPEG）") % {"name": f.name},
                "attachments",
            )
        f.seek(0)
        checked.append(CheckedFile(f.name[:200], f.read(), kind.key, kind.extension))
    return checked


def _save_files(app: Application, files: list[CheckedFile], purpose: str) -> None:
    for f in files:
        digest = hashlib.sha256(f.content).hexdigest()
        att = Attachment(
            application=app,
            purpose=purpose,
            original_name=f.name,
            kind=f.kind,
            extension=f.extension,
            size=len(f.content),
            sha256=digest,
        )
        att.file.save(f"{digest[:16]}{f.extension}", ContentFile(f.content), save=False)
        att.save()


@dataclass(frozen=True)
class Intake:
    application: Application
    query_code: str | None  # None when the submission was a repeat of an earlier one
    created: bool


def _create(actor, agency, data: ApplicantData, channel: str, files, token: str | None, **fields) -> Intake:
    data = _clean_applicant(data)
    checked = check_files(files)
    if token:
        existing = Application.objects.filter(submit_token=token).first()
        if existing is not None:
            return Intake(existing, None, False)
    now = timezone.now()
    tracking_no = _tracking_no(agency, timezone.localdate(now).year)
    code = new_query_code()
    app = Application(
        agency=agency,
        tracking_no=tracking_no,
        query_code_hash=hash_query_code(tracking_no, code),
        submit_token=token or None,
        channel=channel,
        submitted_at=now,
        **dataclasses.asdict(data),
        **fields,
    )
    try:
        _refresh(app)
    except (CalendarMissing, ClockError) as exc:
        raise ApplicationError(str(exc)) from None
    try:
        with transaction.atomic():
            app.save()
    except IntegrityError:
        # The same form posted twice at once: the other request saved it first.
        existing = Application.objects.filter(submit_token=token).first() if token else None
        if existing is None:
            raise
        return Intake(existing, None, False)
    _save_files(app, checked, AttachmentPurpose.APPLICATION)
    record(
        actor,
        "applications.submit",
        app,
        after=snapshot(app, ("tracking_no", "channel", "state", "received_on", "applicant_type")),
        agency=agency,
    )
    return Intake(app, code, True)


@transaction.atomic
def submit_online(agency, data: ApplicantData, files=(), token: str | None = None) -> Intake:
    """An application from the portal: waits for staff to confirm receipt (条例第三十一条第（三）项)."""
    return _create(APPLICANT, agency, data, Channel.ONLINE, files, token, state=State.SUBMITTED.value)


@transaction.atomic
def register_by_staff(
    actor,
    agency,
    data: ApplicantData,
    channel: str,
    received_on: date | None = None,
    files=(),
    token: str | None = None,
    oral_record_note: str = "",
    assignee=None,
) -> Intake:
    """An application received by letter, in person, by fax, e-mail or orally (条例第二十九条).

    In person / orally: received that day; registered mail: the signed-for day (``received_on``);
    ordinary mail, e-mail and fax wait for the confirmation step (条例第三十一条).
    """
    if channel not in Channel.values or channel == Channel.ONLINE:
        raise ApplicationError(_("请选择申请方式"), "channel")
    if channel == Channel.ORAL and not oral_record_note.strip():
        raise ApplicationError(_("口头提出的申请，请记录申请人口述的情况并由申请人确认"), "oral_record_note")
    fields: dict = {"oral_record_note": oral_record_note.strip(), "assignee": assignee}
    if channel in CONFIRM_CHANNELS:
        fields["state"] = State.SUBMITTED.value
    else:
        if channel == Channel.REGISTERED_MAIL and received_on is None:
            raise ApplicationError(_("挂号信等需签收的邮件，请填写签收日期"), "received_on")
        fields["state"] = State.REGISTERED.value
        fields["received_on"] = _day(received_on)
    return _create(actor, agency, data, channel, files, token, **fields)


# ----------------------------------------------------------------- processing steps


@transaction.atomic
def confirm_receipt(actor, app: Application, on: date | None = None) -> Application:
    """条例第三十一条: the day receipt was confirmed with the applicant is the day of receipt."""
    on = _day(on)
    if timezone.localdate(app.submitted_at) > on:
        raise ApplicationError(_("确认日期不能早于提交日期"), "on")
    return _step(actor, app, "confirm_receipt", on, changes={"received_on": on})


@transaction.atomic
def request_correction(
    actor, app: Application, items: str, until: date | None = None, on: date | None = None
) -> Application:
    """条例第三十条: one notice, within 7 WD, naming what to correct and a reasonable period."""
    if not items.strip():
        raise ApplicationError(_("请写明需要补正的事项"), "items")
    on = _day(on, app)
    if until is None:
        try:
            until = db_calendar().nth_working_day_after(on, settings_for(app.agency).correction_days)
        except CalendarMissing as exc:
            raise ApplicationError(str(exc), "until") from None
    if until <= on:
        raise ApplicationError(_("补正期限应晚于告知日期"), "until")
    return _step(
        actor,
        app,
        "request_correction",
        on,
        clock={"kind": EventKind.CORRECTION_REQUESTED, "until": until},
        changes={"correction_items": items.strip(), "correction_until": until},
        letter="correction",
    )


@transaction.atomic
def receive_correction(
    actor, app: Application, text: str = "", on: date | None = None, files=()
) -> Application:
    """The corrected application arrives: the reply clock starts again from this day (第三十条)."""
    return _correction_received(actor, app, text, on, check_files(files))


def _correction_received(
    actor, app: Application, text: str, on: date | None, checked: list[CheckedFile], note: str = "", **changes
) -> Application:
    """The one path of a corrected application, recorded by staff or sent by the applicant."""
    app = _step(
        actor,
        app,
        "receive_correction",
        on,
        clock={"kind": EventKind.CORRECTION_RECEIVED},
        changes={"correction_text": text.strip(), **changes},
        note=note,
    )
    _save_files(app, checked, AttachmentPurpose.CORRECTION)
    return app


@dataclass(frozen=True)
class CorrectionAnswer:
    application: Application
    repeated: bool  # the same form posted again: nothing new was recorded


def correction_open(app: Application, on: date | None = None) -> bool:
    """Whether the applicant may still send the 补正 online: asked for, and the period not over."""
    on = on or timezone.localdate()
    return app.state == State.CORRECTION_REQUESTED and (
        app.correction_until is None or on <= app.correction_until
    )


@transaction.atomic
def answer_correction(
    tracking_no: str, code: str, text: str, files=(), token: str | None = None, on: date | None = None
) -> CorrectionAnswer:
    """The applicant's 补正 from the tracking page (条例第三十条): the step staff record when a
    corrected application arrives, on the day it is sent, so the reply period is counted again
    from that day exactly as on the staff side. The files join the case as 补正材料."""
    app = find_for_applicant(tracking_no, code)
    if app is None:
        raise ApplicationError(_("申请编号或查询码不正确。"))
    app = _locked(app)
    if token and app.correction_token == token:
        return CorrectionAnswer(app, True)
    on = _day(on, app)
    if not correction_open(app, on):
        if app.state == State.CORRECTION_REQUESTED:
            raise ApplicationError(
                _("补正期限（%(day)s）已过，不能再在网上提交补正，请与受理机关联系。")
                % {"day": app.correction_until.isoformat()}
            )
        raise ApplicationError(_("本申请目前不需要补正，或补正已经提交。"))
    checked = check_files(files)
    if not text.strip() and not checked:
        raise ApplicationError(_("请填写补正内容，或上传补正材料"), "text")
    try:  # the new reply period counts from today: the calendar must reach its end
        db_calendar().nth_working_day_after(on, rules_for(app.agency).reply)
    except CalendarMissing:
        raise ApplicationError(
            _("受理机关的工作日日历尚未更新，暂时无法在网上接收补正。请稍后再试，或直接与受理机关联系。")
        ) from None
    app = _correction_received(APPLICANT, app, text, on, checked, correction_token=token or None)
    return CorrectionAnswer(app, False)


@transaction.atomic
def lapse_correction(actor, app: Application, on: date | None = None) -> Application:
    """No correction by the deadline: 视为放弃申请 (（六）1), with its letter."""
    return _step(
        actor,
        app,
        "lapse_correction",
        on,
        changes={"reply_type": ReplyType.ART30_NO_CORRECTION.value},
        letter=f"reply_{ReplyType.ART30_NO_CORRECTION.value}",
    )


CONSULTATION_KINDS = {"third_party": "第三方", "coproducer": "共同制作机关"}


@transaction.atomic
def start_consultation(
    actor, app: Application, party: str, kind: str = "third_party", on: date | None = None
) -> Application:
    """征求意见 (第三十二条 third party / 第三十四条 co-producer): the clock pauses, 15 WD to answer."""
    if kind not in CONSULTATION_KINDS:
        raise ApplicationError(_("请选择被征求意见方的类型"), "kind")
    if not party.strip():
        raise ApplicationError(_("请填写被征求意见的第三方或机关名称"), "party")
    return _step(
        actor,
        app,
        "start_consultation",
        on,
        clock={"kind": EventKind.CONSULTATION_STARTED},
        changes={"consultation_party": party.strip(), "consultation_kind": kind},
        letter=f"consult_{kind}",
    )


@transaction.atomic
def end_consultation(actor, app: Application, opinion: str = "", on: date | None = None) -> Application:
    return _step(
        actor, app, "end_consultation", on, clock={"kind": EventKind.CONSULTATION_ENDED}, note=opinion.strip()
    )


@transaction.atomic
def grant_extension(
    actor, app: Application, days: int, reason: str, approved_by: str, on: date | None = None
) -> Application:
    """第三十三条: once, at most ``law.EXTENSION_MAX``, approved by the head of the office, the
    applicant told (a letter)."""
    if not reason.strip():
        raise ApplicationError(_("请写明延期理由"), "reason")
    return _step(
        actor,
        app,
        "grant_extension",
        on,
        facts={"office_head_approved": bool(approved_by.strip())},
        clock={"kind": EventKind.EXTENSION_GRANTED, "days": days},
        changes={
            "extension_days": days,
            "extension_reason": reason.strip(),
            "extension_approved_by": approved_by.strip(),
        },
        letter="extension",
    )


@transaction.atomic
def send_fee_notice(
    actor, app: Application, basis: str, quantity: int, on: date | None = None
) -> Application:
    """收费通知 (国办函〔2020〕109号): 按件 (quantity = 件 this application counts as) or 按量 (pages)."""
    if basis == FeeBasis.PER_ITEM:
        charge = charge_per_item(earlier_items_this_month(app), max(1, quantity))
    elif basis == FeeBasis.BY_VOLUME:
        charge = charge_by_volume(quantity)
    else:
        raise ApplicationError(_("请选择按件计收或按量计收（不得同时按两种标准计算）"), "basis")
    if charge.amount <= 0:
        raise ApplicationError(
            _("按标准不收费（%(explain)s），无需发出收费通知") % {"explain": charge.explain()}, "quantity"
        )
    return _step(
        actor,
        app,
        "send_fee_notice",
        on,
        clock={"kind": EventKind.FEE_NOTICE_SENT},
        changes={
            "fee_basis": charge.basis.value,
            "fee_quantity": quantity,
            "fee_amount": charge.amount,
            "fee_explain": charge.explain()[:500],
        },
        letter="fee_notice",
    )


@transaction.atomic
def receive_payment(actor, app: Application, on: date | None = None) -> Application:
    on = _day(on, app)
    return _step(
        actor, app, "receive_payment", on, clock={"kind": EventKind.FEE_PAID}, changes={"paid_on": on}
    )


@transaction.atomic
def lapse_payment(actor, app: Application, on: date | None = None) -> Application:
    return _step(
        actor,
        app,
        "lapse_payment",
        on,
        changes={"reply_type": ReplyType.FEE_UNPAID.value},
        letter=f"reply_{ReplyType.FEE_UNPAID.value}",
    )


@transaction.atomic
def reply(
    actor,
    app: Application,
    outcome: str | None,
    text: str,
    reply_type: str | None = None,
    on: date | None = None,
) -> Application:
    """答复 with exactly one outcome (a table-三 row) and the matching 答复告知书 (第三十六条)."""
    outcome = outcome or None
    if outcome is not None and outcome in OUTCOMES:
        allowed = reply_types_for(outcome)
        if not reply_type and len(allowed) == 1:
            reply_type = allowed[0].value
        if reply_type not in {t.value for t in allowed}:
            raise ApplicationError(
                _("请选择与办理结果相符的答复类型：%(types)s")
                % {"types": join_list(f"{REPLY_TYPES[t].article} {REPLY_TYPES[t].label}" for t in allowed)},
                "reply_type",
            )
    if outcome is not None and not text.strip():
        raise ApplicationError(_("请填写答复内容（理由、获取方式等）"), "text")
    return _step(
        actor,
        app,
        "reply",
        on,
        facts={"outcome": outcome},
        changes={"reply_type": reply_type or "", "reply_text": text.strip()},
        letter=f"reply_{reply_type}" if reply_type else None,
    )


@transaction.atomic
def refer(
    actor, app: Application, agency_name: str, contact: str = "", reason: str = "", on: date | None = None
) -> Application:
    """第三十六条第（五）项: not ours to disclose; name the responsible agency and how to reach it."""
    return _step(
        actor,
        app,
        "refer",
        on,
        facts={"referral_agency": agency_name.strip() or None},
        changes={
            "referral_agency": agency_name.strip(),
            "referral_contact": contact.strip(),
            "reply_type": ReplyType.ART36_5.value,
            "reply_text": reason.strip(),
        },
        letter=f"reply_{ReplyType.ART36_5.value}",
    )


@transaction.atomic
def deliver(actor, app: Application, on: date | None = None) -> Application:
    on = _day(on, app)
    return _step(actor, app, "deliver", on, changes={"delivered_on": on})


@transaction.atomic
def close(actor, app: Application, on: date | None = None) -> Application:
    on = _day(on, app)
    return _step(actor, app, "close", on, changes={"closed_on": on})


@transaction.atomic
def withdraw(actor, app: Application, note: str = "", on: date | None = None) -> Application:
    on = _day(on)
    changes = {"withdrawal_note": note.strip()}
    if app.received_on is None:
        changes["received_on"] = on  # withdrawn before confirmation still counts as received [I]
    return _step(actor, app, "withdraw", on, changes=changes, note=note.strip())


@transaction.atomic
def merge(actor, app: Application, target_tracking_no: str, on: date | None = None) -> Application:
    """A duplicate joins another application of the same agency; it is then not counted in table 三."""
    target = Application.objects.filter(agency=app.agency, tracking_no=target_tracking_no.strip()).first()
    if target is None:
        raise ApplicationError(_("本机构没有这个申请编号"), "target")
    if target.pk == app.pk:
        raise ApplicationError(_("不能合并到本申请自身"), "target")
    if target.state == State.MERGED:
        raise ApplicationError(_("目标申请已被合并，请合并到其最终申请"), "target")
    return _step(
        actor,
        app,
        "merge",
        on,
        facts={"merge_target": target.tracking_no},
        changes={"merged_into": target},
        note=f"合并到 {target.tracking_no}",
    )


@transaction.atomic
def assign(actor, app: Application, user) -> Application:
    app = _locked(app)
    before = snapshot(app, ("assignee",))
    app.assignee = user
    app.save(update_fields=["assignee", "updated_at"])
    record(actor, "applications.assign", app, *changed(before, snapshot(app, ("assignee",))))
    return app


ACTIONS = {
    "confirm_receipt": confirm_receipt,
    "request_correction": request_correction,
    "receive_correction": receive_correction,
    "lapse_correction": lapse_correction,
    "start_consultation": start_consultation,
    "end_consultation": end_consultation,
    "grant_extension": grant_extension,
    "send_fee_notice": send_fee_notice,
    "receive_payment": receive_payment,
    "lapse_payment": lapse_payment,
    "reply": reply,
    "refer": refer,
    "deliver": deliver,
    "close": close,
    "withdraw": withdraw,
    "merge": merge,
}


# ----------------------------------------------------------------- staff bookkeeping (no step)


@transaction.atomic
def log_personal_view(actor, app: Application) -> None:
    """Who saw the applicant's personal data, when (supervision-and-privacy §3.6)."""
    record(actor, "applications.view_personal", app)


def mark_reminders_read(user, agency) -> None:
    """All of ``user``'s unread reminders for ``agency``, in one UPDATE."""
    unread_reminders(agency, user).update(read_at=timezone.now())


# ----------------------------------------------------------------- calendar edits


def recompute_open_deadlines(actor, note: str = "", **_signal) -> list[Moved]:
    """Recompute every open application under the calendar now in the table (caller's transaction);
    log each one whose deadlines moved. A deadline that now falls into a year the calendar cannot
    count is cleared and marked ``calendar_missing`` (the banner says why)."""
    return _recompute(actor, Application.objects.filter(state__in=OPEN_STATES), note)


@transaction.atomic
def count_uncounted_deadlines(actor=None) -> list[Moved]:
    """Give a deadline to the open applications left without one because the calendar could not
    count into their year (before provisional years existed, or past the provisional range until
    the year turned). Run by the daily scan."""
    uncounted = Application.objects.filter(state__in=OPEN_STATES, clock_status="calendar_missing")
    return _recompute(actor, uncounted, "按暂定日历计算期限")


def _recompute(actor, applications, note: str) -> list[Moved]:
    cal = db_calendar()
    moved: list[Moved] = []
    apps = applications.select_for_update().select_related("agency").prefetch_related("clock_entries")
    fields = ("reply_due", "next_due", "next_due_kind", "notice_due", "payment_due", "clock_status")
    for app in apps:
        before = snapshot(app, fields)
        try:
            _refresh(app, cal)
        except (CalendarMissing, ClockError):
            app.reply_due = app.next_due = app.notice_due = None
            app.next_due_kind = ""
            app.clock_status = "calendar_missing"
        after = snapshot(app, fields)
        if before != after:
            app.save(update_fields=[*fields, "updated_at"])
            moved.append(Moved(app.tracking_no, before["reply_due"], after["reply_due"]))
            record(actor, "applications.deadline.moved", app, *changed(before, after), note=note)
    return moved
