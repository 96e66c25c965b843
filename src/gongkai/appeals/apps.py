from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

PHRASES = {
    "appeals.appeal.create": gettext_noop("登记复议诉讼案件"),
    "appeals.appeal.update": gettext_noop("修改案件信息"),
}


class AppealsConfig(AppConfig):
    name = "gongkai.appeals"
    label = "appeals"
    verbose_name = _("行政复议和行政诉讼")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from gongkai.events.phrases import register

        from .workflow import MACHINE

        # The workflow's steps are logged as appeals.appeal.<action>, worded by their labels.
        register({f"appeals.appeal.{t.action}": t.label for t in MACHINE.transitions.values()})
        register(PHRASES)
