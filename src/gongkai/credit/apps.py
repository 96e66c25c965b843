from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

PHRASES = {
    "credit.import.preview": gettext_noop("上传双公示导入文件"),
    "credit.import.confirm": gettext_noop("确认导入双公示记录"),
    "credit.import.discard": gettext_noop("放弃双公示导入"),
    "credit.batch.create": gettext_noop("生成双公示报送批次"),
    "credit.batch.send": gettext_noop("双公示批次已报送"),
    "credit.batch.feedback": gettext_noop("登记信用平台反馈"),
    "credit.batch.cancel": gettext_noop("作废双公示报送批次"),
    "credit.record.create": gettext_noop("录入双公示记录"),
    "credit.record.correct": gettext_noop("更正双公示记录"),
    "credit.record.publish": gettext_noop("将双公示记录上网公示"),
    "credit.record.withdraw": gettext_noop("撤回双公示记录的公示"),
    "credit.record.repair": gettext_noop("因信用修复提前撤下处罚信息"),
}


def _credit_url(agency, access):
    from django.urls import reverse

    return reverse("credit:records", args=[agency.code]) if agency else reverse("credit:index")


class CreditConfig(AppConfig):
    name = "gongkai.credit"
    label = "credit"
    verbose_name = _("双公示（行政许可和行政处罚信用信息公示）")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from gongkai import facts
        from gongkai.agencies.nav import register_section
        from gongkai.events.phrases import register
        from gongkai.workdays.signals import calendar_changed

        from .figures import provider
        from .services import recount_due_dates

        register(PHRASES)
        register_section("credit", _("双公示"), _credit_url, order=55)
        calendar_changed.connect(recount_due_dates, dispatch_uid="credit_due_dates")
        facts.register("credit", provider)
