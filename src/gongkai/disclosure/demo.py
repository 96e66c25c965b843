"""Demo: one replied case of each demo agency with a clerk gets a redaction plan in progress, its
released document uploaded, so 转为主动公开 shows its preview in ``make run``."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.agencies.models import Membership, Role
from gongkai.applications.models import Application
from gongkai.redaction.profiles import REPLY_COPY

from . import services
from .queries import REPLIED_STATES
from .testing import released_pdf


def load_demo_disclosure(log=print) -> int:
    plans = 0
    clerks = Membership.objects.active().filter(role=Role.CLERK).select_related("user", "agency")
    for membership in clerks.order_by("agency__sort_order")[:2]:
        app = (
            Application.objects.filter(
                agency=membership.agency,
                outcome="r_open",
                state__in=REPLIED_STATES,
                applicant_type="natural_person",
            )
            .order_by("received_on", "pk")
            .first()
        )
        if app is None:
            continue
        plan = services.start(membership.user, app)
        lines = (
            f"{membership.agency.name}关于“{app.description[:40]}”的说明",
            f"申请人{app.name}，身份证号码{app.id_number}，联系电话{app.phone}。",
            f"住址：{app.address}" if app.address else "",
            "经办人：周晓峰",
            "现将相关信息公开如下。",
        )
        pdf = released_pdf([line for line in lines if line])
        services.add_document(membership.user, plan, SimpleUploadedFile("提供的信息.pdf", pdf), REPLY_COPY)
        plans += 1
    log(f"已创建 {plans} 个转为主动公开的隐去方案。")
    return plans
