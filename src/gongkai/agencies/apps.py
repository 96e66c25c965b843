from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

PHRASES = {
    "agencies.person.add": gettext_noop("添加人员"),
    "agencies.person.roles": gettext_noop("修改人员角色"),
    "agencies.person.deactivate": gettext_noop("停用人员"),
    "agencies.agency.settings": gettext_noop("修改机构信息"),
    # written by the demo loader (the command line has no app of its own)
    "demo.load": gettext_noop("载入演示数据"),
}


class AgenciesConfig(AppConfig):
    name = "gongkai.agencies"
    label = "agencies"
    verbose_name = _("机构与人员")

    def ready(self):
        from gongkai.events.phrases import register

        from .nav import register_own_sections

        register(PHRASES)
        register_own_sections()
