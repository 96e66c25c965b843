"""``{% provisional_mark day %}``: the 暂定 badge after a deadline counted into a year whose
holiday notice is not entered yet (see ``WorkCalendar.with_provisional``)."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from ..services import last_entered_year

register = template.Library()


@register.simple_tag(takes_context=True)
def provisional_mark(context, day, explain=False) -> str:
    """The badge (its reason as a tooltip; said in words as well with ``explain``, e.g. on a phone)."""
    if not day:
        return ""
    known = context.get("calendar_last_year")
    last = known() if callable(known) else last_entered_year()
    if last is not None and day.year <= last:
        return ""
    reason = _("%(year)s年的节假日安排尚未公布或录入，此日期仅按法定节假日计算，录入后自动重算") % {
        "year": day.year
    }
    badge = format_html(' <span class="badge provisional" title="{}">{}</span>', reason, _("暂定"))
    if explain:
        return format_html('{} <span class="provisional-note">{}</span>', badge, reason)
    return badge
