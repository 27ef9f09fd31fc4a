"""Full-text search: the query syntax, and snippets that show where an article matches."""

from __future__ import annotations

import re

from django.contrib.postgres.search import SearchQuery

from . import sql

SEARCH_CONFIG = "english"


def web_query(text: str) -> SearchQuery:
    """Search-engine syntax: words, "quoted phrases", or, -excluded."""
    return SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)


# A lexeme in a tsquery's text form ('death' <-> 'toll' & !'foo'), and if it is negated.
LEXEME = re.compile(r"(!?)'((?:[^']|'')+)'")
HEADLINE_OPTIONS = "MaxWords=35, MinWords=15, MaxFragments=2"


def stem_pattern(tsquery: str) -> str:
    """A Postgres regex for words that may carry the query's (not negated) stems."""
    stems = sorted({m[2].replace("''", "'") for m in LEXEME.finditer(tsquery) if not m[1]})
    starts = [re.sub(r"(\W)", r"\\\1", s[: max(len(s) - 1, 3)]) for s in stems]
    return r"\m(" + "|".join(starts) + ")" if starts else "x^"  # x^ matches nothing


def snippets(ids: list[int], text: str, marks: tuple[str, str]) -> dict[int, str]:
    """Article id -> the passage of its text that matches ``text``, matched words
    between ``marks`` (ts_headline's StartSel and StopSel)."""
    return sql.headlines(
        ids,
        config=SEARCH_CONFIG,
        query=text,
        stems=stem_pattern(sql.tsquery_text(SEARCH_CONFIG, text)),
        options=f"{HEADLINE_OPTIONS}, StartSel={marks[0]}, StopSel={marks[1]}",
        # The marks never come from the text itself (texts stored before private-use
        # characters were dropped at ingestion may hold them).
        marks=marks[0] + marks[1],
    )
