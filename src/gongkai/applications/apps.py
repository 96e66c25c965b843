from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

PHRASES = {
    "applications.submit": gettext_noop("提交申请"),
    "applications.assign": gettext_noop("指定承办人"),
    "applications.view_personal": gettext_noop("查看申请人个人信息"),
    "applications.personal_data.erase": gettext_noop("保存期限届满，删除申请人个人信息"),
    "applications.deadline.moved": gettext_noop("因日历调整重新计算期限"),
    "applications.withdraw": gettext_noop("登记申请人撤回申请"),
    "applications.template.edit": gettext_noop("修改文书模板"),
    "applications.template.reset": gettext_noop("恢复默认文书模板"),
    # the working calendar's edits keep the names they had when the calendar lived here
    "applications.calendar.cover_year": gettext_noop("录入全年节假日安排"),
    "applications.calendar.set_day": gettext_noop("调整工作日日历"),
    "applications.calendar.remove_day": gettext_noop("删除日历调整"),
    "applications.calendar.import": gettext_noop("导入节假日安排"),
}
# Worded for the applicant, who takes these steps themselves on the portal.
PUBLIC_PHRASES = {
    "applications.receive_correction": gettext_noop("在网上提交补正材料"),
    "applications.submit": gettext_noop("在网上提交申请"),
}


def _applications_url(agency, access):
    from django.urls import reverse

    return reverse("applications:workbench", args=[agency.code]) if agency else reverse("applications:index")


class ApplicationsConfig(AppConfig):
    name = "gongkai.applications"
    label = "applications"
    verbose_name = _("依申请公开")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from gongkai import facts as section_one
        from gongkai.agencies.dashboard import register_todos
        from gongkai.agencies.nav import register_section
        from gongkai.events.phrases import register
        from gongkai.workdays.signals import calendar_changed

        from . import desk, facts
        from .services import recompute_open_deadlines
        from .workflow import TRANSITIONS

        # A step of the workflow is logged as applications.<action>, worded by its label.
        register({f"applications.{t.action}": t.label for t in TRANSITIONS})
        register(PHRASES)
        register(PUBLIC_PHRASES, public=True)

        register_todos("applications", desk.todos, order=20)
        calendar_changed.connect(recompute_open_deadlines, dispatch_uid="applications_open_deadlines")
        register_section("applications", _("依申请公开"), _applications_url, order=20)
        section_one.register("applications", facts.provider)  # figures for the annual report's section 一
