"""``<option>`` elements for a menu, drawn in Python: menus of a hundred stories or more,
looped over by the template engine, cost a millisecond and more on every page."""

from __future__ import annotations

from collections.abc import Iterable

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe

register = template.Library()
SELECTED = mark_safe(" selected")  # noqa: S308  a constant


@register.filter
def options(choices: Iterable[tuple[object, object]], chosen: object = None) -> SafeString:
    """One option per (value, label) pair, the one whose value is ``chosen`` selected."""
    wanted = None if chosen is None else str(chosen)
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((value, SELECTED if str(value) == wanted else "", label) for value, label in choices),
    )
