from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

PHRASES = {
    "appeals.appeal.create": gettext_noop("登记复议诉讼案件"),
    "appeals.appeal.update": gettext_noop("修改案件信息"),
}


def _appeals_url(agency, access):
    from django.urls import reverse

    return reverse("appeals:list", args=[agency.code]) if agency else reverse("appeals:index")


class AppealsConfig(AppConfig):
    name = "gongkai.appeals"
    label = "appeals"
    verbose_name = _("行政复议和行政诉讼")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from gongkai.agencies.dashboard import register_todos
        from gongkai.agencies.nav import register_section
        from gongkai.events.phrases import register

        from . import desk
        from .workflow import MACHINE

        # The workflow's steps are logged as appeals.appeal.<action>, worded by their labels.
        register({f"appeals.appeal.{t.action}": t.label for t in MACHINE.transitions.values()})
        register(PHRASES)
        register_todos("appeals", desk.todos, order=40)
        register_section("appeals", _("行政复议和行政诉讼"), _appeals_url, order=40)
