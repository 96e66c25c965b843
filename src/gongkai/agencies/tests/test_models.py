import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from gongkai.agencies.models import Agency, Membership, Role
from gongkai.agencies.testing import make_agency, make_user
from gongkai.annual.model import AgencyKind, AgencyLevel


def test_kind_and_level_are_the_report_core_values(world):
    assert {value for value, _ in Agency._meta.get_field("kind").choices} == {k.value for k in AgencyKind}
    assert {value for value, _ in Agency._meta.get_field("level").choices} == {v.value for v in AgencyLevel}
    annual = world.county.to_annual()
    assert annual.kind is AgencyKind.GOVERNMENT and annual.level is AgencyLevel.COUNTY
    assert world.a.get_kind_display() == "政府部门"


def test_tree(world):
    assert world.county.descendant_ids() == {world.county.pk, world.office.pk, world.a.pk, world.b.pk}
    assert world.a.ancestors() == [world.county]
    assert world.office.supervision_root() == world.county
    assert world.a.supervision_root() == world.a


def test_code_unique_and_validated(db):
    make_agency("dup")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_agency("dup")
    agency = Agency(code="有 空格", name="x", kind="department", level="county")
    with pytest.raises(ValidationError) as info:
        agency.full_clean()
    assert "机构代码只能由" in str(info.value)
    with pytest.raises(ValidationError) as info:
        Agency(code="catalogue", name="x", kind="department", level="county").full_clean()
    assert "保留" in str(info.value)


@pytest.mark.parametrize("code", ["applications", "appeals", "records", "reports", "Catalogue"])
def test_codes_of_staff_apps_are_reserved(db, code):
    with pytest.raises(ValidationError) as info:
        Agency(code=code, name="x", kind="department", level="county").full_clean()
    assert "保留" in str(info.value)


def test_every_staff_app_prefix_is_reserved():
    """No agency code may shadow a /staff/<app>/ URL: every fixed first segment under /staff/ is reserved."""
    from django.urls import URLResolver, get_resolver

    from gongkai.agencies.models.agency import RESERVED_CODES

    prefixes = set()
    for pattern in get_resolver().url_patterns:
        route = str(pattern.pattern)
        if isinstance(pattern, URLResolver) and route.startswith("staff/") and route != "staff/":
            prefixes.add(route.removeprefix("staff/").split("/", 1)[0])
    assert prefixes >= {"catalogue", "applications", "appeals", "records", "reports"}
    assert prefixes <= RESERVED_CODES


def test_parent_cycle_refused(world):
    world.county.parent = world.a
    with pytest.raises(ValidationError) as info:
        world.county.full_clean()
    assert "上级机构" in str(info.value)


def test_one_role_once_per_agency(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=world.clerk_a, agency=world.a, role=Role.CLERK)
    # the same person may hold another role, or a role elsewhere
    Membership.objects.create(user=world.clerk_a, agency=world.a, role=Role.REVIEWER)
    Membership.objects.create(user=world.clerk_a, agency=world.b, role=Role.CLERK)


def test_make_user_helper(db):
    user = make_user("u1")
    assert not user.has_usable_password()
