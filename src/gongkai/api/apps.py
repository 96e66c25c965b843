from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

PHRASES = {
    "api.token.create": gettext_noop("创建 API 令牌"),
    "api.token.revoke": gettext_noop("停用 API 令牌"),
}


class ApiConfig(AppConfig):
    name = "gongkai.api"
    label = "api"
    verbose_name = _("数据接口（API）")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from gongkai.events.phrases import register

        register(PHRASES)
