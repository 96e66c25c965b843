"""An agency's catalogue settings."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

DEFAULT_INDEX_PATTERN = "{agency_code}-{category}-{year}-{serial:05d}"


class AgencySettings(models.Model):
    """Catalogue settings of one agency (the 索引号 pattern), edited by its 机构管理员."""

    agency = models.OneToOneField(
        "agencies.Agency", on_delete=models.CASCADE, related_name="catalogue_settings"
    )
    index_pattern = models.CharField(
        _("索引号格式"),
        max_length=100,
        default=DEFAULT_INDEX_PATTERN,
        help_text=_(
            "可用 {agency_code}（机构代码）、{credit_code}（统一社会信用代码）、{category}（分类代码）、"
            "{year}（年度）、{serial:05d}（流水号）。"
        ),
    )
