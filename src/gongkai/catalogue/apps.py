from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _repair_search_index(sender, using="default", **kwargs):
    from django.db import connections

    from .search.schema import ensure_sqlite_index

    ensure_sqlite_index(connections[using])


class CatalogueConfig(AppConfig):
    name = "gongkai.catalogue"
    label = "catalogue"
    verbose_name = _("政府信息公开目录")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Django rebuilds SQLite tables to alter them, dropping their triggers; put them back.
        post_migrate.connect(_repair_search_index, sender=self, dispatch_uid="catalogue_search_index")
        from gongkai.workdays.signals import calendar_changed

        from .cache import connect_signals
        from .workflow import recount_publication_lags

        connect_signals()
        calendar_changed.connect(recount_publication_lags, dispatch_uid="catalogue_publication_lags")
