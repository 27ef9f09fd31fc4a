"""Full-text search: the query syntax, and snippets that show where an article matches."""

from __future__ import annotations

import re

from django.contrib.postgres.search import SearchQuery
from django.db import connection

SEARCH_CONFIG = "english"


def web_query(text: str) -> SearchQuery:
    """Search-engine syntax: words, "quoted phrases", or, -excluded."""
    return SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)


# A lexeme in a tsquery's text form ('death' <-> 'toll' & !'foo'), and if it is negated.
LEXEME = re.compile(r"(!?)'((?:[^']|'')+)'")
HEADLINE_OPTIONS = "MaxWords=35, MinWords=15, MaxFragments=2"
# ts_headline parses all the text it is given: give it the paragraph that matches. The
# paragraph is the first that the whole query matches, tried only where a regex finds
# the query's stems (a Snowball stem is its word's start but for a changed last
# letter). The whole text is the fallback (words found in different paragraphs), so a
# snippet is never lost, only slower. (string_to_table splits faster than
# regexp_split_to_table.)
SNIPPETS_SQL = """
SELECT a.id, ts_headline(%(config)s::regconfig, translate(coalesce(
    (SELECT t.p FROM string_to_table(a.text, E'\\n\\n') WITH ORDINALITY AS t(p, n)
     WHERE t.p ~* %(stems)s AND to_tsvector(%(config)s::regconfig, t.p) @@ q
     ORDER BY t.n LIMIT 1),
    a.text), %(marks)s, ''), q, %(options)s)
FROM claims_article a, websearch_to_tsquery(%(config)s::regconfig, %(query)s) AS q
WHERE a.id = ANY(%(ids)s)
"""


def stem_pattern(tsquery: str) -> str:
    """A Postgres regex for words that may carry the query's (not negated) stems."""
    stems = sorted({m[2].replace("''", "'") for m in LEXEME.finditer(tsquery) if not m[1]})
    starts = [re.sub(r"(\W)", r"\\\1", s[: max(len(s) - 1, 3)]) for s in stems]
    return r"\m(" + "|".join(starts) + ")" if starts else "x^"  # x^ matches nothing


def snippets(ids: list[int], text: str, marks: tuple[str, str]) -> dict[int, str]:
    """Article id -> the passage of its text that matches ``text``, matched words
    between ``marks`` (ts_headline's StartSel and StopSel)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT websearch_to_tsquery(%s::regconfig, %s)::text", [SEARCH_CONFIG, text]
        )
        params = {
            "config": SEARCH_CONFIG,
            "query": text,
            "stems": stem_pattern(cursor.fetchone()[0]),
            "options": f"{HEADLINE_OPTIONS}, StartSel={marks[0]}, StopSel={marks[1]}",
            "ids": ids,
            # The marks never come from the text itself (texts stored before private-use
            # characters were dropped at ingestion may hold them).
            "marks": marks[0] + marks[1],
        }
        cursor.execute(SNIPPETS_SQL, params)
        return dict(cursor.fetchall())
