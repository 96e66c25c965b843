from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

PHRASES = {
    "hotline.demo.load": gettext_noop("载入演示数据"),
    "hotline.entry.create": gettext_noop("新建知识条目"),
    "hotline.entry.update": gettext_noop("修改知识条目"),
}


def _repair_search_index(sender, using="default", **kwargs):
    from django.db import connections

    from .search import ensure_index

    ensure_index(connections[using])


def _hotline_url(agency, access):
    from django.urls import reverse

    return reverse("hotline:entries", args=[agency.code]) if agency else reverse("hotline:index")


class HotlineConfig(AppConfig):
    name = "gongkai.hotline"
    label = "hotline"
    verbose_name = _("12345热线知识库")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from gongkai import facts
        from gongkai.agencies.nav import register_section
        from gongkai.events.phrases import register

        from .queries import facts as hotline_facts
        from .workflow import MACHINE

        post_migrate.connect(_repair_search_index, sender=self, dispatch_uid="hotline_search_index")
        register({f"hotline.entry.{t.action}": t.label for t in MACHINE.transitions.values()})
        register(PHRASES)
        register_section("hotline", _("热线知识库"), _hotline_url, order=60)
        facts.register("hotline", hotline_facts)
