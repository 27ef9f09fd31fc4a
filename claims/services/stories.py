"""Stories: which articles report one event. Joining, renaming, merging, splitting.

A new article joins the story whose articles share the most of its named entities
(across spellings) and words, published within a few days of it; if none is close
enough it starts a story of its own.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from django.db import connection, transaction

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
# The newest candidates sharing a name; their share of names (Jaccard of the key sets);
# the best per story; the best of those, with their text for the comparison of words.
CANDIDATES_SQL = """
WITH candidate AS (
    SELECT id, story_id, entity_keys FROM claims_article
    WHERE story_id IS NOT NULL AND entity_keys && %(keys)s::varchar[] AND id <> %(id)s
      AND (NOT %(dated)s OR published IS NULL OR published BETWEEN %(low)s AND %(high)s)
    ORDER BY id DESC LIMIT %(candidates)s
), shared AS (
    SELECT c.id, c.story_id,
        n.shared / (cardinality(c.entity_keys) + %(key_count)s - n.shared)::float AS share
    FROM candidate c CROSS JOIN LATERAL (
        SELECT count(*) AS shared FROM unnest(c.entity_keys) AS k
        WHERE k = ANY(%(keys)s::varchar[])
    ) n
), ranked AS (
    SELECT id, story_id, share,
        row_number() OVER (PARTITION BY story_id ORDER BY share DESC, id DESC) AS place
    FROM shared
)
SELECT r.story_id, r.share, a.text
FROM ranked r JOIN claims_article a ON a.id = r.id
WHERE r.place <= %(per_story)s
ORDER BY r.share DESC, r.id DESC
LIMIT %(scored)s
"""


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


def best_story(article: Article) -> Story | None:
    """The story this article most likely belongs to, if any is close enough.

    The newest ``CANDIDATES`` articles sharing a named entity are ranked by shared
    entities (keys only, no text read); the best ``SCORED`` of them, at most
    ``PER_STORY`` per story so that one large story does not crowd out the others,
    then have their words compared too.
    """
    keys = sorted(set(article.entity_keys))
    if not keys:
        return None
    window = dt.timedelta(days=DAYS_APART)
    params = {
        "keys": keys,
        "key_count": len(keys),
        "id": article.pk or 0,
        "dated": article.published is not None,
        "low": article.published and article.published - window,
        "high": article.published and article.published + window,
        "candidates": CANDIDATES,
        "per_story": PER_STORY,
        "scored": SCORED,
    }
    with connection.cursor() as cursor:
        cursor.execute(CANDIDATES_SQL, params)
        picked = cursor.fetchall()
    words = _words(article.text)
    best: tuple[float, int] | None = None
    for story, shared, text in picked:
        score = 0.6 * shared + 0.4 * _jaccard(words, _words(text))
        if score >= JOIN_THRESHOLD and (best is None or score > best[0]):
            best = (score, story)
    return Story.objects.get(pk=best[1]) if best else None


def story_for(article: Article) -> Story:
    """The article's best story, or a new story named after its headline (saved; the
    article is not: ingestion sets its story before its one INSERT)."""
    return best_story(article) or Story.objects.create(name=article.title[:300])


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
