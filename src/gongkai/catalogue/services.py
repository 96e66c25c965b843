"""Catalogue operations. Each public function is one transaction: the change, its 索引号 and its
event-log record are saved together or not at all. Views validate forms; these functions enforce
the rules again (state machine, roles, categories, files), so no caller can bypass them.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import string
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.files.base import File
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai import law, serials, statemachine, workdays
from gongkai.agencies.access import access_for
from gongkai.agencies.batch import agency_pks, chunks
from gongkai.agencies.models import Role
from gongkai.events.services import changed, record, snapshot
from gongkai.workdays.services import db_calendar

from . import cache, rules
from .files import sniff_upload
from .models import (
    DEFAULT_INDEX_PATTERN,
    AgencySettings,
    Attachment,
    DocType,
    Entry,
    IndexCounter,
    OwnCategory,
    Status,
    Validity,
)
from .search import segmented_fields

DEFAULT_MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024

EDITABLE_FIELDS = (
    "title",
    "summary",
    "created_date",
    "doc_number",
    "issuer",
    "category",
    "keywords",
    "disclosure",
    "doc_type",
    "validity",
    "effective_date",
    "invalid_date",
    "body",
)
LOGGED_FIELDS = (
    "index_no",
    "status",
    *EDITABLE_FIELDS,
    "publish_date",
    "return_reason",
    "publish_lag",
    "late",
)


class CatalogueError(Exception):
    """A refused operation, with a message for the user (Chinese by default) and maybe a form field."""

    def __init__(self, message, field: str | None = None):
        super().__init__(str(message))
        self.message = str(message)
        self.field = field


# --------------------------------------------------------------------------- state machine


@dataclass(frozen=True)
class Transition(statemachine.Transition):
    needs_reason: bool = False


def _refusal(state: str, action: str, allowed: str) -> str:
    return _("当前状态为“%(status)s”，不能执行“%(action)s”。") % {"status": state, "action": action}


MACHINE = statemachine.Machine(
    (
        Transition(
            "submit",
            gettext_lazy("提交审核"),
            frozenset({Status.DRAFT, Status.RETURNED}),
            Status.SUBMITTED,
            Role.CLERK,
        ),
        Transition(
            "publish",
            gettext_lazy("审核通过并发布"),
            frozenset({Status.SUBMITTED}),
            Status.PUBLISHED,
            Role.REVIEWER,
        ),
        Transition(
            "return",
            gettext_lazy("退回修改"),
            frozenset({Status.SUBMITTED}),
            Status.RETURNED,
            Role.REVIEWER,
            needs_reason=True,
        ),
        Transition(
            "revise", gettext_lazy("重新编辑"), frozenset({Status.RETURNED}), Status.DRAFT, Role.CLERK
        ),
        Transition(
            "withdraw",
            gettext_lazy("撤回"),
            frozenset({Status.PUBLISHED}),
            Status.WITHDRAWN,
            Role.REVIEWER,
            needs_reason=True,
        ),
    ),
    dict(Status.choices),
    refusal=_refusal,
)
EDITABLE_STATES = frozenset({Status.DRAFT, Status.RETURNED})


def allowed_transitions(entry: Entry, user) -> list[Transition]:
    access = access_for(user, entry.agency)
    return [t for t in MACHINE.available(entry.status) if access.has(t.role)]


def _require(actor, agency, role) -> None:
    if not access_for(actor, agency).has(role):
        raise CatalogueError(_("您没有执行此操作的权限。"))


# --------------------------------------------------------------------------- categories


def categories_for(agency) -> list[rules.Category]:
    """The statutory categories that bind this agency, then its own."""
    cats = rules.statutory_categories_for(agency.kind, agency.level)
    own = OwnCategory.objects.filter(agency=agency)
    return cats + [rules.Category(code=o.code, label=o.label, applies_to="own") for o in own]


def category_label(code: str, agency=None) -> str:
    cat = rules.statutory_category(code)
    if cat is not None:
        return cat.display
    if agency is not None:
        own = OwnCategory.objects.filter(agency=agency, code=code).first()
        if own is not None:
            return own.label
    return code


# --------------------------------------------------------------------------- 索引号

_PLACEHOLDERS = {"agency_code", "credit_code", "category", "year", "serial"}


def validate_index_pattern(pattern: str) -> None:
    """A pattern must name the agency, the year and the serial, so numbers cannot collide."""
    try:
        names = {f for _, f, _, _ in string.Formatter().parse(pattern) if f is not None}
        pattern.format(agency_code="X", credit_code="X", category="A01", year=2024, serial=1)
    except (ValueError, KeyError, IndexError) as exc:
        raise CatalogueError(_("索引号格式无效：%(error)s") % {"error": exc}, "index_pattern") from exc
    unknown = names - _PLACEHOLDERS
    if unknown:
        raise CatalogueError(
            _("索引号格式含有未知的占位符：%(names)s") % {"names": "、".join(sorted(unknown))},
            "index_pattern",
        )
    if "serial" not in names or "year" not in names or not names & {"agency_code", "credit_code"}:
        raise CatalogueError(
            _("索引号格式必须包含机构代码（或统一社会信用代码）、年度和流水号。"), "index_pattern"
        )


def index_pattern(agency) -> str:
    row = AgencySettings.objects.filter(agency=agency).only("index_pattern").first()
    return row.index_pattern if row else DEFAULT_INDEX_PATTERN


def allocate_index_no(agency, category: str, year: int) -> str:
    pattern = index_pattern(agency)
    while True:
        serial = serials.next_serial(IndexCounter, agency=agency, year=year)
        number = pattern.format(
            agency_code=agency.code,
            credit_code=agency.credit_code or agency.code,
            category=category,
            year=year,
            serial=serial,
        )
        # A number typed in by an import or left by a changed pattern is skipped, never shared.
        if not Entry.objects.filter(index_no=number).exists():
            return number


# --------------------------------------------------------------------------- entries


def publication_lag(
    created: date, published: date, calendar: workdays.WorkCalendar | None = None
) -> tuple[int | None, bool | None]:
    """Working days from 生成日期 to 发布日期 and whether that exceeds the 第二十六条 limit,
    counted on the one working calendar (the database's, which staff edit).

    (None, None) when the calendar has no data for those years: unknown, not "on time".
    """
    limit = law.PUBLISH.amount
    try:
        lag = (calendar or db_calendar()).working_days_between(created, published)
    except workdays.CalendarMissing:
        return None, None
    lag = max(lag, 0)
    return lag, lag > limit


def recount_publication_lags(years=frozenset(), **_signal) -> list:
    """A calendar edit re-counts the lag of every published entry whose 生成日期..发布日期 spans an
    edited year (a ``calendar_changed`` receiver). Lags are statistics, not deadlines: nothing to
    report as moved."""
    if not years:
        return []
    calendar = db_calendar()
    entries = Entry.objects.filter(
        publish_date__isnull=False, created_date__year__lte=max(years), publish_date__year__gte=min(years)
    ).only("pk", "created_date", "publish_date", "publish_lag", "late")
    stale = []
    for entry in entries.iterator(chunk_size=2000):
        counted = publication_lag(entry.created_date, entry.publish_date, calendar)
        if counted != (entry.publish_lag, entry.late):
            entry.publish_lag, entry.late = counted
            stale.append(entry)
    Entry.objects.bulk_update(stale, ["publish_lag", "late"], batch_size=1000)
    if stale:
        cache.bump()  # bulk_update sends no post_save: the public pages' cache is cleared here
    return []


def _clean_fields(agency, data: dict) -> dict:
    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        raise CatalogueError(f"unknown fields: {sorted(unknown)}")
    data = dict(data)
    for key in ("title", "summary", "doc_number", "issuer", "keywords", "body"):
        if key in data:
            data[key] = (data[key] or "").strip()
    if "title" in data and not data["title"]:
        raise CatalogueError(_("请填写名称。"), "title")
    if "category" in data and data["category"] not in {c.code for c in categories_for(agency)}:
        raise CatalogueError(_("请选择本机构适用的主题分类。"), "category")
    if "created_date" in data and not data["created_date"]:
        raise CatalogueError(_("请填写生成日期。"), "created_date")
    return data


def _check_validity(entry: Entry) -> None:
    if entry.validity == Validity.VALID:
        entry.invalid_date = None
    elif not entry.invalid_date:
        raise CatalogueError(_("失效或废止的文件须填写失效或废止日期。"), "invalid_date")
    elif entry.created_date and entry.invalid_date < entry.created_date:
        raise CatalogueError(_("失效或废止日期不能早于生成日期。"), "invalid_date")
    if entry.effective_date and entry.created_date and entry.effective_date < entry.created_date:
        raise CatalogueError(_("施行日期不能早于生成日期。"), "effective_date")


def _reindex(entry: Entry) -> None:
    for key, value in segmented_fields(
        entry.title, entry.summary, entry.body, entry.doc_number, entry.keywords
    ).items():
        setattr(entry, key, value)


@transaction.atomic
def create_entry(actor, agency, **fields) -> Entry:
    _require(actor, agency, Role.CLERK)
    data = _clean_fields(agency, fields)
    for required in ("title", "category", "created_date"):
        if not data.get(required):
            raise CatalogueError(_("请填写此项。"), required)
    entry = Entry(agency=agency, created_by=actor if getattr(actor, "pk", None) else None, **data)
    if not entry.issuer:
        entry.issuer = agency.name
    _check_validity(entry)
    entry.index_no = allocate_index_no(agency, entry.category, entry.created_date.year)
    _reindex(entry)
    entry.save()
    record(actor, "catalogue.entry.create", entry, None, snapshot(entry, LOGGED_FIELDS))
    return entry


def _locked(entry: Entry) -> Entry:
    return Entry.objects.select_for_update().select_related("agency").get(pk=entry.pk)


@transaction.atomic
def update_entry(actor, entry: Entry, **fields) -> Entry:
    """Edit a draft or a returned entry; a returned entry goes back to draft (event ``revise``).

    A new 索引号 is taken when the category or the year of 生成日期 changes, so the number keeps
    telling the truth; the old number is burnt, not reused.
    """
    entry = _locked(entry)
    _require(actor, entry.agency, Role.CLERK)
    if entry.status not in EDITABLE_STATES:
        raise CatalogueError(_("只有草稿或已退回的条目可以修改。"))
    data = _clean_fields(entry.agency, fields)
    before = snapshot(entry, LOGGED_FIELDS)
    old_key = (entry.category, entry.created_date.year)
    for key, value in data.items():
        setattr(entry, key, value)
    if not entry.issuer:
        entry.issuer = entry.agency.name
    _check_validity(entry)
    if (entry.category, entry.created_date.year) != old_key:
        entry.index_no = allocate_index_no(entry.agency, entry.category, entry.created_date.year)
    if entry.status == Status.RETURNED:
        entry.status = Status.DRAFT
    _reindex(entry)
    entry.save()
    b, a = changed(before, snapshot(entry, LOGGED_FIELDS))
    record(actor, "catalogue.entry.update", entry, b, a)
    return entry


@transaction.atomic
def delete_entry(actor, entry: Entry) -> None:
    """Delete a never-published entry. Its 索引号 stays burnt (the counter never goes back)."""
    entry = _locked(entry)
    _require(actor, entry.agency, Role.CLERK)
    if entry.status not in EDITABLE_STATES:
        raise CatalogueError(_("只有草稿或已退回的条目可以删除；已发布的条目请撤回。"))
    files = [a.file.name for a in entry.attachments.all()]
    record(actor, "catalogue.entry.delete", entry, snapshot(entry, LOGGED_FIELDS), None)
    entry.delete()
    transaction.on_commit(lambda: _remove_files(files))


@transaction.atomic
def transition(actor, entry: Entry, action: str, reason: str = "", today: date | None = None) -> Entry:
    t = MACHINE.get(action)
    if t is None:
        raise CatalogueError(_("未知的操作。"))
    entry = _locked(entry)
    _require(actor, entry.agency, t.role)
    try:
        target = MACHINE.fire(entry.status, action)
    except statemachine.TransitionRefused as exc:
        raise CatalogueError(exc.message) from None
    reason = (reason or "").strip()
    if t.needs_reason and not reason:
        raise CatalogueError(_("请填写理由。"), "reason")
    before = snapshot(entry, LOGGED_FIELDS)
    entry.status = target
    if t.action == "return":
        entry.return_reason = reason
    elif t.action == "submit":
        entry.return_reason = ""
    elif t.action == "publish":
        entry.publish_date = today or timezone.localdate()
        entry.publish_lag, entry.late = publication_lag(entry.created_date, entry.publish_date)
    entry.save()
    b, a = changed(before, snapshot(entry, LOGGED_FIELDS))
    record(actor, f"catalogue.entry.{t.action}", entry, b, a, note=reason)
    return entry


def submit(actor, entry):
    return transition(actor, entry, "submit")


def publish(actor, entry, today: date | None = None):
    return transition(actor, entry, "publish", today=today)


def return_entry(actor, entry, reason: str):
    return transition(actor, entry, "return", reason=reason)


def withdraw(actor, entry, reason: str):
    return transition(actor, entry, "withdraw", reason=reason)


@transaction.atomic
def set_validity(actor, entry: Entry, validity: str, invalid_date: date | None = None) -> Entry:
    """Mark a published document 失效 or 废止 (or 有效 again); it stays in the catalogue."""
    entry = _locked(entry)
    if not (access_for(actor, entry.agency).has((Role.CLERK, Role.REVIEWER))):
        raise CatalogueError(_("您没有执行此操作的权限。"))
    if entry.status != Status.PUBLISHED:
        raise CatalogueError(_("只有已发布的条目可以变更有效性；草稿请直接修改。"))
    if validity not in Validity.values:
        raise CatalogueError(_("请选择有效性。"), "validity")
    before = snapshot(entry, LOGGED_FIELDS)
    entry.validity, entry.invalid_date = validity, invalid_date
    _check_validity(entry)
    entry.save(update_fields=["validity", "invalid_date", "updated_at"])
    b, a = changed(before, snapshot(entry, LOGGED_FIELDS))
    record(actor, "catalogue.entry.validity", entry, b, a)
    return entry


# --------------------------------------------------------------------------- attachments


def max_attachment_bytes() -> int:
    return int(getattr(settings, "GONGKAI_ATTACHMENT_MAX_BYTES", DEFAULT_MAX_ATTACHMENT_BYTES))


def _remove_files(names) -> None:
    from django.core.files.storage import default_storage

    for name in names:
        with contextlib.suppress(OSError):
            default_storage.delete(name)


def _safe_name(name: str, extension: str) -> str:
    base = os.path.basename((name or "").replace("\\", "/")).strip() or "attachment"
    stem, _ext = os.path.splitext(base)
    stem = "".join(ch for ch in stem if ch.isprintable() and ch not in '<>:"/\\|?*')[:120] or "attachment"
    # The extension follows the content: a PNG named .pdf is stored and served as .png.
    return stem + extension


def add_attachment(actor, entry: Entry, upload) -> Attachment:
    """Attach an uploaded file after checking its size and its real type (magic bytes).

    The file is written only after every check passed; if the database part then fails, the
    written file is removed again, so nothing is half-saved.
    """
    limit = max_attachment_bytes()
    size = getattr(upload, "size", None)
    if size is None:
        upload.seek(0, os.SEEK_END)
        size = upload.tell()
        upload.seek(0)
    if size == 0:
        raise CatalogueError(_("文件是空的。"), "file")
    if size > limit:
        raise CatalogueError(
            _("文件过大：%(size).1f MB，上限为 %(limit).0f MB。")
            % {"size": size / 1048576, "limit": limit / 1048576},
            "file",
        )
    kind = sniff_upload(upload)
    if kind is None:
        raise CatalogueError(
            _(
                "不支持的文件类型（按文件内容判断）。只能上传 PDF、Word（.docx/.doc）、Excel（.xlsx/.xls）、PNG 或 JPEG 文件。"
            ),
            "file",
        )
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in iter(lambda: upload.read(1 << 20), b""):
        digest.update(chunk)
    upload.seek(0)
    name = _safe_name(getattr(upload, "name", ""), kind.extension)

    stored: list[str] = []
    try:
        with transaction.atomic():
            locked = _locked(entry)
            _require(actor, locked.agency, Role.CLERK)
            if locked.status not in EDITABLE_STATES:
                raise CatalogueError(_("只有草稿或已退回的条目可以修改附件。"))
            att = Attachment(
                entry=locked,
                name=name,
                kind=kind.key,
                content_type=kind.content_type,
                size=size,
                sha256=digest.hexdigest(),
                uploaded_by=actor if getattr(actor, "pk", None) else None,
            )
            stored_name = f"{digest.hexdigest()[:16]}{kind.extension}"
            att.file.save(stored_name, File(upload, name=stored_name), save=False)
            stored.append(att.file.name)
            att.save()
            record(
                actor,
                "catalogue.attachment.add",
                locked,
                None,
                {"attachment": att.pk, "name": name, "type": kind.key, "size": size, "sha256": att.sha256},
                note=name,
            )
    except BaseException:
        _remove_files(stored)
        raise
    return att


@transaction.atomic
def delete_attachment(actor, attachment: Attachment) -> None:
    entry = _locked(attachment.entry)
    _require(actor, entry.agency, Role.CLERK)
    if entry.status not in EDITABLE_STATES:
        raise CatalogueError(_("只有草稿或已退回的条目可以修改附件。"))
    info = {
        "attachment": attachment.pk,
        "name": attachment.name,
        "type": attachment.kind,
        "size": attachment.size,
    }
    name = attachment.file.name
    attachment.delete()
    record(actor, "catalogue.attachment.delete", entry, info, None, note=attachment.name)
    transaction.on_commit(lambda: _remove_files([name]))


# --------------------------------------------------------------------------- annual report (table 二)

ART20_1_TYPES = {"regulations": DocType.REGULATION, "normative_docs": DocType.NORMATIVE}


def article20_item1_counts(agency, year: int) -> dict:
    """Table 二, 第二十条第（一）项, for one agency and report year.

    made: 规章/行政规范性文件 whose 生成日期 (成文日期) falls in the year;
    repealed: those marked 废止 with a 废止日期 in the year;
    valid: those made by 31 December and not 失效 or 废止 on or before that day (现行有效 at year end).
    Only published documents count (withdrawn ones were taken out of the catalogue).
    Keys match gongkai.annual.layout ACTIVE_2021 "art20_1".
    """
    return article20_item1_counts_by_agency([agency], year)[agency.pk]


def article20_item1_counts_by_agency(agencies, year: int) -> dict[int, dict]:
    """``article20_item1_counts`` of each of ``agencies`` (instances, a queryset or pks), keyed by
    agency pk: one grouped query (agency × document type) with conditional counts per chunk."""
    end = date(year, 12, 31)
    pks = agency_pks(agencies)
    found: dict[tuple[int, str], dict] = {}
    for ids in chunks(pks):
        rows = (
            Entry.objects.filter(
                agency_id__in=ids, status=Status.PUBLISHED, doc_type__in=ART20_1_TYPES.values()
            )
            .values("agency_id", "doc_type")
            .annotate(
                made=Count("pk", filter=Q(created_date__year=year)),
                repealed=Count("pk", filter=Q(validity=Validity.REPEALED, invalid_date__year=year)),
                valid=Count(
                    "pk",
                    filter=Q(created_date__lte=end) & (Q(validity=Validity.VALID) | Q(invalid_date__gt=end)),
                ),
            )
            .order_by()
        )
        for row in rows:
            found[(row["agency_id"], row["doc_type"])] = row
    zero = {"made": 0, "repealed": 0, "valid": 0}
    return {
        pk: {
            key: {column: found.get((pk, doc_type), zero)[column] for column in zero}
            for key, doc_type in ART20_1_TYPES.items()
        }
        for pk in pks
    }


# --------------------------------------------------------------------------- agency settings


@transaction.atomic
def save_index_pattern(actor, agency, pattern: str) -> AgencySettings:
    _require(actor, agency, Role.AGENCY_ADMIN)
    pattern = (pattern or "").strip()
    validate_index_pattern(pattern)
    row, _created = AgencySettings.objects.select_for_update().get_or_create(agency=agency)
    before = {"index_pattern": row.index_pattern}
    row.index_pattern = pattern
    row.save()
    record(actor, "catalogue.settings.update", agency, before, {"index_pattern": pattern}, agency=agency)
    return row


@transaction.atomic
def add_own_category(actor, agency, code: str, label: str) -> OwnCategory:
    _require(actor, agency, Role.AGENCY_ADMIN)
    code, label = code.strip().upper(), label.strip()
    if (
        rules.statutory_category(code) is not None
        or OwnCategory.objects.filter(agency=agency, code=code).exists()
    ):
        raise CatalogueError(_("该分类代码已被使用。"), "code")
    cat = OwnCategory.objects.create(agency=agency, code=code, label=label)
    record(actor, "catalogue.category.add", agency, None, {"code": code, "label": label}, agency=agency)
    return cat
