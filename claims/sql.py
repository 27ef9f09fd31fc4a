"""The raw SQL of Newsdesk, in one place: what the ORM cannot say as fast.

Table and column names come from the models' ``_meta`` (looked up through the app
registry, so this module imports no model and sits below them); every value is a bound
parameter. Each statement says why it is SQL.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from django.apps import apps
from django.db import connection

from .choices import ExtractionStatus
from .wording import NUMBER_KEY, TOPIC_KEY


def _meta(model: str):
    return apps.get_model("claims", model)._meta


def _table(model: str) -> str:
    return connection.ops.quote_name(_meta(model).db_table)


def _column(model: str, field: str) -> str:
    return connection.ops.quote_name(_meta(model).get_field(field).column)


@cache
def _comparable_sql() -> str:
    """The "compare with" ranking. The candidates carry what ranking reads: joining their
    ids back to the table made Postgres hash the whole table. The keys are a parameter,
    not read by the query: with them in hand the planner weighs how common they are and
    walks the newest-first index for common names rather than gather every article
    that shares one."""
    article = _table("Article")
    story, keys = _column("Article", "story"), _column("Article", "entity_keys")
    published = _column("Article", "published")
    newest = f"a.{published} DESC NULLS LAST, a.id DESC"  # the article_newest_idx order
    candidate = f"SELECT a.id, a.{published}, a.{story}, a.{keys} FROM {article} a"
    return f"""
WITH candidates AS (
    ({candidate} WHERE a.{story} = %(story)s AND a.id <> %(id)s
     ORDER BY {newest} LIMIT %(candidates)s)
    UNION
    ({candidate} WHERE a.{keys} && %(keys)s::varchar[] AND a.id <> %(id)s
     ORDER BY {newest} LIMIT %(candidates)s)
    UNION
    ({candidate} WHERE a.id <> %(id)s ORDER BY {newest} LIMIT 10)
)
SELECT a.id, coalesce(a.{story} = %(story)s, false) AS same_story,
       (SELECT count(*) FROM unnest(a.{keys}) AS k WHERE k = ANY(%(keys)s)) AS shared
FROM candidates AS a
ORDER BY same_story DESC, shared DESC, {newest}
LIMIT %(limit)s
"""


def comparable(
    article_id: int, story_id: int | None, keys: list[str], candidates: int, limit: int
) -> list[tuple[int, bool, int]]:
    """(article id, same story, name keys shared), best first."""
    params = {"id": article_id, "story": story_id, "keys": keys}
    params |= {"candidates": candidates, "limit": limit}
    with connection.cursor() as cursor:
        cursor.execute(_comparable_sql(), params)
        return cursor.fetchall()


# Rival figures of a topic each claim of a new article meets, besides its best ranked.
RIVAL_FIGURES = 12


@cache
def _candidates_sql() -> str:
    """Match candidates: a lateral join per claim, ranked by weighted shared keys, which
    the ORM cannot express. A key's kind is its first letter; its weight is looked up in
    two bound arrays (kinds, weights), unknown kinds weigh 1. A copy of an earlier
    claim (``copy_of``) is never matched: its earliest claim is.

    A claim with a topic (a death toll) also meets one claim of each of the figures the
    story gives for that topic most recently, the newest of each: the claims sharing
    most keys with it may all repeat one figure, and the rival figure is the one an
    analyst must see."""
    claim, article = _table("Claim"), _table("Article")
    keys, article_id = _column("Claim", "match_keys"), _column("Claim", "article")
    copy_of = _column("Claim", "copy_of")
    story, status = _column("Article", "story"), _column("Article", "extraction_status")
    score = f"""(
        SELECT sum(coalesce(
            (%(weights)s::int[])[array_position(%(kinds)s::text[], left(k, 1))], 1))
        FROM unnest(p.{keys}) k WHERE k = ANY(x.{keys})
    )"""
    pool = f"""
        SELECT c.id, c.{keys} FROM {claim} c
        JOIN {article} a ON a.id = c.{article_id}
        WHERE a.{story} = %(story)s AND a.{status} = %(done)s
            AND c.{keys} && {{shared}} AND c.id <> x.id AND c.{copy_of} IS NULL
        ORDER BY c.id DESC
        LIMIT %(pool)s"""
    topics = f"array(SELECT k FROM unnest(x.{keys}) k WHERE left(k, 1) = %(topic)s)"
    return f"""
