"""Stories: which articles report one event. Joining, renaming, merging, splitting.

A new article joins the story whose incident it reports (``claims.incidents``: the
kind of incident, its name, the names in the article's lead and its figures, dates as
one sign among several); if none fits well enough it starts a story of its own.
Merging, splitting, moving and alias edits queue a search for suggestions in the
stories they change (a worker does it: ``claims.services.queue``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import F, QuerySet, Window
from django.db.models.functions import RowNumber

from ..entities import NAMED, entity_key
from ..incidents import JOIN_AT, Incident, StoryIncident, fit
from ..models import Article, EntityAlias, Story
from .errors import ServiceError
from .matching import forget_across_stories, release_copies
from .queue import queue_story_match

# Stories looked at for a new article: those of the newest articles sharing a name (or,
# for a text no model read, a figure) with it, the best few by names shared; and how
# many of each story's newest articles say what the story is about.
CANDIDATES = 100
STORIES = 10
PROFILED = 20
EMPTY_NAME = "Give the story a name."
SAME_STORY = "Choose another story to merge into."
NOTHING_TO_SPLIT = "Choose at least one article, and not all of them, to split off."


def entity_keys_of(claims: Iterable[Any], aliases: dict[str, str] | None = None) -> list[str]:
    """Spelling-independent keys of the named entities in an article's claims.

    Pass ``aliases`` (``EntityAlias.objects.as_map()``) when keying many articles, so
    the table is read once rather than once per article.
    """
    aliases = EntityAlias.objects.as_map() if aliases is None else aliases
    keys = {
        entity_key(e["text"], aliases)
        for claim in claims
        for e in claim.entities
        if e["label"] in NAMED
    }
    return sorted(k for k in keys if k)


def _candidate_stories(article: Article, incident: Incident) -> list[int]:
    others = Article.objects.filter(story__isnull=False).exclude(pk=article.pk or 0)
    if article.entity_keys:
        keys = set(article.entity_keys)
        rows = others.filter(entity_keys__overlap=sorted(keys)).values_list(
            "story_id", "entity_keys"
        )
        shared: dict[int, int] = {}
        for story, names in rows.order_by("-pk")[:CANDIDATES]:
            shared[story] = max(shared.get(story, 0), len(keys.intersection(names)))
    elif incident.figures:
        rows = others.filter(incident__figures__has_any_keys=sorted(incident.figures))
        shared = dict.fromkeys(
            rows.order_by("-pk").values_list("story_id", flat=True)[:CANDIDATES], 1
        )
    else:
        return []
    return sorted(shared, key=lambda story: (-shared[story], -story))[:STORIES]


def story_incidents(story_ids: list[int]) -> dict[int, StoryIncident]:
    """What each story's newest articles say of its incident."""
    newest = Window(RowNumber(), partition_by=F("story_id"), order_by=F("id").desc())
    rows = (
        Article.objects.filter(story_id__in=story_ids)
        .annotate(place=newest)
        .filter(place__lte=PROFILED)
        .values_list("story_id", "incident", "entity_keys", "published")
    )
    profiles: dict[int, StoryIncident] = {pk: StoryIncident() for pk in story_ids}
    for story, data, names, published in rows:
        profiles[story].add(Incident.from_json(data, names, published))
    return profiles


def best_story(article: Article, incident: Incident) -> int | None:
    """The id of the story whose incident this article reports, if one fits well enough
    (``claims.incidents.fit``); dates are one sign among several, so an undated report
    joins its event's story, and a report of another incident in the same place
    starts its own."""
    candidates = _candidate_stories(article, incident)
    if not candidates:
        return None
    scored = []
    for story, profile in story_incidents(candidates).items():
        score = fit(incident, profile)
        if score is not None and score >= JOIN_AT:
            # as good a fit for two stories: the one more reports tell (the event, not
            # a later incident that recalls it), then the older
            scored.append((score, profile.articles, -story))
    return -max(scored)[2] if scored else None


def story_for(article: Article, incident: Incident) -> int:
    """The id of the article's best story, or of a new story named after its headline
    (saved; the article is not: ingestion sets its story before its one INSERT)."""
    return best_story(article, incident) or Story.objects.create(name=article.title[:300]).pk


def _clean_name(name: str) -> str:
    name = " ".join(name.split())[:300]
    if not name:
        raise ServiceError(EMPTY_NAME)
    return name


@transaction.atomic
def rename_story(*, story: Story, name: str) -> Story:
    story.name = _clean_name(name)
    story.save(update_fields=["name"])
    return story


@transaction.atomic
def merge_stories(*, story: Story, into: Story) -> Story:
    """Move every article of ``story`` into ``into``, delete ``story``, and look for
    suggestions between the articles that now share a story."""
    if story.pk == into.pk:
        raise ServiceError(SAME_STORY)
    story.articles.update(story=into)
    story.delete()
    queue_story_match(into)
    return into


@transaction.atomic
def split_story(*, story: Story, articles: list[Article], name: str) -> Story:
    """A new story for some of a story's articles; suggestions between the two parts
    are withdrawn (verdicts stay), and each part is matched again."""
    own = {a.pk for a in story.articles.all()}
    chosen = {a.pk for a in articles}
    if not chosen or not chosen <= own or chosen == own:
        raise ServiceError(NOTHING_TO_SPLIT)
    new = Story.objects.create(name=_clean_name(name))
    release_copies(chosen)  # each part is matched again, and finds its own copies
    Article.objects.filter(pk__in=chosen).update(story=new)
    forget_across_stories(chosen)
    queue_story_match(new)
    queue_story_match(story)
    return new


@transaction.atomic
def move_article(*, article: Article, story: Story | None) -> Article:
    """Move an article to another story (or none), and match it there; its old story
    is matched again when its claims stood for copies there."""
    left = article.story
    if release_copies({article.pk}) and left is not None and left != story:
        queue_story_match(left)
    article.story = story
    article.save(update_fields=["story"])
    forget_across_stories({article.pk})
    if story is not None:
        queue_story_match(story)
    return article


ALIAS_NEEDED = "Give both the alias and the name it stands for."
ALIAS_EXISTS = "That alias is already defined."


@transaction.atomic
def add_alias(*, alias: str, canonical: str, user: User | None) -> EntityAlias:
    alias, canonical = " ".join(alias.split())[:200], " ".join(canonical.split())[:200]
    if not alias or not canonical:
        raise ServiceError(ALIAS_NEEDED)
    if EntityAlias.objects.filter(alias__iexact=alias).exists():
        raise ServiceError(ALIAS_EXISTS)
    try:
        with transaction.atomic():  # two analysts adding it at once: one row, one refusal
            row = EntityAlias.objects.create(alias=alias, canonical=canonical, created_by=user)
    except IntegrityError:
        raise ServiceError(ALIAS_EXISTS) from None
    _match_stories_naming(row, user)
    return row


@transaction.atomic
def delete_alias(*, alias: EntityAlias, user: User | None = None) -> None:
    alias.delete()
    _match_stories_naming(alias, user)


def stories_naming(names: Iterable[str]) -> QuerySet[Story]:
    """The stories with an article that names any of these (in any spelling)."""
    keys = sorted({entity_key(name) for name in names} - {""})
    return Story.objects.filter(articles__entity_keys__overlap=keys).distinct()


def _match_stories_naming(alias: EntityAlias, user: User | None) -> None:
    """An alias joins or parts names: the stories that name either side are matched
    again, in the background (the ingest page lists them with the user's work)."""
    for story in stories_naming([alias.alias, alias.canonical]):
        queue_story_match(story, user=user)
