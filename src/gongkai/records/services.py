"""Changes to 第二十条 records: each one transaction with its event-log entry, or nothing at all."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.access import WRITE_ROLES, access_for
from gongkai.events.services import record, snapshot

from .models import Decision, FeeCollection, YearlyTotal
from .rules import EARLIEST_DATE, EARLIEST_YEAR, KINDS, MAX_AMOUNT_YUAN, YUAN_PLACES, Kind

DECISION_FIELDS = ("kind", "number", "decided_on", "subject", "summary")
TOTAL_FIELDS = ("year", "kind", "count", "source")
FEE_FIELDS = ("year", "item", "basis", "amount_yuan")


class RecordsError(Exception):
    """A refused change, with a Chinese message and maybe the form field it is about."""

    def __init__(self, message, field: str | None = None):
        super().__init__(str(message))
        self.message = str(message)
        self.field = field


def require_write(actor, agency) -> None:
    if not access_for(actor, agency).has(WRITE_ROLES):
        raise RecordsError(_("您没有执行此操作的权限。"))


def today() -> date:
    return timezone.localdate()


# ---------------------------------------------------------------- value checks shared with the import


def check_kind(value) -> str:
    if value not in {k.value for k in Kind}:
        raise RecordsError(_("请选择类别（行政许可、行政处罚或行政强制）。"), "kind")
    return value


def check_date(value, field: str = "decided_on") -> date:
    if value is None:
        raise RecordsError(_("请填写决定日期。"), field)
    if value < EARLIEST_DATE or value > today():
        raise RecordsError(
            _("日期须在%(a)s至%(b)s之间。") % {"a": EARLIEST_DATE.isoformat(), "b": today().isoformat()},
            field,
        )
    return value


def check_year(value) -> int:
    if value is None or not EARLIEST_YEAR <= int(value) <= today().year:
        raise RecordsError(_("年度须在%(a)s至%(b)s之间。") % {"a": EARLIEST_YEAR, "b": today().year}, "year")
    return int(value)


def check_amount(value) -> Decimal:
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise RecordsError(_("金额应为数字（单位：元）。"), "amount_yuan") from None
    if not amount.is_finite() or amount < 0:
        raise RecordsError(_("金额不能为负数。"), "amount_yuan")
    if amount != amount.quantize(YUAN_PLACES):
        raise RecordsError(_("金额最多精确到分（两位小数）。"), "amount_yuan")
    if amount > MAX_AMOUNT_YUAN:
        raise RecordsError(_("金额过大，请核对单位是否为元。"), "amount_yuan")
    return amount.quantize(YUAN_PLACES)


def _text(value, field: str, label: str, max_length: int, required: bool = False) -> str:
    value = (value or "").strip()
    if required and not value:
        raise RecordsError(_("请填写%(l)s。") % {"l": label}, field)
    if len(value) > max_length:
        raise RecordsError(_("%(l)s不能超过%(n)s个字。") % {"l": label, "n": max_length}, field)
    return value


def clean_decision(agency, data: dict, exclude_pk=None) -> dict:
    out = {
        "kind": check_kind(data.get("kind")),
        "number": _text(data.get("number"), "number", _("决定文号"), 100, required=True),
        "decided_on": check_date(data.get("decided_on")),
        "subject": _text(data.get("subject"), "subject", _("相对人名称"), 200),
        "summary": _text(data.get("summary"), "summary", _("内容摘要"), 500),
    }
    clash = Decision.objects.filter(agency=agency, kind=out["kind"], number=out["number"])
    if exclude_pk:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise RecordsError(
            _("本机构已有文号为“%(n)s”的%(k)s决定。") % {"n": out["number"], "k": KINDS[out["kind"]].label},
            "number",
        )
    return out


def _saved(obj, message: str, field: str):
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError:  # a concurrent save won the unique constraint
        raise RecordsError(message, field) from None
    return obj


# ---------------------------------------------------------------- decisions


@transaction.atomic
def create_decision(actor, agency, **fields) -> Decision:
    require_write(actor, agency)
    data = clean_decision(agency, fields)
    decision = Decision(agency=agency, created_by=actor if getattr(actor, "pk", None) else None, **data)
    _saved(decision, _("本机构已有该文号的决定。"), "number")
    record(actor, "records.decision.create", decision, None, snapshot(decision, DECISION_FIELDS))
    return decision


@transaction.atomic
def update_decision(actor, decision: Decision, **fields) -> Decision:
    require_write(actor, decision.agency)
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    before = snapshot(decision, DECISION_FIELDS)
    current = {f: getattr(decision, f) for f in DECISION_FIELDS}
    data = clean_decision(decision.agency, {**current, **fields}, exclude_pk=decision.pk)
    for key, value in data.items():
        setattr(decision, key, value)
    _saved(decision, _("本机构已有该文号的决定。"), "number")
    record(actor, "records.decision.update", decision, before, snapshot(decision, DECISION_FIELDS))
    return decision


@transaction.atomic
def delete_decision(actor, decision: Decision) -> None:
    require_write(actor, decision.agency)
    before = snapshot(decision, DECISION_FIELDS)
    record(actor, "records.decision.delete", decision, before, None)
    decision.delete()


# ---------------------------------------------------------------- yearly totals


@transaction.atomic
def set_yearly_total(actor, agency, year: int, kind: str, count: int, source: str = "") -> YearlyTotal:
    """Create or replace the agency's yearly number of ``kind`` decisions for ``year``."""
    require_write(actor, agency)
    year, kind = check_year(year), check_kind(kind)
    if count is None or int(count) < 0:
        raise RecordsError(_("数量应为不小于0的整数。"), "count")
    source = _text(source, "source", _("数据来源"), 200)
    total = YearlyTotal.objects.select_for_update().filter(agency=agency, year=year, kind=kind).first()
    before = snapshot(total, TOTAL_FIELDS) if total else None
    if total is None:
        total = YearlyTotal(agency=agency, year=year, kind=kind)
    total.count, total.source = int(count), source
    _saved(total, _("该年度该类别的数量已存在。"), "kind")
    record(actor, "records.total.set", total, before, snapshot(total, TOTAL_FIELDS))
    return total


