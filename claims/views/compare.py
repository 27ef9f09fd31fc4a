"""Two articles side by side, and the link panel for a selection in either (the writes
that panel makes are in ``links``)."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from ..forms import CompareChoiceForm, first_error
from ..models import Article, Claim, EntityAlias, Link, Relation, Suggestion
from ..reading import ClaimSpan, render_text_cached, shorten, state_digest
from ..roles import ANALYST, has_role, role_required
from ..services import ServiceError
from ..services.annotation import claim_near, trimmed_span
from ..targets import Target, entities_in, rank_targets
from ..wording import plain
from .common import HtmxHttpRequest, parse_int, refuse
from .reader import relations_by_claim

OWN_FIELDS = ("article_id", "start", "end", "entities")  # of the claims a selection covers
SAME_ARTICLE_PAGE = "Choose two different articles to compare."
MAX_SUGGESTIONS = 50
BAD_SELECTION = "The selection could not be read; select the text again."
# What the links list reads of a link and its ends.
LINK_LIST_FIELDS = [
    "relation",
    "note",
    "created_at",
    "updated_at",
    "version",
    "source_id",
    "target_id",
]
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


def article_pair(a: int, b: int) -> tuple[Article, Article]:
    if a == b:
        raise Http404(SAME_ARTICLE_PAGE)
    found = Article.objects.for_reading().select_related("outlet", "story").in_bulk([a, b])
    if a not in found or b not in found:
        raise Http404("No such article.")
    return found[a], found[b]


def draw_columns(
    a: Article, b: Article, link_rows: list[tuple[int, int, str]], only: Article | None = None
) -> list[Column]:
    """Both columns drawn whole, or the one of article ``only``."""
    sides = [(side, x) for side, x in (("a", a), ("b", b)) if only is None or x == only]
    claims = [
        ClaimSpan(*row)
        for row in Claim.objects.filter(article__in=[x for _, x in sides])
        .order_by("start", "end")
        .values_list("pk", "article_id", "start", "end")
    ]
    relations = relations_by_claim(link_rows)
    columns = []
    for side, article in sides:
        own = [c for c in claims if c.article_id == article.pk]
        mine = {c.pk: relations[c.pk] for c in own if c.pk in relations}
        html = render_text_cached(article.pk, article.text, own, mine, side)
        columns.append(Column(side, article, own, html, {c.pk: [c.start, c.end] for c in own}))
    return columns


def in_columns(a: Article, x: Claim, y: Claim) -> tuple[Claim, Claim, str, str]:
    """Two linked claims with the one of column ``a`` first, and their texts shortened
    for a list."""
    first, second = (x, y) if x.article_id == a.pk else (y, x)
    return first, second, shorten(first.text, 160), shorten(second.text, 160)


class LinkListing:
    """Adds what the link list shows: both ends in column order, and their texts."""

    def __init__(self, a: Article, b: Article) -> None:
        self.a = a

    def __call__(self, link: Link) -> Link:
        a_end, b_end, a_text, b_text = in_columns(self.a, link.source, link.target)
        vars(link).update(a_end=a_end, b_end=b_end, a_text=a_text, b_text=b_text)
        return link


def ends_in(a: Article, b: Article, found: Sequence[Suggestion]) -> dict[int, tuple[Claim, Claim]]:
    """Each suggestion's ends (``claim_a``, ``claim_b``) as the claims of ``a`` and
    ``b`` that carry them: the claim itself, or a copy of it (``Claim.copy_of``: a wire
    sentence is matched once, through the story's earliest claim that states it)."""
    ends = {pk for s in found for pk in (s.claim_a_id, s.claim_b_id)}
    carriers = {
        (c.article_id, c.original_id): c
        for c in Claim.objects.filter(article__in=[a, b])
        .filter(Q(pk__in=ends) | Q(copy_of__in=ends))
        .order_by("-start")  # read last, the first claim of an article that carries an end wins
    }
    pairs = {}
    for s in found:
        x, y = s.claim_a_id, s.claim_b_id
        if (a.pk, x) in carriers and (b.pk, y) in carriers:
            pairs[s.pk] = (carriers[a.pk, x], carriers[b.pk, y])
        elif (b.pk, x) in carriers and (a.pk, y) in carriers:
            pairs[s.pk] = (carriers[b.pk, x], carriers[a.pk, y])
    return pairs


def suggestions_between(a: Article, b: Article) -> list[Suggestion]:
    """Open suggestions between the two articles, best first, each end in column order
    as the column's own claim (a copy stands for the claim it copies)."""
    found = list(
        Suggestion.objects.between(a, b)
        .pending()
        .select_related("claim_a", "claim_b")
        .order_by("-score", "id")[:MAX_SUGGESTIONS]
    )
    ends = ends_in(a, b, found)
    for item in found:
        first, second = ends.get(item.pk, (item.claim_a, item.claim_b))
        item.a_end, item.b_end, item.a_text, item.b_text = in_columns(a, first, second)
    return found


@dataclass
class Copy:
    """A sentence the two articles print alike (``Claim.copy_of``): one of them copies
    the other, or both an earlier article."""

    a_end: Claim
    b_end: Claim
    text: str


def copies_between(a: Article, b: Article) -> list[Copy]:
    """The sentences ``a`` and ``b`` print alike, in ``a``'s order."""
    rows = (
        Claim.objects.filter(article__in=[a, b])
        .filter(Q(copy_of__isnull=False) | Q(copies__isnull=False))
        .distinct()
        .only("pk", "article_id", "start", "end", "text", "copy_of")
        .order_by("start")
    )
    theirs: dict[int, Claim] = {}
    mine: list[Claim] = []
    for claim in rows:
        if claim.article_id == b.pk:
            theirs.setdefault(claim.original_id, claim)
        else:
            mine.append(claim)
    return [
        Copy(claim, theirs[key], shorten(claim.text, 160))
        for claim in mine
        if (key := claim.original_id) in theirs
    ]


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
        .values_list(
            "pk", "source_id", "target_id", "relation", "updated_at", "version", "note_count"
        )
        .annotate(author=F("author__username"))
    )
    rows = [(source, target, relation) for _, source, target, relation, *_ in listed]
    return {
        "a": a,
        "b": b,
        "columns": draw_columns(a, b, rows),
        "links": _lazy_links(a, b),
        "links_version": state_digest((listed, can_annotate)),
        "link_count": len(rows),
        "suggestions": suggestions_between(a, b),
        "copies": copies_between(a, b),
        "relations": Relation.choices,
        "can_annotate": can_annotate,
    }


