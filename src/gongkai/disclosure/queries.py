"""Reads: which cases may be converted, the people a case knows, the plan of a case or an entry."""

from __future__ import annotations

from gongkai.applications.workflow import State

from .models import Plan, PlanState

# 第四十四条 concerns information that 属于可以公开的: the reply released all or part of it.
RELEASED_OUTCOMES = frozenset({"r_open", "r_partial"})
REPLIED_STATES = frozenset({State.REPLIED, State.DELIVERED, State.CLOSED})


def can_convert(application) -> bool:
    return application.state in REPLIED_STATES and application.outcome in RELEASED_OUTCOMES


def case_names(application) -> list[str]:
    """The applicant, the contact person and a consulted third party, when they are people's names."""
    names = [application.contact_person, application.consultation_party]
    if not application.is_organisation:
        names.append(application.name)
    return [n.strip() for n in names if n and n.strip()]


def plans_for_case(application):
    return (
        Plan.objects.filter(application=application)
        .exclude(state=PlanState.CANCELLED)
        .select_related("entry")
    )


def plan_for_entry(entry) -> Plan | None:
    return Plan.objects.filter(entry=entry).select_related("application").first()
