"""What matching reads of one claim (its profile, worked out once), the index keys that
find the claims worth comparing with it, and what a rule proposes for a pair.

Pure: claim-like objects in, no database."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from .entities import NAMED, entity_root
from .figures import Figure, about_the_event, disputed_figures, figures_of
from .incident_words import earlier_incident_spans, in_spans, incident_name
from .wording import (
    ENTITY_KEY,
    FAMILY_KEY,
    FIGURES_KEY,
    NUMBER_KEY,
    SHINGLE_KEY,
    STEM,
    TOPIC_KEY,
    families,
    match_key,
    plain,
    shingle_keys,
    source_keys,
    stems,
    word_list,
)

# How much each kind of key counts when Postgres ranks candidates (services.matching).
KEY_WEIGHTS = {
    SHINGLE_KEY: 3,
    FIGURES_KEY: 3,
    TOPIC_KEY: 2,
    ENTITY_KEY: 1,
    FAMILY_KEY: 1,
    NUMBER_KEY: 1,
}


class ClaimLike(Protocol):
    """What matching reads of a claim: a Claim row, or anything shaped like one."""

    text: str
    speaker: str
    start: int
    end: int
    hedged: bool
    article_id: int
    entities: list[dict[str, Any]]
    quantities: list[dict[str, Any]]


_MOVED = re.compile(
    r"\b(?:rose|rises|risen|climbed|climbs|bringing|brought|raising|raised|pushing|pushed|"
    r"increased|jumped)\b(?:\s+\S+){0,5}?\s+to\b",
    re.IGNORECASE,
)
_LOWERED = re.compile(
    r"\b(?:revised|lowered|lowering|cut|reduced|reducing|fell|fallen|dropped|down)\b"
    r"(?:\s+\S+){0,5}?\s+to\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Profile:
    """What matching reads of one claim, worked out once per claim."""

    claim: ClaimLike
    article: int
    headline: bool
    hedged: bool
    entities: frozenset[str]
    families: frozenset[str]
    stems: frozenset[str]
    plain: str
    sources: frozenset[str]
    figures: tuple[Figure, ...]  # the wholes the claim gives of the event
    published: dt.date | None  # the article's date
    numbers: frozenset[float]  # every number it states but parts (for same claims reworded)
    counts: frozenset[str]  # what those numbers count (their topics)
    mentions: tuple[tuple[str, int, int], ...]  # (entity root, start, end) in the claim text
    # its stems but those of its names and happening words: what tells accounts apart
    telling: frozenset[str] = frozenset()
    # what it says a count used to be ("revised down to 120 from more than 150"), as wholes
    was: tuple[Figure, ...] = ()
    # it tells a count's rise ("bringing the death toll to seven"): beside an earlier
    # figure of its own article, the count's history, not the article contradicting itself
    moved: bool = False
    # it says a count was revised down ("lowered the toll to 41"): a lower figure, later,
    # is then a step of the count
    lowered: bool = False
    # another's figures it sets its own against ("well above the government's count of
    # 67"), as wholes: a dispute, whatever the dates
    cited: tuple[Figure, ...] = ()


@dataclass(frozen=True)
class Proposal:
    relation: str
    score: float
    reason: str
    topic: str = ""
    same_source: bool = False
    figures: tuple[str, ...] = field(default=())
    # The two reported facts a conflict sets against each other (comparison.fact_key):
    # every sentence pair that sets the same two facts apart is one dashboard entry.
    facts: tuple[str, ...] = field(default=())
    update: bool = False  # a running count that changed between publication dates
    hedged: bool = False  # either claim is hedged ("may have been killed")
    different_sources: bool = False  # two named sources gave the two figures


def _named(claim: ClaimLike) -> list[dict[str, Any]]:
    return [e for e in claim.entities if e.get("label") in NAMED]


def _event_figures(claim: ClaimLike, figures: list[Figure] | None = None) -> tuple[Figure, ...]:
    """The claim's wholes about the event (``figures``: the claim's, when at hand)."""
    figures = figures_of(claim) if figures is None else figures
    own = tuple(f for f in figures if f.whole and about_the_event(f.quantity, claim))
    return own + tuple(disputed_figures(claim))


def profile(
    claim: ClaimLike,
    *,
    headline_end: int = 0,
    published: dt.date | None = None,
    incident: str | None = None,
    aliases: Mapping[str, str] | None = None,
    story_date: dt.date | None = None,
    follows: bool = False,
) -> Profile:
    """What matching reads of a claim. ``incident``: the named storm or fire its article
    reports, if any; a claim about another one ("Orla's toll was 1,627", cited for
    comparison) gives no figures of the event, and neither does an article that tells
    of an incident that came after it (``follows``: "an aftershock, two days after the
    earthquake, injured 12"). ``story_date``: the first date of its story, what the
    incidents an undated page recalls are dated against."""
    named = _named(claim)
    other = incident_name(claim.text)
    about_another = follows or bool(incident and other and other != incident)
    # another year's incident ("A 2009 stampede there killed 8", even on an undated page)
    spans = earlier_incident_spans(claim.text, published or story_date)
    figures = figures_of(claim)  # once: matching profiles every claim it compares
    own = stems(claim.text)
    return Profile(
        claim=claim,
        article=claim.article_id,
        headline=claim.start < headline_end,
        hedged=bool(claim.hedged),
        entities=frozenset(entity_root(e["text"], e["label"], aliases) for e in named),
        families=families(claim.text),
        stems=own,
        plain=plain(claim.text),
        sources=source_keys(claim.speaker, aliases),
        figures=()
        if about_another
        else tuple(
            f
            for f in _event_figures(claim, figures)
            if not in_spans(f.quantity, claim.start, spans)
        ),
        published=published,
        **_numbers(claim, figures),
        mentions=tuple(
            (
                entity_root(e["text"], e["label"], aliases),
                e["start"] - claim.start,
                e["end"] - claim.start,
            )
            for e in named
        ),
        telling=_telling(claim, own),
        moved=bool(_MOVED.search(claim.text)),
        lowered=bool(_LOWERED.search(claim.text)),
        was=tuple(replace(f, earlier=False) for f in figures if f.earlier and f.topic is not None),
        cited=tuple(replace(f, cited=False) for f in figures if f.cited and f.topic is not None),
    )


def match_keys(claim, aliases: Mapping[str, str] | None = None) -> list[str]:
    """Index keys of a claim: two claims worth comparing share some of them. (Only
    what the keys need is computed: this runs for every claim stored.)"""
    keys = {
        match_key(ENTITY_KEY, entity_root(e["text"], e["label"], aliases))[:200]
        for e in _named(claim)
    }
    keys.update(match_key(FAMILY_KEY, f) for f in families(claim.text))
    figures = figures_of(claim)
    for figure in _event_figures(claim, figures):
        keys.add(match_key(TOPIC_KEY, figure.topic))
        q = figure.quantity
        for value in (q.get("low"), q.get("high")):
            if value is not None:
                keys.add(match_key(NUMBER_KEY, f"{value:g}"))
    numbers = _numbers(claim, figures)["numbers"]
    if numbers and max(numbers) >= 10:
        # "about 40 firefighters held back some 500 acres" / "roughly 40 firefighters
        # contained around 500 acres": what ``same_numbers`` compares, in one key
        keys.add(match_key(FIGURES_KEY, ",".join(f"{v:g}" for v in sorted(numbers))))
    keys.update(shingle_keys(claim.text))
    return sorted(keys)


def copy_key(claim) -> str:
    """One key for the claims that are one sentence: the same words (``plain``), the
    same figures, the same speaker and hedge. A wire story reprinted by many outlets
    gives each of its sentences one key, wherever in their pages it stands."""
    figures = sorted(
        repr([q.get(k) for k in ("low", "high", "unit", "qualifier")]) for q in claim.quantities
    )
    said = "\0".join([plain(claim.text), *figures, plain(claim.speaker), str(bool(claim.hedged))])
    return hashlib.md5(said.encode(), usedforsecurity=False).hexdigest()


def _numbers(claim, figures: list[Figure] | None = None) -> dict[str, frozenset]:
    """The numbers a claim states (of wholes, not dates or parts) and what they count
    (``figures``: the claim's, when they are at hand)."""
    figures = [f for f in (figures_of(claim) if figures is None else figures) if not f.part]
    values = frozenset(
        v for f in figures for v in (f.quantity.get("low"), f.quantity.get("high")) if v is not None
    )
    return {"numbers": values, "counts": frozenset(f.topic for f in figures)}


def _telling(claim: ClaimLike, own: frozenset[str]) -> frozenset[str]:
    """``own`` (the claim's stems) but those of its names and of its happening words."""
    named = {stem for e in claim.entities for stem in stems(e["text"])}
    happening = {w[:STEM] for w in word_list(claim.text) if families(w)}
    return own - named - happening
