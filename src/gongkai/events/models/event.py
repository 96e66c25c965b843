"""One row per action. Rows are never changed or removed: the model, its queryset and (on the
database side) a trigger all refuse it."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.events import phrases


class AppendOnlyError(Exception):
    """Raised on any attempt to change or remove a logged event."""


class EventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("操作记录只能追加，不能修改。")

    def delete(self):
        raise AppendOnlyError("操作记录只能追加，不能删除。")

    def bulk_update(self, *args, **kwargs):
        raise AppendOnlyError("操作记录只能追加，不能修改。")

    def for_subject(self, obj):
        return self.filter(subject_type=obj._meta.label_lower, subject_id=str(obj.pk))


class Event(models.Model):
    at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)
    # PROTECT: a person or agency that appears in the log is deactivated, never deleted.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("操作人"),
    )
    actor_name = models.CharField(_("操作人（记录时）"), max_length=150, blank=True)
    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("机构"),
    )
    action = models.CharField(_("操作"), max_length=64, db_index=True)
    subject_type = models.CharField(_("对象类型"), max_length=100, blank=True)
    subject_id = models.CharField(_("对象编号"), max_length=64, blank=True)
    subject_label = models.CharField(_("对象"), max_length=300, blank=True)
    before = models.JSONField(_("变更前"), null=True, blank=True, encoder=DjangoJSONEncoder)
    after = models.JSONField(_("变更后"), null=True, blank=True, encoder=DjangoJSONEncoder)
    note = models.TextField(_("说明"), blank=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("操作记录")
        verbose_name_plural = _("操作记录")
        indexes = [models.Index(fields=["subject_type", "subject_id"], name="event_subject_idx")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name or '-'} {self.action} {self.subject_label}"

    @property
    def actor_display(self) -> str:
        return phrases.actor_display(self)

    @property
    def phrase(self) -> str:
        return phrases.phrase(self.action, public=phrases.by_public(self))

    @property
    def sentence(self) -> str:
        """E.g. "张三 确认收到申请 GK-2026-0001": who, what, on what."""
        return " ".join(part for part in (self.actor_display, self.phrase, self.subject_label) if part)

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("操作记录只能追加，不能修改。")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("操作记录只能追加，不能删除。")
