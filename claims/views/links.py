"""Writes in the compare view: making, editing and deleting links, and what they send back.

A write answers with the panel's message, the count and the one link item that changed,
and only what changed in the columns. A column whose claims changed (a selection that
became a new manual claim) is drawn whole; in a column whose claims did not, only the
paragraphs of the link's ends, drawn by the function that draws the page
(``reading.render_text``) and swapped out of band. Redrawing both columns of two
300-claim articles (200 KB of HTML) took about half of every write's time.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import reduce
from operator import or_

from django.contrib import messages
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import SafeString
from django.views.decorators.http import require_http_methods, require_POST

from ..forms import LinkEditForm, LinkForm, VersionForm, first_error
from ..models import Article, Claim, Link
from ..reading import ClaimSpan, paragraph_span, render_text
from ..roles import ANALYST, has_role, role_required
from ..services import ServiceError, delete_link, link_selection, restore_link, update_link
from ..services.annotation import claim_near
from ..story_figures import link_against_facts
from .common import HtmxHttpRequest, refuse
from .compare import (
    BAD_SELECTION,
    LinkListing,
    article_pair,
    by_side,
    draw_columns,
    link_panel_context,
)
from .reader import relations_by_claim


def _paragraphs(
    a: Article, b: Article, ends: Sequence[Claim], redrawn: Article | None
) -> list[SafeString]:
    """The paragraphs of ``ends`` in the columns not redrawn, as the page draws them."""
    spans = {
        (end.article_id, *paragraph_span(article.text, end.start, end.end))
        for end in ends
        for article in (a, b)
        if end.article_id == article.pk and article != redrawn
    }
    if not spans:
        return []
    near = reduce(or_, (Q(article_id=x, start__lt=stop, end__gt=start) for x, start, stop in spans))
    rows = Claim.objects.filter(near).values_list("pk", "article_id", "start", "end")
    claims = [ClaimSpan(*row) for row in rows]
    ids = [c.pk for c in claims]
    links = (
        Link.objects.between(a, b)
        .filter(Q(source_id__in=ids) | Q(target_id__in=ids))
        .values_list("source_id", "target_id", "relation")
    )
    relations = relations_by_claim(links)
    drawn = []
    for side, article in (("a", a), ("b", b)):
        own = [c for c in claims if c.article_id == article.pk]
        for pk, start, stop in sorted(spans):
            if pk == article.pk:
                drawn.append(
                    render_text(article.text, own, relations, "h2", side=side, within=(start, stop))
                )
    return drawn


def update_response(
    request: HtmxHttpRequest,
    a: Article,
    b: Article,
    message: str,
    *,
    ends: Sequence[Claim] = (),
    redrawn: Article | None = None,
    **change,
) -> HttpResponse:
    """What a write sends back (see the module's docstring). ``change``: added, changed
    or removed (a link's id), settled (a suggestion's id); ``ends``: the claims of a
    removed link (an added or changed link names its own); ``redrawn``: the article
    whose claims changed."""
    decorate = LinkListing(a, b)
    ends = list(ends)
    for key in ("added", "changed"):
        if change.get(key) is not None:
            link = Link.objects.select_related("source", "target", "author").get(pk=change[key].pk)
            link.note_count = link.notes.count()
            change[key] = decorate(link)
            ends += [link.source, link.target]
    between = Link.objects.between(a, b)
    drawn, link_count = [], None
    if redrawn is not None:
        rows = list(between.values_list("source_id", "target_id", "relation"))
        drawn, link_count = draw_columns(a, b, rows, only=redrawn), len(rows)
    context = {
        "a": a,
        "b": b,
        "columns": drawn,
        "link_count": between.count() if link_count is None else link_count,
        "message": message,
        "can_annotate": has_role(request.user, ANALYST),
        **change,
    }
    context["paragraphs"] = _paragraphs(a, b, ends, redrawn)
    return render(request, "claims/_compare_update.html", context)


@require_POST
@role_required(ANALYST)
def link_create(request: HtmxHttpRequest, a: int, b: int) -> HttpResponse:
    first, second = article_pair(a, b)
    page = reverse("claims:compare", args=[a, b])
    form = LinkForm(request.POST)
    if not form.is_valid():
        return refuse(request, BAD_SELECTION, page)
    data = form.cleaned_data
    source, other = by_side(first, second, data["side"])
    target = (
        Claim.objects.filter(pk=data["target"], article=other).first() if data["target"] else None
    )
    if target is not None and data["despite_facts"] != data["relation"]:
        warning = _against_facts(source, data["start"], data["end"], target, data["relation"])
        if warning:
            return _warn(request, first, second, data, target, warning)
    try:
        made = link_selection(
            article=source,
            start=data["start"],
            end=data["end"],
            target=target,
            relation=data["relation"],
            note=data["note"],
            author=request.user,
        )
    except ServiceError as exc:
        return refuse(request, exc.message, page, exc.status)
    link = made.link
    message = "Link saved." if made.created else "These claims were already linked that way."
    if not request.htmx:
        messages.success(request, message)
        return redirect(f"{page}#link-{link.pk}")
    return update_response(
        request,
        first,
        second,
        message,
        redrawn=source if made.new_claim else None,
        added=link if made.created else None,
    )


def _against_facts(
    source: Article, start: int, end: int, target: Claim, relation: str
) -> str | None:
    """The warning a link from the selection would get, or None. A selection that is no
    claim yet becomes a manual claim of no fact: it can disagree with none."""
    own = source.claims.filter(start=start, end=end).first() or claim_near(source, start, end)
    return None if own is None else link_against_facts(own, target, relation)


def _warn(
    request: HtmxHttpRequest, a: Article, b: Article, data: dict, target: Claim, warning: str
) -> HttpResponse:
    """The link panel again, as the analyst filled it, with the warning and a button
    that saves anyway. Nothing is saved."""
    context = link_panel_context(
        a,
        b,
        data["side"],
        data["start"],
        data["end"],
        targets=[],
        chosen=target,
        existing=True,
        relation=data["relation"],
        note=data["note"],
        warning=warning,
    )
    if request.htmx:
        return render(request, "claims/_link_panel.html", context)
    return render(request, "claims/link_confirm.html", context)


def _link_between(a: Article, b: Article, link_id: int) -> Link:
    link = Link.objects.between(a, b).select_related("source", "target").filter(pk=link_id).first()
    if link is None:
        raise Http404("No such link between these articles.")
    return link


@require_http_methods(["GET", "POST"])
@role_required(ANALYST)
def link_edit(request: HtmxHttpRequest, a: int, b: int, link_id: int) -> HttpResponse:
    first, second = article_pair(a, b)
    link = _link_between(first, second, link_id)
    page = reverse("claims:compare", args=[a, b])
    form = LinkEditForm(
        request.POST or None, initial={"relation": link.relation, "note": link.note}
    )
    if request.method == "POST":
        if not form.is_valid():
            return refuse(request, "Choose a relation.", page)
        try:
            update_link(link=link, user=request.user, **form.cleaned_data)
        except ServiceError as exc:
            return refuse(request, exc.message, page, exc.status)
        if not request.htmx:
            messages.success(request, "Link updated.")
            return redirect(f"{page}#link-{link.pk}")
        return update_response(request, first, second, "Link updated.", changed=link)
    context = {"a": first, "b": second, "link": link, "form": form}
    template = "claims/link_edit.html" + ("#form" if request.htmx else "")
    return render(request, template, context)


@require_http_methods(["GET", "POST"])
@role_required(ANALYST)
def link_delete(request: HtmxHttpRequest, a: int, b: int, link_id: int) -> HttpResponse:
    first, second = article_pair(a, b)
    link = _link_between(first, second, link_id)
    page = reverse("claims:compare", args=[a, b])
    if request.method == "GET":
        return render(
            request, "claims/link_confirm_delete.html", {"a": first, "b": second, "link": link}
        )
    form = VersionForm(request.POST)
    if not form.is_valid():
        return refuse(request, first_error(form), page)
    removed, ends = link.pk, [link.source, link.target]
    try:
        delete_link(link=link, user=request.user, version=form.cleaned_data["version"])
    except ServiceError as exc:
        return refuse(request, exc.message, page, exc.status)
    if not request.htmx:
        messages.success(request, "Link deleted.")
        return redirect(page)
    undo = reverse("claims:link_restore", args=[a, b, removed])
    return update_response(
        request, first, second, "Link deleted.", ends=ends, removed=removed, undo=undo
    )


@require_POST
@role_required(ANALYST)
def link_restore(request: HtmxHttpRequest, a: int, b: int, link_id: int) -> HttpResponse:
    """Undo a deletion: the link as it was, with its notes."""
    first, second = article_pair(a, b)
    page = reverse("claims:compare", args=[a, b])
    try:
        link = restore_link(link_id=link_id, user=request.user)
    except ServiceError as exc:
        return refuse(request, exc.message, page, exc.status)
    if {link.source.article_id, link.target.article_id} != {first.pk, second.pk}:
        raise Http404("No such link between these articles.")
    if not request.htmx:
        messages.success(request, "Link brought back.")
        return redirect(f"{page}#link-{link.pk}")
    return update_response(request, first, second, "Link brought back.", added=link)
