from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

PHRASES = {
    "interaction.demo.load": gettext_noop("载入演示数据"),
    "interaction.message.submit": gettext_noop("收到留言"),
    "interaction.settings.update": gettext_noop("修改留言答复期限"),
}
PUBLIC_PHRASES = {"interaction.message.submit": gettext_noop("提交留言")}  # by the visitor themselves


def _interaction_url(agency, access):
    from django.urls import reverse

    return reverse("interaction:inbox", args=[agency.code]) if agency else reverse("interaction:index")


class InteractionConfig(AppConfig):
    name = "gongkai.interaction"
    label = "interaction"
    verbose_name = _("政民互动")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from gongkai import facts
        from gongkai.agencies.nav import register_section
        from gongkai.events.phrases import register

        from .queries import facts as interaction_facts
        from .workflow import MACHINE

        register({f"interaction.message.{t.action}": t.label for t in MACHINE.transitions.values()})
        register(PHRASES)
        register(PUBLIC_PHRASES, public=True)
        register_section("interaction", _("政民互动"), _interaction_url, order=62)
        facts.register("interaction", interaction_facts)
