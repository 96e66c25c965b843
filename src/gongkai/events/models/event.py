"""One row per action. Rows are never changed or removed: the model, its queryset and (on the
database side) a trigger all refuse it."""

from __future__ import annotations

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.events import chain, phrases


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
    # The hash chain (gongkai.events.chain): the event's number in the log and its digest.
    seq = models.PositiveBigIntegerField(_("序号"), null=True, unique=True, editable=False)
    digest = models.CharField(_("校验值"), max_length=64, blank=True, editable=False)

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
        with transaction.atomic():
            head = ChainHead.advance()
            self.seq = head.seq
            self.digest = chain.digest(head.digest, head.seq, self.chain_content())
            super().save(*args, **kwargs)
            ChainHead.objects.filter(pk=ChainHead.PK).update(digest=self.digest)

    def chain_content(self) -> dict:
        return chain.content_of(self, DjangoJSONEncoder)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("操作记录只能追加，不能删除。")


class ChainHead(models.Model):
    """One row: the number and digest of the last event. Advancing it is the first write of an
    event's insert, so concurrent writers queue on it and each reads the digest before its own."""

    PK = 1
    seq = models.PositiveBigIntegerField(default=0)
    digest = models.CharField(max_length=64, default=chain.GENESIS)

    class Meta:
        verbose_name = _("操作记录链头")
        verbose_name_plural = _("操作记录链头")

    @classmethod
    def advance(cls) -> ChainHead:
        """The head with ``seq`` already moved on to the new event's number, and ``digest`` still
        the previous event's."""
        if not cls.objects.filter(pk=cls.PK).update(seq=F("seq") + 1):
            try:
                with transaction.atomic():
                    cls.objects.create(pk=cls.PK)
            except IntegrityError:  # another writer created it first
                pass
            cls.objects.filter(pk=cls.PK).update(seq=F("seq") + 1)
        return cls.objects.get(pk=cls.PK)