SELECT x.id, c.id FROM {claim} x
CROSS JOIN LATERAL (
    SELECT p.id FROM ({pool.format(shared=f"x.{keys}")}
    ) p
    ORDER BY {score} DESC, p.id
    LIMIT %(per_claim)s
) c
WHERE x.{article_id} = %(article)s AND cardinality(x.{keys}) > 0 AND x.{copy_of} IS NULL
UNION
SELECT x.id, d.id FROM {claim} x
CROSS JOIN LATERAL (
    SELECT q.id FROM (
        SELECT DISTINCT ON (f.figures) f.id FROM (
            SELECT p.id, array(
                SELECT k FROM unnest(p.{keys}) k WHERE left(k, 1) = %(number)s ORDER BY k
            ) AS figures
            FROM ({pool.format(shared=topics)}
            ) p
        ) f
        WHERE cardinality(f.figures) > 0
        ORDER BY f.figures, f.id DESC
    ) q
    ORDER BY q.id DESC
    LIMIT %(figures)s
) d
WHERE x.{article_id} = %(article)s AND cardinality({topics}) > 0 AND x.{copy_of} IS NULL
"""


def match_candidates(
    article_id: int, story_id: int, per_claim: int, weights: dict[str, int], pool: int
) -> list[tuple[int, int]]:
    """(claim of the article, candidate claim) pairs; see ``ClaimQuerySet``."""
    kinds = sorted(weights)
    params: dict[str, Any] = {
        "story": story_id,
        "done": ExtractionStatus.DONE.value,
        "pool": pool,
        "per_claim": per_claim,
        "article": article_id,
        "kinds": kinds,
        "weights": [weights[k] for k in kinds],
        "figures": RIVAL_FIGURES,
        "topic": TOPIC_KEY,
        "number": NUMBER_KEY,
    }
    with connection.cursor() as cursor:
        cursor.execute(_candidates_sql(), params)
        return cursor.fetchall()


@cache
def _snippets_sql() -> str:
    """Search snippets. ts_headline parses all the text it is given: give it the
    paragraph that matches, the first that the whole query matches, tried only where a
    regex finds the query's stems. The whole text is the fallback (words found in
    different paragraphs), so a snippet is never lost, only slower. (string_to_table
    splits faster than regexp_split_to_table.) The match marks are taken out of the
    text first, so that only ts_headline's own marks remain."""
    article, text = _table("Article"), _column("Article", "text")
    return f"""
SELECT a.id, ts_headline(%(config)s::regconfig, translate(coalesce(
    (SELECT t.p FROM string_to_table(a.{text}, E'\\n\\n') WITH ORDINALITY AS t(p, n)
     WHERE t.p ~* %(stems)s AND to_tsvector(%(config)s::regconfig, t.p) @@ q
     ORDER BY t.n LIMIT 1),
    a.{text}), %(marks)s, ''), q, %(options)s)
FROM {article} a, websearch_to_tsquery(%(config)s::regconfig, %(query)s) AS q
WHERE a.id = ANY(%(ids)s)
"""


def tsquery_text(config: str, text: str) -> str:
    """The text form of ``websearch_to_tsquery`` of ``text``: its lexemes."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT websearch_to_tsquery(%s::regconfig, %s)::text", [config, text])
        return cursor.fetchone()[0]


def headlines(
    ids: list[int], *, config: str, query: str, stems: str, options: str, marks: str
) -> dict[int, str]:
    """Article id -> ts_headline of the paragraph that matches ``query``."""
    params: dict[str, Any] = {
        "config": config,
        "query": query,
        "stems": stems,
        "options": options,
        "ids": ids,
        "marks": marks,
    }
    with connection.cursor() as cursor:
        cursor.execute(_snippets_sql(), params)
        return dict(cursor.fetchall())


@cache
def entity_names_sql() -> str:
    """A claim's entity texts of the given labels, read out of its JSON by Postgres
    (decoding every entity in Python costs more than the query). One parameter: the
    labels."""
    entities = f"{_table('Claim')}.{_column('Claim', 'entities')}"
    return (
        f"ARRAY(SELECT e->>'text' FROM jsonb_array_elements({entities}) e"
        " WHERE e->>'label' = ANY(%s))"
    )


def in_array_sql(model: str, field: str) -> str:
    """``table.column = ANY(%s)``: one array parameter, however many values (a story's
    thousands of claim ids would be as many parameters in ``__in``)."""
    return f"{_table(model)}.{_column(model, field)} = ANY(%s)"


def ping() -> None:
    """One round trip to the database (readiness)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


# pg_advisory_xact_lock's key for placing articles in stories (any fixed number).
STORY_PLACEMENT_LOCK = 0x4E44_5354


def lock_story_placement() -> None:
    """Until the transaction ends, no other one places an article in a story: two workers
    storing two reports of a new event would each start a story of its own. SQL: the
    ORM has no advisory locks."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [STORY_PLACEMENT_LOCK])
