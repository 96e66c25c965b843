from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

PHRASES = {
    "disclosure.plan.start": gettext_noop("开始将答复转为主动公开"),
    "disclosure.document.add": gettext_noop("上传拟公开文件并检出个人信息"),
    "disclosure.plan.names": gettext_noop("补充需要隐去的姓名"),
    "disclosure.redaction.manual": gettext_noop("手动增加隐去内容"),
    "disclosure.redaction.choose": gettext_noop("确认或保留拟隐去的内容"),
    "disclosure.plan.accept": gettext_noop("确认隐去方案并提交发布"),
    "disclosure.entry.from_case": gettext_noop("由依申请公开答复生成目录条目"),
    "disclosure.plan.cancel": gettext_noop("取消隐去方案"),
}


class DisclosureConfig(AppConfig):
    name = "gongkai.disclosure"
    label = "disclosure"
    verbose_name = _("依申请公开转主动公开")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from gongkai.events.phrases import register

        register(PHRASES)
