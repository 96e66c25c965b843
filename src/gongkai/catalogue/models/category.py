"""An agency's own catalogue categories, added to the statutory ones."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class OwnCategory(models.Model):
    """A category an agency adds to the statutory ones (第二十二条: 不断增加主动公开的内容)."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="own_categories")
    code = models.CharField(_("代码"), max_length=8)
    label = models.CharField(pgettext_lazy("category", "名称"), max_length=100)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "code"], name="catalogue_owncat_unique")]
        ordering = ["agency", "code"]

    def __str__(self) -> str:
        return self.label
