"""Reads for the batch checker: a user's own batches (nobody else's: another user gets 404), the
progress of one, its result table, and the findings worded for officers (cells by printed labels)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from gongkai.annual.checks import Severity
from gongkai.annual.checks.base import REGISTRY, SEVERITY_LABELS
from gongkai.annual.grid_view import place_labels
from gongkai.annual.model import Report

from .models import CheckBatch, CheckItem, ItemState
from .workflow import BatchState

STATE_HINTS = {
    BatchState.QUEUED: gettext_lazy("排队等待后台检查……"),
    BatchState.CHECKING: gettext_lazy("正在后台检查，可离开本页，稍后回来查看。"),
}
SORTS = {
    "name": ("position",),
    "kind": ("kind", "position"),
    "agency": ("agency", "position"),
    "year": ("year", "position"),
    "errors": ("errors", "warnings", "position"),
    "warnings": ("warnings", "errors", "position"),
    "notes": ("note_count", "position"),
    "state": ("state", "position"),
}
CELLS_SHOWN = 4  # a finding's cells listed at once; the rest behind 等 N 个单元格
KIND_LABELS = {
    "pdf": "PDF",
    "docx": "Word",
    "xlsx": "Excel",
    "html": "HTML",
    "text": gettext_lazy("文本"),
    "json": "JSON",
}


def batches_for(user):
    return CheckBatch.objects.filter(owner=user)


def batch_for(user, pk: int) -> CheckBatch:
    """The user's own batch, or 404 (a batch is seen by whoever uploaded it, nobody else)."""
    batch = batches_for(user).filter(pk=pk).first()
    if batch is None:
        raise Http404("no such batch")
    return batch


def item_for(user, batch_pk: int, pk: int) -> CheckItem:
    item = (
        CheckItem.objects.filter(batch__owner=user, batch_id=batch_pk, pk=pk).select_related("batch").first()
    )
    if item is None:
        raise Http404("no such file")
    return item


@dataclass(frozen=True)
class Progress:
    total: int
    checked: int
    clean: int
    errors: int
    unreadable: int
    state: str
    stuck: bool

    @property
    def done(self) -> bool:
        return self.state == BatchState.DONE

    @property
    def percent(self) -> int:
        return round(100 * self.checked / self.total) if self.total else 100

    def as_json(self) -> dict:
        return {
            "total": self.total,
            "checked": self.checked,
            "clean": self.clean,
            "errors": self.errors,
            "unreadable": self.unreadable,
            "state": self.state,
            "done": self.done,
            "stuck": self.stuck,
            "percent": self.percent,
            "label": progress_label(self.checked, self.total),
            "state_label": str(STATE_HINTS.get(self.state, "")),
        }


def progress_label(checked: int, total: int) -> str:
    return _("已检查 %(checked)s / %(total)s") % {"checked": checked, "total": total}


def progress(batch: CheckBatch) -> Progress:
    counts = batch.items.aggregate(
        total=Count("pk"),
        clean=Count("pk", filter=Q(state=ItemState.CLEAN)),
        errors=Count("pk", filter=Q(state=ItemState.ERRORS)),
        unreadable=Count("pk", filter=Q(state=ItemState.UNREADABLE)),
    )
    checked = counts["clean"] + counts["errors"] + counts["unreadable"]
    quiet = timezone.now() - batch.touched > timedelta(seconds=settings.GONGKAI_CHECKER_STUCK_AFTER)
    return Progress(
        counts["total"],
        checked,
        counts["clean"],
        counts["errors"],
        counts["unreadable"],
        batch.state,
        stuck=batch.state != BatchState.DONE and quiet,
    )


def items(batch: CheckBatch, sort: str = "name", descending: bool = False):
    order = SORTS.get(sort, SORTS["name"])
    if descending:
        order = tuple(f"-{f}" for f in order)
    return batch.items.order_by(*order).defer("report", "findings", "notes")


def kind_label(kind: str) -> str:
    return str(KIND_LABELS.get(kind, kind or "—"))


def check_title(code: str) -> str:
    spec = REGISTRY.get(code)
    if spec is None:
        return code
    return spec.title_en if (get_language() or "").startswith("en") else spec.title_zh


def severity_label(severity: str) -> str:
    labels = SEVERITY_LABELS.get(Severity(severity), (severity, severity))
    return labels[1] if (get_language() or "").startswith("en") else labels[0]


def stored_report(item: CheckItem) -> Report | None:
    return Report.from_json(item.report) if item.report else None


def findings(item: CheckItem, report: Report | None = None) -> list[dict]:
    """The file's findings, errors first, each with its message in the active language and the
    cells it cites by their printed labels (the paths kept for the links)."""
    english = (get_language() or "").startswith("en")
    order = {
        s.value: i for i, s in enumerate((Severity.ERROR, Severity.WARNING, Severity.INFO, Severity.SKIPPED))
    }
    rows = []
    for index, f in enumerate(item.findings):
        rows.append(
            {
                "index": index,
                "code": f["code"],
                "severity": f["severity"],
                "severity_label": severity_label(f["severity"]),
                "title": check_title(f["code"]),
                "message": (f.get("message_en") or f["message"]) if english else f["message"],
                "cells": list(f.get("cells") or []),
                "labels": place_labels(f.get("cells") or [], report),
            }
        )
        rows[-1]["shown"], rows[-1]["more"] = (
            rows[-1]["labels"][:CELLS_SHOWN],
            rows[-1]["labels"][CELLS_SHOWN:],
        )
    return sorted(rows, key=lambda r: (order.get(r["severity"], 9), r["index"]))


def notes(item: CheckItem, report: Report | None = None) -> list[dict]:
    return [
        {"code": n["code"], "message": n["message"], "labels": place_labels(n.get("cells") or [], report)}
        for n in item.notes
    ]


def export_rows(batch: CheckBatch):
    """One row per finding (and one per unreadable file): file, agency, year, severity, code,
    message, cells by their printed labels — what the .xlsx and .csv hold."""
    for item in batch.items.order_by("position"):
        if item.state == ItemState.UNREADABLE:
            yield [
                item.name,
                item.agency,
                item.year or "",
                str(ItemState.UNREADABLE.label),
                "",
                item.error,
                "",
            ]
            continue
        report = stored_report(item)
        for f in findings(item, report):
            yield [
                item.name,
                item.agency,
                item.year or "",
                f["severity_label"],
                f["code"],
                f["message"],
                "；".join(f["labels"]),
            ]
