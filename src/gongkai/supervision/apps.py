from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _workplace_url(agency, access):
    """Offered to supervisors, superusers and users of several agencies (none chosen), as 汇总 is;
    an officer of one agency has nothing to supervise."""
    from django.urls import reverse

    if agency is not None and access is not None and not (access.supervised or access.superuser):
        return None
    return reverse("supervision:index")


class SupervisionConfig(AppConfig):
    name = "gongkai.supervision"
    label = "supervision"
    verbose_name = _("监督工作台")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from gongkai.agencies.nav import register_section

        register_section("supervision", _("监督工作台"), _workplace_url, order=66)
