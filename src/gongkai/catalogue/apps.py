from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

PHRASES = {
    "catalogue.entry.create": gettext_noop("新建目录条目"),
    "catalogue.entry.update": gettext_noop("修改目录条目"),
    "catalogue.entry.delete": gettext_noop("删除目录条目"),
    "catalogue.entry.validity": gettext_noop("修改条目效力状态"),
    "catalogue.entry.withdraw": gettext_noop("撤回已发布条目"),
    "catalogue.entry.fixture": gettext_noop("生成测试条目"),
    "catalogue.attachment.add": gettext_noop("上传附件"),
    "catalogue.attachment.delete": gettext_noop("删除附件"),
    "catalogue.settings.update": gettext_noop("修改索引号规则"),
    "catalogue.category.add": gettext_noop("新增目录分类"),
    "catalogue.demo.load": gettext_noop("载入演示目录"),
}


def _repair_search_index(sender, using="default", **kwargs):
    from django.db import connections

    from .search.schema import ensure_sqlite_index

    ensure_sqlite_index(connections[using])


def _catalogue_url(agency, access):
    from django.urls import reverse

    return reverse("catalogue:entry_list", args=[agency.code]) if agency else reverse("catalogue:index")


class CatalogueConfig(AppConfig):
    name = "gongkai.catalogue"
    label = "catalogue"
    verbose_name = _("政府信息公开目录")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from gongkai import facts as section_one

        from . import facts

        section_one.register("catalogue", facts.provider)  # figures for the annual report's section 一
        from gongkai.agencies.nav import register_section

        # Django rebuilds SQLite tables to alter them, dropping their triggers; put them back.
        post_migrate.connect(_repair_search_index, sender=self, dispatch_uid="catalogue_search_index")
        from gongkai.agencies.dashboard import register_todos
        from gongkai.events.phrases import register
        from gongkai.workdays.signals import calendar_changed

        from . import desk
        from .cache import connect_signals
        from .workflow import MACHINE, recount_publication_lags

        connect_signals()
        # The workflow's steps are logged as catalogue.entry.<action>, worded by their labels.
        register({f"catalogue.entry.{t.action}": t.label for t in MACHINE.transitions.values()})
        register(PHRASES)
        register_todos("catalogue", desk.todos, order=30)
        calendar_changed.connect(recount_publication_lags, dispatch_uid="catalogue_publication_lags")
        register_section("catalogue", _("主动公开目录"), _catalogue_url, order=30)
