"""Reading one article: its text with claims highlighted, and a panel per claim."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from ..forms import ArticleDetailsForm
from ..models import Article, Claim, Link, Story
from ..reading import render_text, shorten
from ..roles import ADMIN, ANALYST, has_role, role_required
from ..services import ServiceError, delete_article
from ..services.annotation import update_article_details
from .common import HtmxHttpRequest

COMPARE_CHOICES = 10


def relations_by_claim(rows) -> dict[int, set[str]]:
    """claim id -> relations of its links, from (source id, target id, relation) rows."""
    result: dict[int, set[str]] = {}
    for source, target, relation in rows:
        result.setdefault(source, set()).add(relation)
        result.setdefault(target, set()).add(relation)
    return result


def claim_panel_context(claim: Claim, user) -> dict:
    links = list(Link.objects.of_claim(claim).for_display())
    for link in links:
        link.other = link.target if link.source_id == claim.pk else link.source
    return {
        "claim": claim,
        "claim_links": links,
        "notes": list(claim.notes.select_related("author")),
        "add_url": reverse("claims:claim_note_add", args=[claim.pk]),
        "can_annotate": has_role(user, ANALYST),
    }


def _reader_context(request: HtmxHttpRequest, article: Article) -> dict:
    claims = list(article.claims.defer("match_keys"))
    for claim in claims:
        claim.short_text = shorten(claim.text, 200)
    rows = Link.objects.touching(article).values_list("source_id", "target_id", "relation")
    return {
        "article": article,
        "claims": claims,
        "text_html": render_text(article.text, claims, relations_by_claim(rows)),
        "compare_with": Article.objects.comparable_with(article, COMPARE_CHOICES),
        "can_annotate": has_role(request.user, ANALYST),
        "can_delete": has_role(request.user, ADMIN),
        "stories": Story.objects.order_by("name").values_list("pk", "name")
        if has_role(request.user, ANALYST)
        else [],
    }


def _readable():
    return Article.objects.for_reading().select_related("outlet", "story")


@require_GET
def article_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(_readable(), pk=pk)
    return render(request, "claims/article_detail.html", _reader_context(request, article))


@require_GET
def claim_detail(request: HtmxHttpRequest, pk: int, claim_id: int) -> HttpResponse:
    claim = get_object_or_404(Claim.objects.select_related("article"), pk=claim_id, article_id=pk)
    context = claim_panel_context(claim, request.user)
    if request.htmx:
        return render(request, "claims/_claim_panel.html", context)
    article = _readable().get(pk=pk)
    return render(
        request, "claims/article_detail.html", {**_reader_context(request, article), **context}
    )


@require_http_methods(["GET", "POST"])
@role_required(ADMIN)
def article_delete(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article, pk=pk)
    if request.method == "POST":
        title = article.title
        delete_article(article=article)
        messages.success(request, f"Deleted “{title}”.")
        return redirect(reverse("claims:article_list"))
    return render(request, "claims/article_confirm_delete.html", {"article": article})


@require_http_methods(["GET", "POST"])
@role_required(ANALYST)
def article_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Headline, outlet, date, URL and author, for articles that came without them."""
    article = get_object_or_404(Article.objects.for_reading().select_related("outlet"), pk=pk)
    initial = {
        "title": article.title,
        "outlet": article.outlet.name if article.outlet else "",
        "published": article.published,
        "url": article.url,
        "author": article.author,
    }
    form = ArticleDetailsForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                update_article_details(article=article, **form.cleaned_data)
            except ServiceError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, "Details saved.")
                return redirect(article.get_absolute_url())
        status = 400
    return render(
        request, "claims/article_edit.html", {"article": article, "form": form}, status=status
    )
