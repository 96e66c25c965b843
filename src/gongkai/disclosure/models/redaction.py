"""One proposed or manual redaction: a span of a document's text, what it is and which rule found
it. The officer accepts (default) or rejects it; only accepted ones are applied."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.redaction import Proposal, profile
from gongkai.redaction.mask import replacement

from ..labels import KIND_LABELS, RULE_LABELS


class Redaction(models.Model):
    document = models.ForeignKey("disclosure.Document", on_delete=models.CASCADE, related_name="redactions")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    kind = models.CharField(_("类别"), max_length=16)
    rule = models.CharField(_("规则"), max_length=32)
    keep = models.PositiveIntegerField(default=0)
    accepted = models.BooleanField(_("隐去"), default=True)

    class Meta:
        ordering = ["document_id", "start"]
        constraints = [
            models.CheckConstraint(condition=models.Q(end__gt=models.F("start")), name="redaction_span")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.start}-{self.end}"

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS.get(self.kind, self.kind))

    @property
    def rule_label(self) -> str:
        return str(RULE_LABELS.get(self.rule, self.rule))

    @property
    def value(self) -> str:
        return self.document.text[self.start : self.end]

    @property
    def masked(self) -> str:
        """What the published text will show instead (the document type's action for this kind)."""
        action = profile(self.document.profile).action(self.kind)
        return replacement(
            Proposal(self.start, self.end, self.kind, self.rule, self.keep), action, self.value
        )
