from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

PHRASES = {
    "reports.create": gettext_noop("开始编制年度报告"),
    "reports.texts.save": gettext_noop("保存年度报告文字部分"),
    "reports.submit": gettext_noop("提交年度报告审核"),
    "reports.return": gettext_noop("退回年度报告"),
    "reports.revise": gettext_noop("修订已发布的年度报告"),
    "reports.publish": gettext_noop("发布年度报告"),
    "reports.baseline.import": gettext_noop("导入往年报告数据"),
    "reports.baseline.queue": gettext_noop("上传往年报告文件，等待后台读取"),
    "reports.baseline.finish": gettext_noop("往年报告文件读取完毕"),
    "reports.baseline.fail": gettext_noop("往年报告文件未能导入"),
    "reports.baseline.carried_over": gettext_noop("填写上年结转数"),
}


def _reports_url(agency, access):
    from django.urls import reverse

    return reverse("reports:agency", args=[agency.code]) if agency else reverse("reports:index")


def _summary_url(agency, access):
    """汇总 is for a user of several agencies: shown where none is chosen, to supervisors, to superusers."""
    from django.urls import reverse
    from django.utils import timezone

    if agency is not None and access is not None and not (access.supervised or access.superuser):
        return None
    return reverse("reports:summary", args=[timezone.localdate().year - 1])


class ReportsConfig(AppConfig):
    name = "gongkai.reports"
    label = "reports"
    verbose_name = _("年度报告")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from gongkai.agencies.dashboard import register_todos
        from gongkai.agencies.nav import register_section
        from gongkai.catalogue import cache as public_cache
        from gongkai.events.phrases import register

        from . import desk, tasks
        from .models import AnnualReport, ReportVersion
        from .signals import baseline_queued

        # The public list of reports is a cached page: publishing (a new version) renews it.
        public_cache.watch(AnnualReport, ReportVersion)

        baseline_queued.connect(tasks.on_baseline_queued, dispatch_uid="reports_read_baseline")
        register_todos("reports", desk.todos, order=90)
        register(PHRASES)
        register_section("reports", _("年度报告"), _reports_url, order=60)
        register_section("summary", _("汇总"), _summary_url, order=65)
