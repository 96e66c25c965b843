"""The two links of 第四十四条 conversion on pages of other apps: ``{% disclosure_for_case app %}`` on
the application case, ``{% disclosure_source entry %}`` on the staff view of a catalogue entry."""

from django import template

from gongkai.agencies.access import access_for

from ..queries import can_convert, plan_for_entry, plans_for_case

register = template.Library()


@register.inclusion_tag("disclosure/_case_link.html", takes_context=True)
def disclosure_for_case(context, application):
    request = context["request"]
    return {
        "app": application,
        "plans": list(plans_for_case(application)),
        "can_start": can_convert(application) and access_for(request.user, application.agency).is_clerk,
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("disclosure/_entry_source.html")
def disclosure_source(entry):
    return {"plan": plan_for_entry(entry), "entry": entry}
