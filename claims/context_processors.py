from __future__ import annotations

from django.http import HttpRequest

from .roles import ADMIN, ANALYST, has_role, role_of


def role(request: HttpRequest) -> dict:
    """The user's role for showing controls; every view checks it again itself."""
    user = getattr(request, "user", None)
    return {
        "role": role_of(user) if user else "",
        "is_analyst": bool(user) and has_role(user, ANALYST),
        "is_admin": bool(user) and has_role(user, ADMIN),
    }
