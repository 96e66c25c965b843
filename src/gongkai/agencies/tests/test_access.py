"""The access rules: own agencies only, supervisors read their subtree, superusers everything."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from gongkai.agencies.access import access_for, agencies_for, get_agency_or_404
from gongkai.agencies.models import Membership, Role


def codes(qs):
    return set(qs.values_list("code", flat=True))


def test_members_see_only_their_agencies(world):
    assert codes(agencies_for(world.clerk_a)) == {"t-a"}
    assert codes(agencies_for(world.stranger)) == {"t-b"}
    assert codes(agencies_for(world.clerk_a, role=Role.REVIEWER)) == set()


def test_supervisor_of_the_office_sees_the_whole_county_and_nothing_else(world):
    assert codes(agencies_for(world.supervisor)) == {"t-county", "t-office", "t-a", "t-b"}
    assert codes(agencies_for(world.outside_supervisor)) == {"t-other", "t-other-office", "t-other-dept"}


def test_superuser_sees_all(world):
    assert len(codes(agencies_for(world.superuser))) == 7


def test_inactive_membership_or_user_sees_nothing(world):
    Membership.objects.filter(user=world.clerk_a).update(is_active=False)
    assert not agencies_for(world.clerk_a).exists()
    world.reviewer_a.is_active = False
    world.reviewer_a.save()
    assert not agencies_for(world.reviewer_a).exists()


def test_get_agency_or_404(world):
    agency, access = get_agency_or_404(world.clerk_a, "t-a", needs=Role.CLERK, method="POST")
    assert agency == world.a and access.is_clerk and access.can_write
    with pytest.raises(Http404):
        get_agency_or_404(world.clerk_b, "t-a")
    with pytest.raises(Http404):
        get_agency_or_404(world.clerk_a, "no-such-code")
    with pytest.raises(PermissionDenied):  # own agency, missing role: 403 is no leak
        get_agency_or_404(world.clerk_a, "t-a", needs=Role.AGENCY_ADMIN)


def test_supervisor_is_read_only(world):
    access = access_for(world.supervisor, world.a)
    assert access.can_read and access.supervised and not access.can_write
    get_agency_or_404(world.supervisor, "t-a")  # reading is fine
    with pytest.raises(PermissionDenied):
        get_agency_or_404(world.supervisor, "t-a", method="POST")
    with pytest.raises(PermissionDenied):
        get_agency_or_404(world.supervisor, "t-a", needs=Role.CLERK)


def test_supervisor_pages(world, client):
    client.force_login(world.supervisor)
    assert client.get(reverse("staff:dashboard", args=["t-a"])).status_code == 200
    assert client.get(reverse("staff:events", args=["t-b"])).status_code == 200
    # read-only: no people management, no POST anywhere
    assert client.get(reverse("staff:people", args=["t-a"])).status_code == 403
    assert client.post(reverse("staff:dashboard", args=["t-a"])).status_code == 403
    assert client.post(reverse("staff:settings", args=["t-a"]), {"office_name": "x"}).status_code == 403
    # outside its county: 404
    assert client.get(reverse("staff:dashboard", args=["t-other-dept"])).status_code == 404
    body = client.get(reverse("staff:index")).content.decode()
    assert "示例县教育局" in body and "另一县" not in body


def test_dashboard_for_members(world, client):
    client.force_login(world.clerk_a)
    response = client.get(reverse("staff:dashboard", args=["t-a"]))
    assert response.status_code == 200
    assert "示例县教育局" in response.content.decode()
    assert client.get(reverse("staff:people", args=["t-a"])).status_code == 403