@transaction.atomic
def delete_yearly_total(actor, total: YearlyTotal) -> None:
    require_write(actor, total.agency)
    record(actor, "records.total.delete", total, snapshot(total, TOTAL_FIELDS), None)
    total.delete()


# ---------------------------------------------------------------- fees


def clean_fee(agency, data: dict, exclude_pk=None) -> dict:
    out = {
        "year": check_year(data.get("year")),
        "item": _text(data.get("item"), "item", _("收费项目"), 200, required=True),
        "basis": _text(data.get("basis"), "basis", _("收费依据"), 300),
        "amount_yuan": check_amount(data.get("amount_yuan")),
    }
    clash = FeeCollection.objects.filter(agency=agency, year=out["year"], item=out["item"])
    if exclude_pk:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise RecordsError(
            _("%(y)s年已有收费项目“%(i)s”，请修改该项目的金额。") % {"y": out["year"], "i": out["item"]},
            "item",
        )
    return out


@transaction.atomic
def save_fee(actor, agency, fee: FeeCollection | None = None, **fields) -> FeeCollection:
    require_write(actor, agency)
    before = None
    if fee is not None:
        fee = FeeCollection.objects.select_for_update().get(pk=fee.pk, agency=agency)
        before = snapshot(fee, FEE_FIELDS)
        fields = {**{f: getattr(fee, f) for f in FEE_FIELDS}, **fields}
    data = clean_fee(agency, fields, exclude_pk=fee.pk if fee else None)
    fee = fee or FeeCollection(agency=agency)
    for key, value in data.items():
        setattr(fee, key, value)
    _saved(fee, _("该年度已有同名收费项目。"), "item")
    record(
        actor,
        "records.fee.create" if before is None else "records.fee.update",
        fee,
        before,
        snapshot(fee, FEE_FIELDS),
    )
    return fee


@transaction.atomic
def delete_fee(actor, fee: FeeCollection) -> None:
    require_write(actor, fee.agency)
    record(actor, "records.fee.delete", fee, snapshot(fee, FEE_FIELDS), None)
    fee.delete()
