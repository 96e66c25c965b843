from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

PHRASES = {
    "checker.batch.create": gettext_noop("上传一批报告检查"),
    "checker.batch.recheck": gettext_noop("重新检查一批报告"),
    "checker.batch.delete": gettext_noop("删除一批检查的报告"),
}


def _checker_url(agency, access):
    from django.urls import reverse

    return reverse("checker:index")  # not about one agency: the user's own batches


class CheckerConfig(AppConfig):
    name = "gongkai.checker"
    label = "checker"
    verbose_name = _("批量检查报告")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from gongkai.agencies.nav import register_section
        from gongkai.events.phrases import register

        from . import tasks
        from .signals import batch_queued

        register(PHRASES)
        batch_queued.connect(tasks.on_batch_queued, dispatch_uid="checker_enqueue")
        register_section("checker", _("批量检查报告"), _checker_url, order=75)
