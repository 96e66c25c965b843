from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

PHRASES = {
    "govservice.import.preview": gettext_noop("上传政务服务事项文件"),
    "govservice.import.confirm": gettext_noop("确认导入政务服务事项"),
    "govservice.import.discard": gettext_noop("放弃导入政务服务事项"),
    "govservice.item.suspend": gettext_noop("暂停政务服务事项"),
    "govservice.item.resume": gettext_noop("恢复政务服务事项"),
    "govservice.item.cancel": gettext_noop("取消政务服务事项"),
}


def _registry_url(agency, access):
    from django.urls import reverse

    return reverse("govservice:registry", args=[agency.code]) if agency else reverse("govservice:index")


class GovServiceConfig(AppConfig):
    name = "gongkai.govservice"
    label = "govservice"
    verbose_name = _("政务服务事项")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from gongkai import facts
        from gongkai.agencies.nav import register_section
        from gongkai.events.phrases import register

        from .facts_provider import provider

        register(PHRASES)
        register_section("govservice", _("政务服务事项"), _registry_url, order=55)
        facts.register("govservice", provider)
