from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

PHRASES = {
    "notifications.sent": gettext_noop("发送通知"),
    "notifications.fail": gettext_noop("通知发送失败"),
    "notifications.stuck": gettext_noop("通知发送状态不明，标记为发送失败"),
    "notifications.retry": gettext_noop("重新发送通知"),
}


class NotificationsConfig(AppConfig):
    name = "gongkai.notifications"
    label = "notifications"
    verbose_name = _("通知")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_save

        from gongkai.applications.signals import reminder_emailed
        from gongkai.events.models import Event
        from gongkai.events.phrases import register

        from . import receivers

        # The applications' steps are read from the event log they already write: no hook inside
        # their services. Reminders are e-mailed by the applications' scan, which says so.
        post_save.connect(receivers.on_event, sender=Event, dispatch_uid="notifications_on_event")
        reminder_emailed.connect(receivers.on_reminder_emailed, dispatch_uid="notifications_on_reminder")
        register(PHRASES)
