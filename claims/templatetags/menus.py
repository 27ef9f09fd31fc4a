"""``<option>`` elements for a menu, drawn in Python: menus of a hundred stories or more,
looped over by the template engine, cost a millisecond and more on every page."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.filter
def options(choices: Iterable[tuple[object, object]], chosen: object = None) -> SafeString:
    """One option per (value, label) pair, the one whose value is ``chosen`` selected."""
    wanted = None if chosen is None else str(chosen)
    drawn = []
    for value, label in choices:
        value = str(value)
        selected = " selected" if value == wanted else ""
        drawn.append(f'<option value="{escape(value)}"{selected}>{escape(str(label))}</option>')
    return mark_safe("".join(drawn))  # every value and label escaped
