"""Stories: the list, one story's articles, and the analyst's edits to them."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count, Max, Min
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from ..forms import StoryNameForm, first_error
from ..models import Article, Story
from ..roles import ANALYST, has_role, role_required
from ..services import ServiceError
from ..services import stories as service
from ..services.queue import queue_story_match, workers_alive
from ..story_figures import fact_matrix
from .common import HtmxHttpRequest, page_of_ids, parse_int, refuse

PER_PAGE = 50
UNKNOWN_STORY = "Choose a story that exists."
UNDO_MERGE = "undo_merge"  # session key: the merge the next view of its story may undo
LOOKING_AGAIN = "Looking for suggestions again, in the background: this page says when it is done."


def _with_counts():
    return Story.objects.annotate(
        article_count=Count("articles"),
        first=Min("articles__published"),
        last=Max("articles__published"),
    )


@require_GET
def story_list(request: HtmxHttpRequest) -> HttpResponse:
    """Newest first, a page at a time: only the page's stories have their articles
    counted."""
    ids = Story.objects.order_by("-created_at", "-id").values_list("pk", flat=True)
    page = page_of_ids(ids, PER_PAGE, request.GET.get("page"), _with_counts())
    return render(request, "claims/story_list.html", {"page": page, "stories": page.object_list})


@require_GET
def story_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    story = get_object_or_404(_with_counts(), pk=pk)
    can_edit = has_role(request.user, ANALYST)
    undo = request.session.get(UNDO_MERGE)
    if undo and undo.get("story") == story.pk:
        del request.session[UNDO_MERGE]  # offered once, right after the merge
    else:
        undo = None
    context = {
        "story": story,
        "articles": story.articles.headers().select_related("outlet").newest_first(),
        "others": Story.objects.exclude(pk=pk).order_by("name").values_list("pk", "name"),
        "can_edit": can_edit,
        "undo_merge": undo if can_edit else None,
        "matrix": (matrix := fact_matrix(story)),
        "rows": list(zip(matrix.facts, matrix.cells, matrix.disputed, strict=True)),
        **_matching(story),
    }
    return render(request, "claims/story_detail.html", context)


def _matching(story: Story) -> dict:
    """The story's search for suggestions that a worker has yet to finish, if any."""
    waiting = story.jobs.story_matches().first()
    return {"matching": waiting, "no_worker": waiting is not None and not workers_alive()}


@require_GET
def story_matching(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Polled by the story page while its suggestions are looked for again."""
    story = get_object_or_404(Story, pk=pk)
    context = {"story": story, "polled": True, **_matching(story)}
    return render(request, "claims/story_detail.html#matching", context)


def _done(request: HtmxHttpRequest, message: str, story: Story) -> HttpResponse:
    messages.success(request, message)
    return redirect(story.get_absolute_url())


@require_POST
@role_required(ANALYST)
def story_rename(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    story = get_object_or_404(Story, pk=pk)
    form = StoryNameForm(request.POST)
    if not form.is_valid():
        return refuse(request, first_error(form), story.get_absolute_url())
    try:
        service.rename_story(story=story, name=form.cleaned_data["name"])
    except ServiceError as exc:
        return refuse(request, exc.message, story.get_absolute_url(), exc.status)
    return _done(request, "Story renamed.", story)


@require_POST
@role_required(ANALYST)
def story_merge(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    story = get_object_or_404(Story, pk=pk)
    into_id = parse_int(request.POST.get("into"))
    into = Story.objects.filter(pk=into_id).first() if into_id else None
    if into is None:
        return refuse(request, UNKNOWN_STORY, story.get_absolute_url())
    moved = list(story.articles.values_list("pk", flat=True))
    had_articles = into.articles.exists()
    try:
        service.merge_stories(story=story, into=into)
    except ServiceError as exc:
        return refuse(request, exc.message, story.get_absolute_url(), exc.status)
    if moved and had_articles:
        # undone by splitting the same articles off again under the old name
        request.session[UNDO_MERGE] = {"story": into.pk, "articles": moved, "name": story.name}
    return _done(request, f"Merged into “{into.name}”. {LOOKING_AGAIN}", into)


@require_POST
@role_required(ANALYST)
def story_split(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    story = get_object_or_404(Story, pk=pk)
    ids = [i for i in map(parse_int, request.POST.getlist("articles")) if i is not None]
    form = StoryNameForm(request.POST)
    if not form.is_valid():
        return refuse(request, first_error(form), story.get_absolute_url())
    try:
        new = service.split_story(
            story=story,
            articles=list(Article.objects.filter(pk__in=ids)),
            name=form.cleaned_data["name"],
        )
    except ServiceError as exc:
        return refuse(request, exc.message, story.get_absolute_url(), exc.status)
    return _done(request, f"Split off “{new.name}”. {LOOKING_AGAIN}", new)


@require_POST
@role_required(ANALYST)
def article_move(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article.objects.headers(), pk=pk)
    wanted = request.POST.get("story", "")
    story = None
    if wanted:
        wanted_id = parse_int(wanted)
        story = Story.objects.filter(pk=wanted_id).first() if wanted_id else None
        if story is None:
            return refuse(request, UNKNOWN_STORY, article.get_absolute_url())
    service.move_article(article=article, story=story)
    moved = f"Moved to “{story.name}”. {LOOKING_AGAIN}" if story else "Removed from its story."
    messages.success(request, moved)
    return redirect(article.get_absolute_url())


@require_POST
@role_required(ANALYST)
def story_match(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Look for suggestions among the story's articles again (after merges, moves, aliases)."""
    story = get_object_or_404(Story, pk=pk)
    queue_story_match(story, user=request.user)
    messages.success(request, LOOKING_AGAIN)
    return redirect(story.get_absolute_url())
