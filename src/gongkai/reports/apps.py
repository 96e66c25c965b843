from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "gongkai.reports"
    label = "reports"
    verbose_name = _("年度报告")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from gongkai.agencies.dashboard import register_panel

        from .views import dashboard_panel

        register_panel("reports", dashboard_panel, order=30)
