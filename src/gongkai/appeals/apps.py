from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppealsConfig(AppConfig):
    name = "gongkai.appeals"
    label = "appeals"
    verbose_name = _("行政复议和行政诉讼")
    default_auto_field = "django.db.models.BigAutoField"