def _lazy_links(a: Article, b: Article):
    """The links, loaded when the template first asks (a cache miss) and once only."""

    @functools.cache
    def links() -> list[Link]:
        decorate = LinkListing(a, b)
        return [
            decorate(link)
            for link in Link.objects.between(a, b)
            .select_related("source", "target", "author")
            .only(*LINK_LIST_FIELDS)
            .annotate(note_count=Count("notes"))
            .order_by("-created_at")
        ]

    return links


@require_http_methods(["GET", "POST"])
def compare_chosen(request: HtmxHttpRequest) -> HttpResponse:
    """The two articles ticked on the article list (GET) or a story page (the story's
    form, POST), side by side."""
    form = CompareChoiceForm(request.POST if request.method == "POST" else request.GET)
    if not form.is_valid():
        return refuse(request, first_error(form), reverse("claims:article_list"))
    a, b = sorted(form.cleaned_data["articles"])
    return redirect("claims:compare", a, b)


@require_GET
def compare(request: HtmxHttpRequest, a: int, b: int) -> HttpResponse:
    first, second = article_pair(a, b)
    template = "claims/compare.html"
    if request.htmx and request.htmx.target == "links":
        template += "#links"
    return render(request, template, compare_context(request, first, second))


def by_side(a: Article, b: Article, side: str) -> tuple[Article, Article]:
    return (a, b) if side == "a" else (b, a)


def link_panel_context(
    a: Article,
    b: Article,
    side: str,
    start: int,
    end: int,
    *,
    targets: Sequence[Target[Any]],
    chosen: CandidateClaim | Claim | None,
    existing: object,
    **extra: object,
) -> dict:
    """What the link panel shows for the selection of ``side`` from ``start`` to ``end``:
    the ranked ``targets``, the one ``chosen``, and whether the selection is a claim
    already (``existing``); ``extra``: what the analyst filled in, a warning."""
    source, other = by_side(a, b, side)
    text = source.text[start:end]
    return {
        "a": a,
        "b": b,
        "side": side,
        "start": start,
        "end": end,
        "text": text,
        "source": source,
        "other": other,
        "targets": targets,
        "chosen": chosen,
        "chosen_ranked": any(t.claim.pk == getattr(chosen, "pk", None) for t in targets),
        "same_words": {t.claim.pk for t in targets if plain(t.claim.text) == plain(text)},
        "relations": Relation.choices,
        "existing": existing,
        **extra,
    }


@require_GET
@role_required(ANALYST)
def selection_panel(request: HtmxHttpRequest, a: int, b: int) -> HttpResponse:
    """The link panel for a selection: its exact text and the likeliest matching claims."""
    first, second = article_pair(a, b)
    page = reverse("claims:compare", args=[a, b])
    side = request.GET.get("side")
    start, end = parse_int(request.GET.get("start")), parse_int(request.GET.get("end"))
    if side not in {"a", "b"} or start is None or end is None:
        return refuse(request, BAD_SELECTION, page)
    source, other = by_side(first, second, side)
    try:
        start, end = trimmed_span(source.text, start, end)
    except ServiceError as exc:
        return refuse(request, exc.message, page, exc.status)
    own = list(source.claims.filter(start__lt=end, end__gt=start).only(*OWN_FIELDS))
    fields = ("pk", "article_id", "start", "end", "text", "names")
    theirs = [CandidateClaim(*row) for row in other.claims.with_names().values_list(*fields)]
    text = source.text[start:end]
    aliases = EntityAlias.objects.as_map()
    targets = rank_targets(text, entities_in(own, start, end, aliases), theirs, aliases=aliases)
    chosen = next((c for c in theirs if c.pk == parse_int(request.GET.get("target"))), None)
    if chosen is None and targets and plain(targets[0].claim.text) != plain(text):
        # Never the selection's own words in the other article: one click on
        # "contradicts" would link a sentence to its copy.
        chosen = targets[0].claim
    # an exact claim, or one the selection misses only by quotes or punctuation
    existing = next((c for c in own if c.start == start and c.end == end), None)
    context = link_panel_context(
        first,
        second,
        side,
        start,
        end,
        targets=targets,
        chosen=chosen,
        existing=existing or claim_near(source, start, end),
    )
    return render(request, "claims/_link_panel.html", context)
