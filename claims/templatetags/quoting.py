"""Claim texts in quotation marks, without doubling the marks a quotation already has."""

from __future__ import annotations

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

OPENING = "“\"‘'«„"
CLOSING = "”\"’'»"


@register.filter
def quoted(text: object) -> SafeString:
    """“text”, escaped; a text that opens or closes with a quotation mark keeps its own."""
    value = str(text or "")
    opening = "" if value[:1] in OPENING else "“"
    ends = value[:-1] if value.endswith("…") else value  # truncated: the mark before "…"
    closing = "" if ends[-1:] in CLOSING else "”"
    return mark_safe(f"{opening}{conditional_escape(value)}{closing}")
