"""The staff back office: agency list, per-agency dashboard, people, settings and the event log."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.events.models import Event

from . import services
from .access import agencies_for, agency_required, roles_label
from .dashboard import todos_for
from .forms import AddPersonForm, AgencySettingsForm, ChangeRolesForm
from .models import Membership, Role

User = get_user_model()


def _desk(agency, todos, roles: str = "") -> dict:
    """One agency's card on the desk: the work waiting (counts) and the states (the report)."""
    return {
        "agency": agency,
        "roles": roles,
        "work": [t for t in todos if t.count is not None],
        "states": [t for t in todos if t.count is None],
    }


@login_required
def index(request):
    """The staff home: the to-do desk of every agency the user serves or supervises, those with
    work waiting first."""
    agencies = list(agencies_for(request.user).select_related("parent").order_by("sort_order", "code"))
    direct: dict[int, set[str]] = {}
    for agency_id, role in (
        Membership.objects.active().filter(user=request.user).values_list("agency_id", "role")
    ):
        direct.setdefault(agency_id, set()).add(role)
    todos = todos_for(agencies, timezone.localdate())
    desks = [
        _desk(
            agency,
            todos[agency.pk],
            roles_label(direct.get(agency.pk, ()))
            or (_("全部") if request.user.is_superuser else _("监督（只读）")),
        )
        for agency in agencies
    ]
    busy = [d for d in desks if any(t.pending for t in d["work"])]
    idle = [d for d in desks if d not in busy]
    return render(request, "agencies/index.html", {"busy": busy, "idle": idle, "any": bool(desks)})


@agency_required()
def dashboard(request, agency_code):
    agency, access = request.agency, request.agency_access
    members = Membership.objects.active().filter(agency=agency).values("user").distinct().count()
    children = agencies_for(request.user).filter(parent=agency) if access.can_read else []
    context = {
        "agency": agency,
        "access": access,
        "member_count": members,
        "children": children,
        "desk": _desk(agency, todos_for([agency], timezone.localdate())[agency.pk]),
        "recent_events": Event.objects.filter(agency=agency).select_related("actor")[:10],
    }
    return render(request, "agencies/dashboard.html", context)


def _member_or_404(agency, user_id):
    user = User.objects.filter(pk=user_id, memberships__agency=agency).distinct().first()
    if user is None:
        raise Http404("no such member")
    return user


@agency_required(needs=Role.AGENCY_ADMIN)
def people(request, agency_code):
    agency = request.agency
    users = (
        User.objects.filter(memberships__agency=agency)
        .annotate(
            active_roles=Count(
                "memberships", filter=Q(memberships__agency=agency, memberships__is_active=True)
            )
        )
        .distinct()
        .order_by("username")
    )
    roles: dict[int, set[str]] = {}
    for user_id, role in Membership.objects.filter(agency=agency, is_active=True).values_list(
        "user_id", "role"
    ):
        roles.setdefault(user_id, set()).add(role)
    rows = [
        {"user": u, "roles": roles_label(roles.get(u.pk, ())), "active": u.is_active and u.active_roles > 0}
        for u in users
    ]
    return render(request, "agencies/people.html", {"agency": agency, "rows": rows})


@agency_required(needs=Role.AGENCY_ADMIN)
def person_add(request, agency_code):
    agency = request.agency
    form = AddPersonForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user = services.add_person(
            request.user,
            agency,
            username=data["username"],
            full_name=data["full_name"],
            email=data["email"],
            password=data["password1"],
            roles=data["roles"],
        )
        messages.success(request, _("已添加 %(name)s。") % {"name": user.first_name or user.username})
        return redirect("staff:people", agency_code=agency.code)
    return render(request, "agencies/person_add.html", {"agency": agency, "form": form})


@agency_required(needs=Role.AGENCY_ADMIN)
def person_edit(request, agency_code, user_id):
    agency = request.agency
    person = _member_or_404(agency, user_id)
    current = services.roles_in(person, agency)
    form = ChangeRolesForm(request.POST if request.method == "POST" else None, initial={"roles": current})
    if request.method == "POST" and form.is_valid():
        roles = form.cleaned_data["roles"]
        if person == request.user and Role.AGENCY_ADMIN in current and Role.AGENCY_ADMIN not in roles:
            form.add_error("roles", _("不能取消自己的机构管理员角色，请由其他机构管理员操作。"))
        else:
            services.set_roles(request.user, agency, person, roles)
            messages.success(
                request, _("已更新 %(name)s 的角色。") % {"name": person.first_name or person.username}
            )
            return redirect("staff:people", agency_code=agency.code)
    return render(
        request,
        "agencies/person_edit.html",
        {"agency": agency, "person": person, "form": form, "roles": roles_label(current)},
    )


@agency_required(needs=Role.AGENCY_ADMIN)  # outermost: strangers get 404 before any 405
@require_POST
def person_deactivate(request, agency_code, user_id):
    agency = request.agency
    person = _member_or_404(agency, user_id)
    if person == request.user:
        messages.error(request, _("不能停用自己的账号。"))
    else:
        services.deactivate(request.user, agency, person)
        messages.success(
            request,
            _("已停用 %(name)s 在本机构的全部角色。") % {"name": person.first_name or person.username},
        )
    return redirect("staff:people", agency_code=agency.code)


@agency_required(needs=Role.AGENCY_ADMIN)
def agency_settings(request, agency_code):
    agency = request.agency
    form = AgencySettingsForm(request.POST if request.method == "POST" else None, instance=agency)
    if request.method == "POST" and form.is_valid():
        if services.update_settings(request.user, agency, form):
            messages.success(request, _("已保存政府信息公开工作机构信息。"))
        else:
            messages.info(request, _("没有修改任何内容。"))
        return redirect("staff:dashboard", agency_code=agency.code)
    return render(request, "agencies/settings.html", {"agency": agency, "form": form})


@agency_required()
def events(request, agency_code):
    agency = request.agency
    page = Paginator(Event.objects.filter(agency=agency).select_related("actor"), 50).get_page(
        request.GET.get("page")
    )
    return render(request, "agencies/events.html", {"agency": agency, "page": page})
