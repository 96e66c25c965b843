"""Who may see and do what, for every app.

The rule: staff see only their own agencies' data. A user who has no business with an agency gets
404 for everything under it (its existence is not revealed); a user who may read it but lacks the
role an action needs gets 403. Supervisors (监督) read the agencies under them and change nothing.
Site administrators (is_superuser) may do everything.

Scope of a supervisor membership: the subtree of ``agency.supervision_root()``, i.e. for the
政府信息公开工作主管部门 (县政府办公室) the whole 人民政府 above it with all its departments and
townships; for any other agency, that agency and the ones below it.

Use in views::

    @agency_required(needs=Role.CLERK)
    def entry_create(request, agency_code): ...   # request.agency is set

    class EntryList(AgencyRequiredMixin, ListView):
        agency_needs = None            # read access is enough; POST would need a write role

and for objects: ``get_object_or_404(Entry, agency=request.agency, pk=pk)``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import wraps

from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from .models import Agency, Membership, Role

WRITE_ROLES = frozenset({Role.CLERK, Role.REVIEWER, Role.AGENCY_ADMIN})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def _roles_param(role) -> set[str] | None:
    if role is None:
        return None
    if isinstance(role, str):
        return {str(role)}
    return {str(r) for r in role}


@dataclass(frozen=True)
class AgencyAccess:
    """What one user may do in one agency."""

    agency: Agency
    roles: frozenset[str]  # direct roles held in this agency
    supervised: bool  # reads it through a supervisor membership
    superuser: bool = False

    @property
    def can_read(self) -> bool:
        return self.superuser or self.supervised or bool(self.roles)

    @property
    def can_write(self) -> bool:
        return self.superuser or bool(self.roles & WRITE_ROLES)

    def has(self, needs) -> bool:
        wanted = _roles_param(needs)
        if wanted is None:
            return self.can_read
        return self.superuser or bool(self.roles & wanted)

    @property
    def is_clerk(self) -> bool:
        return self.has(Role.CLERK)

    @property
    def is_reviewer(self) -> bool:
        return self.has(Role.REVIEWER)

    @property
    def is_agency_admin(self) -> bool:
        return self.has(Role.AGENCY_ADMIN)


def _memberships(user):
    return Membership.objects.active().filter(user=user, agency__is_active=True).select_related("agency")


def _supervised_ids(user) -> set[int]:
    ids: set[int] = set()
    for m in _memberships(user).filter(role=Role.SUPERVISOR):
        ids |= m.agency.supervision_root().descendant_ids()
    return ids


def agencies_for(user, role=None) -> QuerySet[Agency]:
    """Agencies the user may see. ``role`` (a Role or several) narrows to agencies where the user
    holds one of those roles; Role.SUPERVISOR counts the whole supervised subtree."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Agency.objects.none()
    if user.is_superuser:
        return Agency.objects.filter(is_active=True)
    wanted = _roles_param(role)
    direct = _memberships(user)
    if wanted is not None:
        direct = direct.filter(role__in=wanted)
    ids = set(direct.exclude(role=Role.SUPERVISOR).values_list("agency_id", flat=True))
    if wanted is None or Role.SUPERVISOR in wanted:
        ids |= _supervised_ids(user)
    return Agency.objects.filter(pk__in=ids, is_active=True)


def access_for(user, agency: Agency) -> AgencyAccess:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return AgencyAccess(agency, frozenset(), False)
    if user.is_superuser:
        return AgencyAccess(agency, frozenset(Role.values), True, superuser=True)
    rows = list(_memberships(user).values_list("agency_id", "role"))
    roles = {role for agency_id, role in rows if agency_id == agency.pk and role != Role.SUPERVISOR}
    supervised = any(role == Role.SUPERVISOR for _, role in rows) and agency.pk in _supervised_ids(user)
    return AgencyAccess(agency, frozenset(roles), supervised)


def get_agency_or_404(user, code: str, needs=None, method: str = "GET") -> tuple[Agency, AgencyAccess]:
    """The agency with ``code`` and the user's access to it.

    404 if the user may not read it at all (or it does not exist: the two look the same);
    403 if the user may read it but lacks ``needs`` (a Role or several), or tries an unsafe
    ``method`` with read-only access.
    """
    agency = Agency.objects.filter(code=code, is_active=True).first()
    if agency is None:
        raise Http404("no such agency")
    access = access_for(user, agency)
    if not access.can_read:
        raise Http404("no such agency")
    if needs is not None and not access.has(needs):
        raise PermissionDenied
    if method.upper() not in SAFE_METHODS and not access.can_write:
        raise PermissionDenied
    return agency, access


def agency_required(needs=None, kwarg: str = "agency_code"):
    """View decorator: login required, then resolves ``kwargs[kwarg]`` to ``request.agency`` and
    ``request.agency_access`` or raises 404/403 as ``get_agency_or_404`` does."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            request.agency, request.agency_access = get_agency_or_404(
                request.user, kwargs[kwarg], needs=needs, method=request.method
            )
            return view(request, *args, **kwargs)

        wrapped.agency_required = True
        return wrapped

    return decorator


class AgencyRequiredMixin(LoginRequiredMixin):
    """Class-based-view form of ``agency_required``. Set ``agency_needs`` (None = read)."""

    agency_needs = None
    agency_kwarg = "agency_code"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.agency, self.access = get_agency_or_404(
            request.user, kwargs[self.agency_kwarg], needs=self.agency_needs, method=request.method
        )
        request.agency, request.agency_access = self.agency, self.access
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("agency", self.agency)
        context.setdefault("access", self.access)
        return context


def roles_label(roles: Iterable[str]) -> str:
    labels = dict(Role.choices)
    return "、".join(str(labels[r]) for r in Role.values if r in set(roles))
