"""A knowledge entry (知识点) of the 12345 hotline knowledge base, spec §3.2."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("草稿")
    IN_REVIEW = "in_review", _("待审核")
    PUBLISHED = "published", _("已发布")
    DUE_REVIEW = "due_review", _("待复核")
    EXPIRED = "expired", _("已失效")


class Entry(models.Model):
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("提供单位")
    )
    code = models.CharField(_("编码"), max_length=40, unique=True)
    title = models.CharField(_("标题"), max_length=200)
    category = models.CharField(_("分类"), max_length=200, help_text=_("以“/”分级，如 民生热点/社会保障"))
    questions = models.JSONField(_("常见问法"), default=list)  # list of str
    answer = models.TextField(_("答复口径"))
    summary = models.CharField(_("摘要"), max_length=300, blank=True)
    # [{"title": 文件名称, "doc_no": 文号, "article": 条款, "index_no": 主动公开目录索引号}]
    basis = models.JSONField(_("依据"), default=list, blank=True)
    owner = models.CharField(_("责任人"), max_length=50, blank=True)
    related_items = models.JSONField(_("关联事项"), default=list, blank=True)  # 政务服务事项实施编码
    effective_from = models.DateField(_("生效日期"))
    effective_to = models.DateField(_("失效日期"), null=True, blank=True)
    review_due = models.DateField(_("复核日期"))
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    version = models.PositiveIntegerField(_("版本"), default=1)
    published_on = models.DateField(_("发布日期"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"))
    updated_at = models.DateTimeField(_("更新时间"))
    # Segmented words (rjieba, as the catalogue): what the full-text index holds.
    search_title = models.TextField(default="", editable=False)
    search_text = models.TextField(default="", editable=False)

    class Meta:
        verbose_name = _("知识条目")
        verbose_name_plural = _("知识条目")
        ordering = ["code"]
        indexes = [models.Index(fields=["agency", "status"]), models.Index(fields=["status", "review_due"])]

    def __str__(self):
        return f"{self.code} {self.title}"

    @property
    def category_parts(self) -> list[str]:
        return [p for p in self.category.split("/") if p]


class Review(models.Model):
    """One 复核 of a published entry: on time when done by its review date."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="reviews")
    due_on = models.DateField()
    reviewed_on = models.DateField()
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )

    class Meta:
        ordering = ["-reviewed_on", "-id"]

    @property
    def on_time(self) -> bool:
        return self.reviewed_on <= self.due_on


class Counter(models.Model):
    """Last serial of the entry codes per year; never reused."""

    year = models.PositiveSmallIntegerField(unique=True)
    last = models.PositiveIntegerField(default=0)
