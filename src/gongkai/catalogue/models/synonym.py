"""A group of search synonyms added by staff (the seed list ships in data/synonyms.txt)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Synonym(models.Model):
    """Terms that stand for each other in a search (低保 最低生活保障): a query for one also finds
    entries with the others. ``agency`` None: the whole site (site administrators only)."""

    agency = models.ForeignKey(
        "agencies.Agency",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="search_synonyms",
        verbose_name=_("机构"),
    )
    # The terms separated by single spaces (a term never contains one: see synonyms.split_terms).
    terms = models.CharField(_("同义词"), max_length=400)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("检索同义词")
        verbose_name_plural = _("检索同义词")
        ordering = ["agency_id", "id"]

    def __str__(self) -> str:
        return "、".join(self.terms.split())

    def term_list(self) -> list[str]:
        return self.terms.split()
