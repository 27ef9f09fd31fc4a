"""Roles as Django groups: viewer reads, analyst also writes, admin also deletes.

A signed-in user in no group is a viewer; superusers are admins. Checks happen in
views (``role_required``) and querysets, never only in templates.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

VIEWER, ANALYST, ADMIN = "viewer", "analyst", "admin"
RANK = {VIEWER: 0, ANALYST: 1, ADMIN: 2}
NOT_ALLOWED = {ANALYST: "Only analysts can do this.", ADMIN: "Only admins can do this."}


def role_of(user: Any) -> str:
    if isinstance(user, AnonymousUser) or not user.is_authenticated:
        return ""
    if user.is_superuser:
        return ADMIN
    cached = getattr(user, "_newsdesk_role", None)
    if cached is None:
        groups = set(user.groups.values_list("name", flat=True))
        cached = ADMIN if ADMIN in groups else ANALYST if ANALYST in groups else VIEWER
        user._newsdesk_role = cached
    return cached


def has_role(user: Any, role: str) -> bool:
    current = role_of(user)
    return bool(current) and RANK[current] >= RANK[role]


def role_required(role: str) -> Callable:
    """403 (with a message the panel can show) unless the user has at least ``role``."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not has_role(request.user, role):
                raise PermissionDenied(NOT_ALLOWED[role])
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
