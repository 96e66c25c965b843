"""Multi-step changes to agencies and people. Each runs in one transaction and writes its event."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db import transaction

from gongkai.events.services import changed, record, snapshot

from .models import Agency, Membership, Role

User = get_user_model()


def roles_in(user, agency: Agency) -> list[str]:
    return sorted(
        Membership.objects.filter(user=user, agency=agency, is_active=True).values_list("role", flat=True)
    )


@transaction.atomic
def add_person(
    actor, agency: Agency, *, username: str, full_name: str, email: str, password: str, roles: Iterable[str]
):
    user = User(username=username, first_name=full_name, email=email or "")
    user.set_password(password)
    user.save()
    roles = sorted(set(roles))
    for role in roles:
        Membership.objects.create(user=user, agency=agency, role=role)
    record(
        actor,
        "agencies.person.add",
        user,
        after={"username": username, "full_name": full_name, "email": email, "roles": roles},
        agency=agency,
    )
    return user


@transaction.atomic
def set_roles(actor, agency: Agency, user, roles: Iterable[str]) -> None:
    """Make ``roles`` exactly the user's active roles in ``agency``."""
    before = roles_in(user, agency)
    wanted = set(roles)
    for membership in Membership.objects.select_for_update().filter(user=user, agency=agency):
        active = membership.role in wanted
        if membership.is_active != active:
            membership.is_active = active
            membership.save(update_fields=["is_active", "updated_at"])
        wanted.discard(membership.role)
    for role in sorted(wanted):
        Membership.objects.create(user=user, agency=agency, role=role)
    after = roles_in(user, agency)
    if before != after:
        if not user.is_active and after:
            user.is_active = True
            user.save(update_fields=["is_active"])
        record(actor, "agencies.person.roles", user, {"roles": before}, {"roles": after}, agency=agency)


@transaction.atomic
def deactivate(actor, agency: Agency, user) -> None:
    """End the user's roles in this agency; a user left with no role anywhere can no longer log in."""
    before = roles_in(user, agency)
    Membership.objects.filter(user=user, agency=agency, is_active=True).update(is_active=False)
    disabled_login = False
    no_role_left = not Membership.objects.filter(user=user, is_active=True).exists()
    if no_role_left and user.is_active and not user.is_superuser:
        user.is_active = False
        user.save(update_fields=["is_active"])
        disabled_login = True
    record(
        actor,
        "agencies.person.deactivate",
        user,
        {"roles": before},
        {"roles": [], "login_disabled": disabled_login},
        agency=agency,
    )


@transaction.atomic
def update_settings(actor, agency: Agency, form) -> bool:
    """Save the 政府信息公开工作机构 fields from a valid AgencySettingsForm; False if nothing changed."""
    before = snapshot(Agency.objects.select_for_update().get(pk=agency.pk), Agency.OFFICE_FIELDS)
    agency = form.save()
    old, new = changed(before, snapshot(agency, Agency.OFFICE_FIELDS))
    if old or new:
        record(actor, "agencies.agency.settings", agency, old, new)
        return True
    return False


def role_values() -> list[str]:
    return list(Role.values)
