"""Notes on a claim or a link: listed in order, written by analysts, changed by authors."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ..forms import NoteForm, first_error
from ..models import Claim, Link, Note
from ..roles import ANALYST, has_role, role_required
from ..services import ServiceError, add_note, delete_note, edit_note
from ..services.annotation import NOT_YOUR_NOTE, may_change
from .common import HtmxHttpRequest, back_to, refuse


def _subject(kind: str, pk: int) -> Claim | Link:
    model = Claim if kind == "claim" else Link
    return get_object_or_404(model.objects.all(), pk=pk)


def _home(obj: Claim | Link) -> str:
    claim = obj if isinstance(obj, Claim) else obj.source
    return reverse("claims:claim_detail", args=[claim.article_id, claim.pk])


def notes_region(request: HtmxHttpRequest, kind: str, obj: Claim | Link, **extra) -> HttpResponse:
    notes = list(obj.notes.select_related("author").order_by("created_at"))
    context = {
        "kind": kind,
        "obj": obj,
        "notes": notes,
        # who may change which note is the service's rule, asked once per note
        "changeable": {n.pk for n in notes if may_change(n, request.user)},
        # the compare view's link list shows the count: kept in step (out of band)
        "count_oob": kind == "link"
        and bool(request.htmx)
        and "/compare/" in (request.htmx.current_url or ""),
        "add_url": reverse(f"claims:{kind}_note_add", args=[obj.pk]),
        "can_annotate": has_role(request.user, ANALYST),
        **extra,
    }
    return render(request, "claims/_notes.html", context)


@require_GET
def note_list(request: HtmxHttpRequest, kind: str, pk: int) -> HttpResponse:
    return notes_region(request, kind, _subject(kind, pk))


@require_POST
@role_required(ANALYST)
def note_add(request: HtmxHttpRequest, kind: str, pk: int) -> HttpResponse:
    obj = _subject(kind, pk)
    form = NoteForm(request.POST)
    if not form.is_valid():
        return refuse(request, first_error(form), _home(obj))
    try:
        add_note(
            body=form.cleaned_data["body"],
            author=request.user,
            claim=obj if isinstance(obj, Claim) else None,
            link=obj if isinstance(obj, Link) else None,
        )
    except ServiceError as exc:
        return refuse(request, exc.message, _home(obj), exc.status)
    if not request.htmx:
        return back_to(request, _home(obj))
    return notes_region(request, kind, obj)


def _own_note(request: HtmxHttpRequest, pk: int) -> Note:
    note = get_object_or_404(Note.objects.select_related("claim__article", "link__source"), pk=pk)
    if not may_change(note, request.user):
        raise PermissionDenied(NOT_YOUR_NOTE)
    return note


@require_http_methods(["GET", "POST"])
@role_required(ANALYST)
def note_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    note = _own_note(request, pk)
    subject = note.claim or note.link
    assert subject is not None  # a note hangs on a claim or a link (a database constraint)
    kind = "claim" if note.claim_id else "link"
    if request.method == "GET":
        template = "claims/note_edit.html" + ("#form" if request.htmx else "")
        return render(request, template, {"note": note})
    form = NoteForm(request.POST)
    if not form.is_valid():
        return refuse(request, first_error(form), _home(subject))
    try:
        edit_note(note=note, body=form.cleaned_data["body"], user=request.user)
    except ServiceError as exc:
        return refuse(request, exc.message, _home(subject), exc.status)
    if not request.htmx:
        return back_to(request, _home(subject))
    return notes_region(request, kind, subject)


@require_POST
@role_required(ANALYST)
def note_delete(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    note = _own_note(request, pk)
    subject = note.claim or note.link
    assert subject is not None  # a note hangs on a claim or a link (a database constraint)
    kind = "claim" if note.claim_id else "link"
    delete_note(note=note, user=request.user)
    if not request.htmx:
        return back_to(request, _home(subject))
    return notes_region(request, kind, subject)
