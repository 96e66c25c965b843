"""A 行政复议 or 行政诉讼 case in which the agency is the respondent (被申请人/被告)."""

from __future__ import annotations

from django.db import models
from django.utils import translation
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from ..rules import BUCKET_LABELS, DECISIONS, KIND_LABELS, WITHDRAWN_BUCKET, Bucket, Kind
from ..workflow import FINISHED, STAGE_LABELS, Stage

KIND_CHOICES = [(k.value, label) for k, label in KIND_LABELS.items()]
STAGE_CHOICES = [(s.value, label) for s, label in STAGE_LABELS.items()]
DECISION_CHOICES = [
    (d.code, format_lazy(_("{label}（{basis}）"), label=d.label, basis=d.basis)) for d in DECISIONS.values()
]


class Appeal(models.Model):
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="appeals", verbose_name=_("机构")
    )
    kind = models.CharField(_("类别"), max_length=40, choices=KIND_CHOICES)
    body = models.CharField(_("复议机关或人民法院"), max_length=200)
    case_number = models.CharField(_("案号"), max_length=100)
    applicant = models.CharField(_("申请人或原告"), max_length=200, blank=True)
    application = models.ForeignKey(
        "applications.Application",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appeals",
        verbose_name=_("所涉政府信息公开申请"),
    )
    # 201号: this agency is sued only as the 复议机关 that upheld another agency's act.
    review_body_co_defendant = models.BooleanField(
        _("本机关作为复议机关与原行为机关为共同被告"), default=False
    )
    simplified = models.BooleanField(_("适用简易程序"), default=False)

    filed_on = models.DateField(_("申请或立案日期"), null=True, blank=True)
    received_on = models.DateField(_("收到申请书副本或起诉状副本日期"), db_index=True)
    answered_on = models.DateField(_("提交答复或答辩状日期"), null=True, blank=True)
    decided_on = models.DateField(_("审结日期"), null=True, blank=True, db_index=True)

    stage = models.CharField(_("阶段"), max_length=16, choices=STAGE_CHOICES, default=Stage.REGISTERED.value)
    decision = models.CharField(_("审理结果"), max_length=40, choices=DECISION_CHOICES, blank=True)
    notes = models.TextField(_("备注"), blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("行政复议、行政诉讼案件")
        verbose_name_plural = _("行政复议、行政诉讼案件")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "kind", "case_number"], name="appeal_unique_case_number"
            ),
        ]
        indexes = [models.Index(fields=["agency", "received_on"], name="appeal_agency_received_idx")]

    def __str__(self) -> str:
        # In the source language whatever the page's: the event log keeps this text.
        with translation.override(None):
            return f"{self.case_number}（{self.kind_label}）"

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[Kind(self.kind)]

    @property
    def stage_label(self) -> str:
        return STAGE_LABELS[Stage(self.stage)]

    @property
    def is_finished(self) -> bool:
        return Stage(self.stage) in FINISHED

    @property
    def decision_label(self) -> str:
        d = DECISIONS.get(self.decision)
        return d.label if d else ""

    def bucket_on(self, day) -> Bucket:
        """The table-四 column of this case as of ``day``."""
        if not self.is_finished or self.decided_on is None or self.decided_on > day:
            return Bucket.PENDING
        if self.stage == Stage.WITHDRAWN:
            return WITHDRAWN_BUCKET
        return DECISIONS[self.decision].bucket

    def bucket_label_on(self, day) -> str:
        return BUCKET_LABELS[self.bucket_on(day)]
