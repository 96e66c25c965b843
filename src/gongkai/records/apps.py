from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordsConfig(AppConfig):
    name = "gongkai.records"
    label = "records"
    verbose_name = _("第二十条信息（许可、处罚、强制、收费）")
    default_auto_field = "django.db.models.BigAutoField"
