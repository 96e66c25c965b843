from django import template

from .. import queries

register = template.Library()


@register.simple_tag
def notifications_of(app):
    """``{% notifications_of app as notes %}``: what was sent about this case."""
    return list(queries.for_application(app)[:100])
