"""The staff navigation for every page under /staff/ (``gongkai.agencies.nav``)."""

from __future__ import annotations

from django.urls import reverse

from .access import access_for, agencies_for
from .nav import links_for


def staff_nav(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not request.path.startswith(reverse("staff:index")):
        return {}
    agency = getattr(request, "agency", None)
    access = getattr(request, "agency_access", None)
    if agency is None:
        # A page of no agency (the calendar, the lists of agencies): the user's only agency, if one.
        mine = list(agencies_for(user)[:2])
        if len(mine) == 1:
            agency, access = mine[0], access_for(user, mine[0])
    return {"staff_nav": links_for(agency, access, request.path)}
