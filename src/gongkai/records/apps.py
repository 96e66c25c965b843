from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

PHRASES = {
    "records.decision.create": gettext_noop("登记第二十条决定"),
    "records.decision.update": gettext_noop("修改第二十条决定"),
    "records.decision.delete": gettext_noop("删除第二十条决定"),
    "records.total.set": gettext_noop("填写第二十条年度数量"),
    "records.total.delete": gettext_noop("删除第二十条年度数量"),
    "records.fee.create": gettext_noop("登记行政事业性收费"),
    "records.fee.update": gettext_noop("修改行政事业性收费"),
    "records.fee.delete": gettext_noop("删除行政事业性收费"),
    "records.import.preview": gettext_noop("上传导入文件"),
    "records.import.confirm": gettext_noop("确认导入"),
    "records.import.discard": gettext_noop("放弃导入"),
}


def _records_url(agency, access):
    from django.urls import reverse

    return reverse("records:decisions", args=[agency.code]) if agency else reverse("records:index")


class RecordsConfig(AppConfig):
    name = "gongkai.records"
    label = "records"
    verbose_name = _("第二十条信息（许可、处罚、强制、收费）")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from gongkai.agencies.nav import register_section
        from gongkai.events.phrases import register

        register(PHRASES)
        register_section("records", _("第二十条信息"), _records_url, order=50)
