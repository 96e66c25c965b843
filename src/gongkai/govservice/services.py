"""Changes to the registry besides the import: each one transaction with its event-log entry."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.agencies.access import WRITE_ROLES, access_for
from gongkai.events.services import record
from gongkai.statemachine import Machine, Transition, TransitionRefused

from .errors import GovServiceError
from .models import Material, ServiceItem, Status

STATUS = Machine(
    [
        Transition("suspend", gettext_lazy("暂停该事项"), {Status.IN_USE}, Status.SUSPENDED),
        Transition("resume", gettext_lazy("恢复该事项"), {Status.SUSPENDED}, Status.IN_USE),
        Transition("cancel", gettext_lazy("取消该事项"), {Status.IN_USE, Status.SUSPENDED}, Status.CANCELLED),
    ],
    dict(Status.choices),
)


def require_write(actor, agency) -> None:
    if not access_for(actor, agency).has(WRITE_ROLES):
        raise GovServiceError(_("您没有执行此操作的权限。"))


@transaction.atomic
def change_status(actor, item: ServiceItem, action: str) -> ServiceItem:
    """暂停 / 恢复 / 取消: a new version with the new status; the previous one is closed today."""
    require_write(actor, item.agency)
    item = ServiceItem.objects.select_for_update().get(pk=item.pk)
    if not item.is_current:
        raise GovServiceError(_("这是该事项的历史版本，只能修改当前版本。"))
    try:
        target = STATUS.fire(item.status, action)
    except TransitionRefused as refused:
        raise GovServiceError(refused.message) from None
    today = timezone.localdate()
    materials, old_status = list(item.materials.all()), item.status
    ServiceItem.objects.filter(pk=item.pk).update(is_current=False, valid_to=today)
    item.pk, item.id = None, None
    item.version += 1
    item.status, item.valid_from, item.valid_to, item.is_current = target, today, None, True
    item.batch, item.created_by = None, actor
    if target == Status.CANCELLED and item.cancel_on is None:
        item.cancel_on = today
    item.save()
    Material.objects.bulk_create(
        [
            Material(
                item=item,
                position=m.position,
                name=m.name,
                originals=m.originals,
                copies=m.copies,
                required=m.required,
            )
            for m in materials
        ]
    )
    record(
        actor,
        f"govservice.item.{action}",
        item,
        before={"status": old_status, "version": item.version - 1},
        after={"status": target, "version": item.version},
    )
    return item
