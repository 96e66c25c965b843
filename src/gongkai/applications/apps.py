from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _dashboard_panel(request, agency, access):
    from django.utils import timezone

    from .models import OPEN_STATES, Application

    today = timezone.localdate()
    open_qs = Application.objects.filter(agency=agency, state__in=OPEN_STATES)
    return {
        "template": "applications/_dashboard_panel.html",
        "applications_open": open_qs.count(),
        "applications_overdue": open_qs.filter(next_due__lt=today).count(),
        "applications_unconfirmed": Application.objects.filter(agency=agency, state="submitted").count(),
    }


class ApplicationsConfig(AppConfig):
    name = "gongkai.applications"
    label = "applications"
    verbose_name = _("依申请公开")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from gongkai.agencies.dashboard import register_panel
        from gongkai.workdays.signals import calendar_changed

        from .services import recompute_open_deadlines

        register_panel("applications", _dashboard_panel, order=20)
        calendar_changed.connect(recompute_open_deadlines, dispatch_uid="applications_open_deadlines")
