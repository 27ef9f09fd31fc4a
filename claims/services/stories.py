"""Stories: which articles report one event. Joining, renaming, merging, splitting.

A new article joins the story whose articles share the most of its named entities
(across spellings) and words, published within a few days of it; if none is close
enough it starts a story of its own.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q

from ..entities import NAMED, entity_key
from ..models import Article, EntityAlias, Story

JOIN_THRESHOLD = 0.2
DAYS_APART = 7
CANDIDATES = 200
SCORED = 20
PER_STORY = 3
EMPTY_NAME = "Give the story a name."
SAME_STORY = "Choose another story to merge into."
NOTHING_TO_SPLIT = "Choose at least one article, and not all of them, to split off."
_WORD = re.compile(r"[^\W\d_]{4,}")


def entity_keys_of(claims: Iterable, aliases: dict[str, str] | None = None) -> list[str]:
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


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def _jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


@dataclass
class StoryMatch:
    story: Story
    score: float


def best_story(article: Article) -> StoryMatch | None:
    """The story this article most likely belongs to, if any is close enough.

    The newest ``CANDIDATES`` articles sharing a named entity are ranked by shared
    entities (keys only, no text read); the best ``SCORED`` of them, at most
    ``PER_STORY`` per story so that one large story does not crowd out the others,
    then have their words compared too.
    """
    keys = set(article.entity_keys)
    if not keys:
        return None
    candidates = Article.objects.filter(story__isnull=False, entity_keys__overlap=list(keys))
    candidates = candidates.exclude(pk=article.pk)
    if article.published:
        window = dt.timedelta(days=DAYS_APART)
        near = Q(published__range=(article.published - window, article.published + window))
        candidates = candidates.filter(near | Q(published__isnull=True))
    rows = candidates.order_by("-id").values_list("pk", "story_id", "entity_keys")
    by_keys = sorted(
        ((_jaccard(keys, set(other)), pk, story) for pk, story, other in rows[:CANDIDATES]),
        key=lambda row: (-row[0], -row[1]),
    )
    picked, per_story = [], Counter()
    for row in by_keys:
        if per_story[row[2]] < PER_STORY and len(picked) < SCORED:
            picked.append(row)
            per_story[row[2]] += 1
    ids = [pk for _, pk, _ in picked]
    texts = dict(Article.objects.filter(pk__in=ids).values_list("pk", "text"))
    words = _words(article.text)
    best: tuple[float, int] | None = None
    for shared, pk, story in picked:
        score = 0.6 * shared + 0.4 * _jaccard(words, _words(texts.get(pk, "")))
        if score >= JOIN_THRESHOLD and (best is None or score > best[0]):
            best = (score, story)
    if best is None:
        return None
    return StoryMatch(Story.objects.get(pk=best[1]), round(best[0], 3))


@transaction.atomic
def assign_story(*, article: Article) -> Story:
    """Put the article in its best story, or in a new story named after its headline."""
    match = best_story(article)
    story = match.story if match else Story.objects.create(name=article.title[:300])
    article.story = story
    article.save(update_fields=["story"])
    return story


def _clean_name(name: str) -> str:
    name = " ".join(name.split())[:300]
    if not name:
        raise ValueError(EMPTY_NAME)
    return name


@transaction.atomic
def rename_story(*, story: Story, name: str) -> Story:
    story.name = _clean_name(name)
    story.save(update_fields=["name"])
    return story


@transaction.atomic
def merge_stories(*, story: Story, into: Story) -> Story:
    """Move every article of ``story`` into ``into`` and delete ``story``."""
    if story.pk == into.pk:
        raise ValueError(SAME_STORY)
    story.articles.update(story=into)
    story.delete()
    return into


@transaction.atomic
def split_story(*, story: Story, articles: list[Article], name: str) -> Story:
    """A new story for some of a story's articles."""
    own = {a.pk for a in story.articles.all()}
    chosen = {a.pk for a in articles}
    if not chosen or not chosen <= own or chosen == own:
        raise ValueError(NOTHING_TO_SPLIT)
    new = Story.objects.create(name=_clean_name(name))
    Article.objects.filter(pk__in=chosen).update(story=new)
    return new


@transaction.atomic
def move_article(*, article: Article, story: Story | None) -> Article:
    article.story = story
    article.save(update_fields=["story"])
    return article


ALIAS_NEEDED = "Give both the alias and the name it stands for."
ALIAS_EXISTS = "That alias is already defined."


@transaction.atomic
def add_alias(*, alias: str, canonical: str, user) -> EntityAlias:
    alias, canonical = " ".join(alias.split())[:200], " ".join(canonical.split())[:200]
    if not alias or not canonical:
        raise ValueError(ALIAS_NEEDED)
    if EntityAlias.objects.filter(alias__iexact=alias).exists():
        raise ValueError(ALIAS_EXISTS)
    return EntityAlias.objects.create(alias=alias, canonical=canonical, created_by=user)


@transaction.atomic
def delete_alias(*, alias: EntityAlias) -> None:
    alias.delete()
