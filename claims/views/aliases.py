"""The alias table: analysts' rulings on which names stand for one entity."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from ..forms import AliasForm, first_error
from ..models import EntityAlias, Job
from ..roles import ANALYST, has_role, role_required
from ..services import ServiceError
from ..services import stories as service
from .common import HtmxHttpRequest, refuse


@require_GET
def alias_list(request: HtmxHttpRequest) -> HttpResponse:
    aliases = EntityAlias.objects.select_related("created_by")
    # The stories this analyst's alias edits sent to be matched again, not yet done.
    matching = Job.objects.filter(requested_by=request.user).story_matches()
    context = {
        "aliases": aliases,
        "can_edit": has_role(request.user, ANALYST),
        "matching": matching.count(),
    }
    return render(request, "claims/alias_list.html", context)


@require_POST
@role_required(ANALYST)
def alias_add(request: HtmxHttpRequest) -> HttpResponse:
    form = AliasForm(request.POST)
    if not form.is_valid():
        return refuse(request, first_error(form), reverse("claims:alias_list"))
    try:
        alias = service.add_alias(
            alias=form.cleaned_data["alias"],
            canonical=form.cleaned_data["canonical"],
            user=request.user,
        )
    except ServiceError as exc:
        return refuse(request, exc.message, reverse("claims:alias_list"), exc.status)
    messages.success(
        request,
        f"“{alias.alias}” now stands for “{alias.canonical}”. The stories that name "
        "either are matched again in the background.",
    )
    return redirect("claims:alias_list")


@require_POST
@role_required(ANALYST)
def alias_delete(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    service.delete_alias(alias=get_object_or_404(EntityAlias, pk=pk), user=request.user)
    messages.success(request, "Alias removed.")
    return redirect("claims:alias_list")
