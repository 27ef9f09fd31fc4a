"""Two articles side by side: select a span in one, link it to a claim in the other."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from django.contrib import messages
from django.db.models import Count, F
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ..forms import LinkEditForm, LinkForm
from ..models import Article, Claim, EntityAlias, Link, Relation, Suggestion
from ..reading import ClaimSpan, render_text_cached, shorten, state_digest
from ..roles import ANALYST, has_role, role_required
from ..services import AnnotationError, delete_link, link_selection, update_link
from ..services.annotation import trimmed_span
from ..suggest import entities_in, suggest
from .common import HtmxHttpRequest, parse_int, refuse, url_maker
from .reader import relations_by_claim

OWN_FIELDS = ("article_id", "start", "end", "entities")  # of the claims a selection covers
SAME_ARTICLE_PAGE = "Choose two different articles to compare."
MAX_SUGGESTIONS = 50
BAD_SELECTION = "The selection could not be read; select the text again."
# What the links list reads of a link and its ends.
LINK_LIST_FIELDS = ["relation", "note", "created_at", "updated_at", "source_id", "target_id"]
LINK_LIST_FIELDS += [f"{end}__{f}" for end in ("source", "target") for f in ("article_id", "text")]
LINK_LIST_FIELDS += ["author__username"]


@dataclass(frozen=True)
class CandidateClaim:
    """What ranking and listing suggestions read of a claim."""

    pk: int
    article_id: int
    start: int
    end: int
    text: str
    names: list[str]  # its named entities' texts (ClaimQuerySet.with_names)


@dataclass
class Column:
    side: str
    article: Article
    claims: list[ClaimSpan]
    html: str
    spans: dict[int, list[int]]

    @property
    def script_id(self) -> str:
        return f"spans-{self.side}"


def _pair(a: int, b: int) -> tuple[Article, Article]:
    if a == b:
        raise Http404(SAME_ARTICLE_PAGE)
    found = Article.objects.for_reading().select_related("outlet", "story").in_bulk([a, b])
    if a not in found or b not in found:
        raise Http404("No such article.")
    return found[a], found[b]


def _columns(a: Article, b: Article, link_rows: list[tuple[int, int, str]]) -> list[Column]:
    claims = [
        ClaimSpan(*row)
        for row in Claim.objects.filter(article__in=[a, b])
        .order_by("start", "end")
        .values_list("pk", "article_id", "start", "end")
    ]
    relations = relations_by_claim(link_rows)
    columns = []
    for side, article in (("a", a), ("b", b)):
        own = [c for c in claims if c.article_id == article.pk]
        mine = {c.pk: relations[c.pk] for c in own if c.pk in relations}
        html = render_text_cached(article.pk, article.text, own, mine, heading="h2")
        columns.append(Column(side, article, own, html, {c.pk: [c.start, c.end] for c in own}))
    return columns


def in_columns(a: Article, x: Claim, y: Claim) -> tuple[Claim, Claim, str, str]:
    """Two linked claims with the one of column ``a`` first, and their texts shortened
    for a list."""
    first, second = (x, y) if x.article_id == a.pk else (y, x)
    return first, second, shorten(first.text, 160), shorten(second.text, 160)


class LinkDecorator:
    """Adds what the link list shows: both ends in column order, texts, URLs."""

    def __init__(self, a: Article, b: Article) -> None:
        self.a = a
        self.edit_url = url_maker("claims:link_edit", a.pk, b.pk)
        self.delete_url = url_maker("claims:link_delete", a.pk, b.pk)
        self.notes_url = url_maker("claims:link_notes")

    def __call__(self, link: Link) -> Link:
        link.a_end, link.b_end, link.a_text, link.b_text = in_columns(
            self.a, link.source, link.target
        )
        link.edit_url, link.delete_url = self.edit_url(link.pk), self.delete_url(link.pk)
        link.notes_url = self.notes_url(link.pk)
        return link


def suggestions_between(a: Article, b: Article) -> list[Suggestion]:
    """Open suggestions between the two articles, best first, each end in column order."""
    found = list(
        Suggestion.objects.between(a, b)
        .pending()
        .select_related("claim_a", "claim_b")
        .order_by("-score", "id")[:MAX_SUGGESTIONS]
    )
    for item in found:
        item.a_end, item.b_end, item.a_text, item.b_text = in_columns(a, item.claim_a, item.claim_b)
    return found


def compare_context(request: HtmxHttpRequest, a: Article, b: Article) -> dict:
    """Everything the page shows, in a fixed number of queries whatever the claim count.

    The links list is a cached fragment: ``links_version`` names everything it shows
    (each link's ends, relation, note through ``updated_at``, author, note count), so
    the links themselves are loaded and drawn only when that changed.
    """
    can_annotate = has_role(request.user, ANALYST)
    listed = list(
        Link.objects.between(a, b)
        .annotate(note_count=Count("notes"))
        .order_by("-created_at")
        .values_list("pk", "source_id", "target_id", "relation", "updated_at", "note_count")
        .annotate(author=F("author__username"))
    )
    rows = [(source, target, relation) for _, source, target, relation, *_ in listed]
    return {
        "a": a,
        "b": b,
        "columns": _columns(a, b, rows),
        "links": _lazy_links(a, b),
        "links_version": state_digest((listed, can_annotate)),
        "link_count": len(rows),
        "suggestions": suggestions_between(a, b),
        "relations": Relation.choices,
        "can_annotate": can_annotate,
    }


def _lazy_links(a: Article, b: Article):
    """The links, loaded when the template first asks (a cache miss) and once only."""

    @functools.cache
    def links() -> list[Link]:
        decorate = LinkDecorator(a, b)
        return [
            decorate(link)
            for link in Link.objects.between(a, b)
            .select_related("source", "target", "author")
            .only(*LINK_LIST_FIELDS)
            .annotate(note_count=Count("notes"))
            .order_by("-created_at")
        ]

    return links


def update_context(
    request: HtmxHttpRequest, a: Article, b: Article, message: str, **change
) -> dict:
    """What a write sends back: the columns, the count, and the one link that changed."""
    rows = list(Link.objects.between(a, b).values_list("source_id", "target_id", "relation"))
    decorate = LinkDecorator(a, b)
    for key in ("added", "changed"):
        if change.get(key) is not None:
            link = Link.objects.select_related("source", "target", "author").get(pk=change[key].pk)
            link.note_count = link.notes.count()
            change[key] = decorate(link)
    return {
        "a": a,
        "b": b,
        "columns": _columns(a, b, rows),
        "link_count": len(rows),
        "message": message,
        "can_annotate": has_role(request.user, ANALYST),
        **change,
    }


@require_GET
def compare(request: HtmxHttpRequest, a: int, b: int) -> HttpResponse:
    first, second = _pair(a, b)
    template = "claims/compare.html"
    if request.htmx and request.htmx.target == "links":
        template += "#links"
    return render(request, template, compare_context(request, first, second))


def _sides(a: Article, b: Article, side: str) -> tuple[Article, Article]:
    return (a, b) if side == "a" else (b, a)


@require_GET
@role_required(ANALYST)
def selection_panel(request: HtmxHttpRequest, a: int, b: int) -> HttpResponse:
    """The link panel for a selection: its exact text and the likeliest matching claims."""
    first, second = _pair(a, b)
    page = reverse("claims:compare", args=[a, b])
    side = request.GET.get("side")
    start, end = parse_int(request.GET.get("start")), parse_int(request.GET.get("end"))
    if side not in {"a", "b"} or start is None or end is None:
        return refuse(request, BAD_SELECTION, page)
    source, other = _sides(first, second, side)
    try:
        start, end = trimmed_span(source.text, start, end)
    except AnnotationError as exc:
        return refuse(request, exc.message, page)
    own = list(source.claims.filter(start__lt=end, end__gt=start).only(*OWN_FIELDS))
    fields = ("pk", "article_id", "start", "end", "text", "names")
    theirs = [CandidateClaim(*row) for row in other.claims.with_names().values_list(*fields)]
    text = source.text[start:end]
    aliases = EntityAlias.objects.as_map()
    suggestions = suggest(text, entities_in(own, start, end, aliases), theirs, aliases=aliases)
    chosen = next((c for c in theirs if c.pk == parse_int(request.GET.get("target"))), None)
    if chosen is None and suggestions:
        chosen = suggestions[0].claim
    context = {
        "a": first,
        "b": second,
        "side": side,
        "start": start,
        "end": end,
        "text": text,
        "source": source,
        "other": other,
        "suggestions": suggestions,
        "chosen": chosen,
        "chosen_suggested": any(s.claim.pk == getattr(chosen, "pk", None) for s in suggestions),
        "relations": Relation.choices,
        "existing": next((c for c in own if c.start == start and c.end == end), None),
    }
    return render(request, "claims/_link_panel.html", context)


@require_POST
@role_required(ANALYST)
def link_create(request: HtmxHttpRequest, a: int, b: int) -> HttpResponse:
    first, second = _pair(a, b)
    page = reverse("claims:compare", args=[a, b])
    form = LinkForm(request.POST)
    if not form.is_valid():
        return refuse(request, BAD_SELECTION, page)
    data = form.cleaned_data
    source, other = _sides(first, second, data["side"])
    target = (
        Claim.objects.filter(pk=data["target"], article=other).first() if data["target"] else None
    )
    try:
        link, created = link_selection(
            article=source,
            start=data["start"],
            end=data["end"],
            target=target,
            relation=data["relation"],
            note=data["note"],
            author=request.user,
        )
    except AnnotationError as exc:
        return refuse(request, exc.message, page)
    message = "Link saved." if created else "These claims were already linked that way."
    if not request.htmx:
        messages.success(request, message)
        return redirect(f"{page}#link-{link.pk}")
    context = update_context(request, first, second, message, added=link if created else None)
    return render(request, "claims/_compare_update.html", context)


def _link_between(a: Article, b: Article, link_id: int) -> Link:
    link = Link.objects.between(a, b).select_related("source", "target").filter(pk=link_id).first()
    if link is None:
        raise Http404("No such link between these articles.")
    return link


@require_http_methods(["GET", "POST"])
@role_required(ANALYST)
def link_edit(request: HtmxHttpRequest, a: int, b: int, link_id: int) -> HttpResponse:
    first, second = _pair(a, b)
    link = _link_between(first, second, link_id)
    page = reverse("claims:compare", args=[a, b])
    form = LinkEditForm(
        request.POST or None, initial={"relation": link.relation, "note": link.note}
    )
    if request.method == "POST":
        if not form.is_valid():
            return refuse(request, "Choose a relation.", page)
        try:
            update_link(link=link, **form.cleaned_data)
        except AnnotationError as exc:
            return refuse(request, exc.message, page)
        if not request.htmx:
            messages.success(request, "Link updated.")
            return redirect(f"{page}#link-{link.pk}")
        context = update_context(request, first, second, "Link updated.", changed=link)
        return render(request, "claims/_compare_update.html", context)
    context = {"a": first, "b": second, "link": link, "form": form}
    template = "claims/link_edit.html" + ("#form" if request.htmx else "")
    return render(request, template, context)


@require_http_methods(["GET", "POST"])
@role_required(ANALYST)
def link_delete(request: HtmxHttpRequest, a: int, b: int, link_id: int) -> HttpResponse:
    first, second = _pair(a, b)
    link = _link_between(first, second, link_id)
    page = reverse("claims:compare", args=[a, b])
    if request.method == "GET":
        return render(
            request, "claims/link_confirm_delete.html", {"a": first, "b": second, "link": link}
        )
    removed = link.pk
    delete_link(link=link)
    if not request.htmx:
        messages.success(request, "Link deleted.")
        return redirect(page)
    context = update_context(request, first, second, "Link deleted.", removed=removed)
    return render(request, "claims/_compare_update.html", context)
