"""Numbered pagination for result lists (public catalogue and the staff catalogue)."""

from django import template

register = template.Library()


@register.simple_tag
def page_numbers(page) -> list:
    """1 … 4 5 6 … 20 around the current page: short enough for a phone's width."""
    return list(page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1))
