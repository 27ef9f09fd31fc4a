"""The site's URLs plus the signed-in trivial page.

The view does what every page does before its own work (the session, the user and the
role read, through the whole middleware stack) and nothing else: the floor under every
signed-in page.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.http import require_GET

from claims.roles import role_of
from newsdesk.urls import handler400, handler403, handler404, handler500  # noqa: F401
from newsdesk.urls import urlpatterns as site_urls


@require_GET
def signed_in(request: HttpRequest) -> HttpResponse:
    return HttpResponse(role_of(request.user), content_type="text/plain")


urlpatterns = [path("bench/signed-in/", signed_in), *site_urls]
