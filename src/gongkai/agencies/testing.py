"""Test helpers shared by every app: small factories and the ``world`` fixture.

Use in a conftest.py::

    from gongkai.agencies.testing import world  # noqa: F401  (a pytest fixture)

``world`` is two counties: 示例县 with its government, its 主管部门 (the office), departments
A and B; and 另一县 with its own office and a department. Users hold roles as their names say.
Passwords are unusable (hashing with argon2 is slow); log in with ``client.force_login``.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import Argon2PasswordHasher

from gongkai.annual.model import AgencyKind, AgencyLevel

from .models import Agency, Membership, Role

User = get_user_model()


def make_agency(code: str, name: str | None = None, parent: Agency | None = None, **fields) -> Agency:
    fields.setdefault("kind", AgencyKind.DEPARTMENT.value)
    fields.setdefault("level", AgencyLevel.COUNTY.value)
    return Agency.objects.create(code=code, name=name or f"机构{code}", parent=parent, **fields)


def make_user(
    username: str, agency: Agency | None = None, *roles: str, password: str | None = None, **fields
):
    user = User(username=username, first_name=fields.pop("first_name", username), **fields)
    if password is None:
        user.set_unusable_password()
    else:
        user.set_password(password)
    user.save()
    for role in roles:
        Membership.objects.create(user=user, agency=agency, role=role)
    return user


@dataclass
class World:
    county: Agency  # 示例县人民政府
    office: Agency  # 示例县人民政府办公室 (主管部门)
    a: Agency  # a department of 示例县
    b: Agency  # another department of 示例县
    other_county: Agency
    other_office: Agency
    other_dept: Agency
    clerk_a: object
    reviewer_a: object
    admin_a: object
    clerk_b: object
    admin_b: object
    stranger: object  # every write role in B, none in A
    supervisor: object  # 监督 of 示例县's office: reads county, office, A, B
    outside_supervisor: object  # 监督 of 另一县's office: sees none of 示例县
    superuser: object

    @property
    def strangers_of_a(self):
        """Users who must get 404 everywhere under agency A."""
        return [self.stranger, self.clerk_b, self.admin_b, self.outside_supervisor]


def build_world() -> World:
    county = make_agency(
        "t-county", "示例县人民政府", kind=AgencyKind.GOVERNMENT.value, level=AgencyLevel.COUNTY.value
    )
    office = make_agency("t-office", "示例县人民政府办公室", county, is_supervising_office=True)
    a = make_agency("t-a", "示例县教育局", county)
    b = make_agency("t-b", "示例县财政局", county)
    other_county = make_agency(
        "t-other", "另一县人民政府", kind=AgencyKind.GOVERNMENT.value, level=AgencyLevel.COUNTY.value
    )
    other_office = make_agency(
        "t-other-office", "另一县人民政府办公室", other_county, is_supervising_office=True
    )
    other_dept = make_agency("t-other-dept", "另一县教育局", other_county)
    return World(
        county=county,
        office=office,
        a=a,
        b=b,
        other_county=other_county,
        other_office=other_office,
        other_dept=other_dept,
        clerk_a=make_user("clerk_a", a, Role.CLERK),
        reviewer_a=make_user("reviewer_a", a, Role.REVIEWER),
        admin_a=make_user("admin_a", a, Role.AGENCY_ADMIN),
        clerk_b=make_user("clerk_b", b, Role.CLERK),
        admin_b=make_user("admin_b", b, Role.AGENCY_ADMIN),
        stranger=make_user("stranger_b", b, Role.CLERK, Role.REVIEWER, Role.AGENCY_ADMIN),
        supervisor=make_user("supervisor", office, Role.SUPERVISOR),
        outside_supervisor=make_user("outside_supervisor", other_office, Role.SUPERVISOR),
        superuser=make_user("root", is_superuser=True, is_staff=True),
    )


class FastArgon2PasswordHasher(Argon2PasswordHasher):
    """Still argon2id, with test-sized cost (the real one takes ~0.4 s a hash)."""

    time_cost = 1
    memory_cost = 1024
    parallelism = 1


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["gongkai.agencies.testing.FastArgon2PasswordHasher"]


@pytest.fixture
def world(db) -> World:
    return build_world()
