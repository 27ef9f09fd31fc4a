"""Which two claims go together, and how: same, supports or contradicts, with a reason.

Pure functions over claim-like objects (``text``, ``start``, ``speaker``, ``hedged``,
``entities``, ``quantities``, ``article_id``): no database. ``services.matching`` feeds
them the candidate pairs Postgres finds through the keys of ``match_keys``.

The rules, in order:
- nearly the same sentence (wire copy, a quotation repeated): same;
- figures of one kind that cannot both be true ("about 100 dead" against "around 200
  dead"): contradicts, marked when either claim is hedged, when two different named
  sources gave them (each article then reports a real disagreement faithfully) or when
  both cite the same source, and marked as an *update* when the figure is a running
  count and the two articles were published on different days. In one article, a
  headline figure against a figure the body attributes is the headline picking one
  source, not the article contradicting itself;
- a denial by someone against a claim that says that same party did it: contradicts;
- two reports of the same denial, or of the same event in the same words: same;
- figures of one kind that agree: supports.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from rapidfuzz import fuzz

from .choices import Relation
from .entities import NAMED, entity_root
from .figures import (
    RUNNING,
    Figure,
    about_the_event,
    compare,
    describe,
    fact_key,
    figures_of,
    interval,
    rounded,
    rounded_down,
)
from .incidents import incident_name
from .wording import (
    ENTITY_KEY,
    FAMILY_KEY,
    NUMBER_KEY,
    SHINGLE_KEY,
    STEM,
    TOPIC_KEY,
    asserted_verbs,
    disbelieves,
    families,
    match_key,
    plain,
    shingle_keys,
    source_keys,
    source_names,
    stems,
    word_list,
)

SAME_RATIO = 85  # rapidfuzz ratio of two plain sentences that are one sentence
CONTAINED = 92  # partial ratio when one sentence is quoted inside a longer one
CONTAINED_SHARE = 0.6  # ... and is at least this share of it
SHARED_STEMS = 4  # content words two accounts of one event share at least
SHARED_SHARE = 0.3  # ... as a share of the shorter claim's words
SAME_FIGURES_STEMS = 2  # words two claims with the very same figures share at least
SUBJECT_REACH = 25  # characters between an actor's name and its verb
# How much each kind of key counts when Postgres ranks candidates (services.matching).
KEY_WEIGHTS = {SHINGLE_KEY: 3, TOPIC_KEY: 2, ENTITY_KEY: 1, FAMILY_KEY: 1, NUMBER_KEY: 1}


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


@dataclass(frozen=True)
class Proposal:
    relation: str
    score: float
    reason: str
    topic: str = ""
    same_source: bool = False
    figures: tuple[str, ...] = field(default=())
    # The two reported facts a conflict sets against each other (figures.fact_key):
    # every sentence pair that sets the same two facts apart is one dashboard entry.
    facts: tuple[str, ...] = field(default=())
    update: bool = False  # a running count that changed between publication dates
    hedged: bool = False  # either claim is hedged ("may have been killed")
    different_sources: bool = False  # two named sources gave the two figures


def _named(claim: ClaimLike) -> list[dict[str, Any]]:
    return [e for e in claim.entities if e.get("label") in NAMED]


def _event_figures(claim: ClaimLike) -> tuple[Figure, ...]:
    return tuple(f for f in figures_of(claim) if f.whole and about_the_event(f.quantity, claim))


def profile(
    claim: ClaimLike,
    *,
    headline_end: int = 0,
    published: dt.date | None = None,
    incident: str | None = None,
    aliases: Mapping[str, str] | None = None,
) -> Profile:
    """What matching reads of a claim. ``incident``: the named storm or fire its article
    reports, if any; a claim about another one ("Orla's toll was 1,627", cited for
    comparison) gives no figures of the event."""
    named = _named(claim)
    other = incident_name(claim.text)
    about_another = bool(incident and other and other != incident)
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
        figures=() if about_another else _event_figures(claim),
        published=published,
        **_numbers(claim),
        mentions=tuple(
            (
                entity_root(e["text"], e["label"], aliases),
                e["start"] - claim.start,
                e["end"] - claim.start,
            )
            for e in named
        ),
        telling=_telling(claim, own),
    )


def match_keys(claim, aliases: Mapping[str, str] | None = None) -> list[str]:
    """Index keys of a claim: two claims worth comparing share some of them. (Only
    what the keys need is computed: this runs for every claim stored.)"""
    keys = {
        match_key(ENTITY_KEY, entity_root(e["text"], e["label"], aliases))[:200]
        for e in _named(claim)
    }
    keys.update(match_key(FAMILY_KEY, f) for f in families(claim.text))
    for figure in _event_figures(claim):
        keys.add(match_key(TOPIC_KEY, figure.topic))
        q = figure.quantity
        for value in (q.get("low"), q.get("high")):
            if value is not None:
                keys.add(match_key(NUMBER_KEY, f"{value:g}"))
    keys.update(shingle_keys(claim.text))
    return sorted(keys)


def judge(a: Profile, b: Profile) -> Proposal | None:
    """How two claims relate, or None when nothing worth an analyst's time connects them.

    Within one article only contradictions are worth showing (marked internal)."""
    if a.article == b.article:
        found = _figures(a, b) or _denied(a, b) or _denied(b, a)
        return found if found and found.relation == Relation.CONTRADICTS else None
    figures = _figures(a, b)
    if figures is not None and figures.relation == Relation.CONTRADICTS:
        return figures  # the same wording with another figure: an update of wire copy
    return (
        _same_sentence(a, b)
        or _same_superlative(a, b)
        or figures
        or _same_numbers(a, b)
        or _denied(a, b)
        or _denied(b, a)
        or _same_account(a, b)
    )


# A superlative with its scope, a checkable claim of its own: "the deadliest wildfire in
# more than a century", "the worst flooding since 1927", "the largest blast on record".
_SUPERLATIVE = re.compile(
    r"\bthe\s+(?P<most>most\s+\w+|worst|best|\w{3,}est)\s+(?P<what>(?:[\w.'’-]+\s+){0,4}?)"
    r"(?P<scope>(?:in|for)\s+(?:(?:more than|over|nearly|almost|at least)\s+)?(?:a|an|\w+)\s+"
    r"(?:century|centuries|decades?|years?|history|generations?)\b|since\s+\w+|on record\b|ever\b)",
    re.IGNORECASE,
)


def _superlatives(text: str) -> list[tuple[str, str, str]]:
    """(superlative, what it is said of, scope) of each superlative in ``text``."""
    return [
        (m["most"].lower(), m["what"].strip(), " ".join(word_list(m["scope"])))
        for m in _SUPERLATIVE.finditer(text)
    ]


def _same_superlative(a: Profile, b: Profile) -> Proposal | None:
    """Both call it the same superlative, of the same thing, in the same scope ("the
    deadliest U.S. wildfire in more than a century" / "the deadliest US wildfire in
    more than a century"), whatever else either says."""
    for most, what, scope in _superlatives(a.claim.text):
        for other_most, other_what, other_scope in _superlatives(b.claim.text):
            if (most, scope) == (other_most, other_scope) and stems(what) & stems(other_what):
                said = " ".join(w for w in (most, what, scope) if w)
                return Proposal(Relation.SAME, 0.7, f"both call it the {said}", "superlative")
    return None


def _same_sentence(a: Profile, b: Profile) -> Proposal | None:
    if a.figures and b.figures and {f.topic for f in a.figures} != {f.topic for f in b.figures}:
        return None  # "12 were killed" / "12 were injured": one word, another fact
    if any(
        {_direction(x.quantity), _direction(y.quantity)} == {"above", "below"}
        for x in a.figures
        for y in b.figures
        if x.topic == y.topic
    ):
        return None  # "nearly 9,000 homeless" / "over 9,000 homeless": one word, another fact
    ratio = fuzz.ratio(a.plain, b.plain)
    short, long = sorted((a.plain, b.plain), key=len)
    if ratio < SAME_RATIO:
        if not long or len(short) < CONTAINED_SHARE * len(long):
            return None
        ratio = fuzz.partial_ratio(short, long)
        if ratio < CONTAINED:
            return None
        reason = "the same sentence, quoted inside a longer one"
    elif a.plain == b.plain:
        reason = "the same sentence"
    else:
        reason = "the same sentence, worded slightly differently"
    spellings = _spelling_differences(a, b)
    if spellings:
        reason += "; different spelling of " + ", ".join(spellings)
    return Proposal(Relation.SAME, round(0.8 + 0.2 * ratio / 100, 3), reason)


def _spelling_differences(a: Profile, b: Profile) -> list[str]:
    """Entities both name, spelt differently: "Bashar Assad" / "Bashar al-Assad"."""
    spelt_a = _spellings(a)
    spelt_b = _spellings(b)
    return [
        f"{sorted(spelt_a[root])[0]} / {sorted(spelt_b[root])[0]}"
        for root in sorted(spelt_a.keys() & spelt_b.keys())
        if not spelt_a[root] & spelt_b[root]
    ]


def _spellings(p: Profile) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for e in p.claim.entities:
        if e.get("label") == "PERSON" or e.get("label") == "GPE":
            found.setdefault(entity_root(e["text"], e["label"]), set()).add(e["text"])
    return found


def _figures(a: Profile, b: Profile) -> Proposal | None:
    if not (a.figures and b.figures):
        return None
    conflicts: list[tuple[Any, Figure, Figure]] = []
    agreements: list[tuple[Any, Figure, Figure]] = []
    for fa in a.figures:
        for fb in b.figures:
            result = compare(fa, fb)
            if result is not None:
                (conflicts if result.conflict else agreements).append((result, fa, fb))
    if conflicts:
        result, fa, fb = conflicts[0]
        if not _disagreement_counts(a, b):
            return None
        same_source = bool(a.sources & b.sources)
        different = bool(a.sources and b.sources and not same_source)
        # "dozens", "hundreds" state no count that could have moved: a disagreement
        update = (
            "vague" not in {fa.quantity.get("qualifier"), fb.quantity.get("qualifier")}
            and result.topic in RUNNING
            and a.published is not None
            and b.published is not None
            and a.published != b.published
        )
        reason = result.reason
        if same_source:
            cited = ", ".join(source_names(a.claim.speaker, a.sources & b.sources))
            reason += f"; both cite {cited}"
        elif different:
            reason += f"; {a.claim.speaker} against {b.claim.speaker}"
        if update and a.published is not None and b.published is not None:
            first, second = sorted([(a.published, fa), (b.published, fb)], key=lambda x: x[0])
            reason = (
                f"{result.topic} went from {describe(first[1].quantity, result.topic)} "
                f"({first[0]:%d %b %Y}) to {describe(second[1].quantity, result.topic)} "
                f"({second[0]:%d %b %Y})"
            )
        hedged = a.hedged or b.hedged
        figures = (describe(fa.quantity, result.topic), describe(fb.quantity, result.topic))
        score = 0.85 + (0.1 if same_source else 0.0) - (0.1 if hedged or different else 0.0)
        return Proposal(
            Relation.CONTRADICTS,
            round(score - (0.05 if update else 0.0), 3),
            reason,
            result.topic,
            same_source,
            figures,
            facts=tuple(sorted((fact_key(fa), fact_key(fb)))),
            update=update,
            hedged=hedged,
            different_sources=different,
        )
    same_figures = [(r, x, y) for r, x, y in agreements if _same_number(x.quantity, y.quantity)]
    if agreements and (a.hedged or b.hedged):
        # A hedge ("may have risen to 1,052") keeps the same figure the same fact; it
        # supports nothing else.
        agreements = same_figures if len(same_figures) == len(agreements) else []
    if agreements:
        result, fa, fb = agreements[0]
        figures = (describe(fa.quantity, result.topic), describe(fb.quantity, result.topic))
        same = same_figures
        # The same fact when every figure of one claim is restated by the other: "the
        # Times counted 1,180 deaths" / "deaths exceeded 57, but about 1,180 in all".
        restated_a = {id(x) for _, x, _ in same} >= {id(f) for f in a.figures}
        restated_b = {id(y) for _, _, y in same} >= {id(f) for f in b.figures}
        if same and (len(same) == len(agreements) or restated_a or restated_b):
            result, fa, fb = same[0]
            figures = (describe(fa.quantity, result.topic), describe(fb.quantity, result.topic))
            return Proposal(
                Relation.SAME,
                0.75,
                f"the same {result.topic} figure in other words: {figures[0]} / {figures[1]}",
                result.topic,
                bool(a.sources & b.sources),
                figures,
            )
        # "over 100" agrees with nearly anything larger: weaker support than two estimates.
        bounded = math.isfinite(interval(fa.quantity)[1]) and math.isfinite(
            interval(fb.quantity)[1]
        )
        return Proposal(
            Relation.SUPPORTS,
            0.5 if bounded else 0.4,
            f"both give a {result.topic}: {result.reason}",
            result.topic,
            False,
            figures,
        )
    return None


def _numbers(claim) -> dict[str, frozenset]:
    """The numbers a claim states (of wholes, not dates or parts) and what they count."""
    figures = [f for f in figures_of(claim) if not f.part]
    values = frozenset(
        v for f in figures for v in (f.quantity.get("low"), f.quantity.get("high")) if v is not None
    )
    return {"numbers": values, "counts": frozenset(f.topic for f in figures)}


def _same_numbers(a: Profile, b: Profile) -> Proposal | None:
    """The same figures and some of the same words, in another order and style ("a crew
    of about 40 firefighters held back some 500 acres" / "roughly 40 firefighters
    contained around 500 acres"): the same claim, reworded as wire copy often is."""
    if a.hedged != b.hedged:
        return None
    values = a.numbers
    if not values or values != b.numbers or a.counts != b.counts or max(values) < 10:
        return None
    shared = a.stems & b.stems
    if len(shared) < SAME_FIGURES_STEMS:
        return None
    said = ", ".join(f"{v:g}" for v in sorted(values))
    return Proposal(Relation.SAME, 0.7, f"the same figures ({said}) in other words", "", False)


_BELOW = re.compile(r"^\s*(?:nearly|almost|just under|close to|not quite)\b", re.I)


def _direction(q: dict) -> str | None:
    """Which side of its number a figure puts the count: "more than 40" above, "up to
    40" or "nearly 40" below, "about 40" or "40" neither."""
    if q.get("qualifier") in {"more_than", "at_least"}:
        return "above"
    if q.get("qualifier") in {"less_than", "at_most"} or _BELOW.match(q.get("text", "")):
        return "below"
    return None


def _same_number(a: dict, b: dict) -> bool:
    """Both state the same number ("114" and "at least 114", "some 40" and "about 40"),
    or one rounds the other ("nearly 3,000" for 2,975), and not on its two sides
    ("nearly 300,000" and "over 300,000" say two things)."""
    if {_direction(a), _direction(b)} == {"above", "below"}:
        return False
    stated = {v for v in (a.get("low"), a.get("high")) if v is not None}
    if stated & {v for v in (b.get("low"), b.get("high")) if v is not None}:
        return True
    return _rounds(a, b) or _rounds(b, a)


def _rounds(approximate: dict, exact: dict) -> bool:
    """``approximate`` is ``exact`` rounded to two significant digits, as reported facts
    are: "about 3,000" or "nearly 3,000" for 2,975 (to the nearest), "more than 2,200"
    for 2,207 (down: a floor)."""
    if exact.get("qualifier") != "exact" or exact.get("low") != exact.get("high"):
        return False
    value = exact.get("low")
    if approximate.get("qualifier") in {"more_than", "at_least"}:
        said = approximate.get("low")
        return said is not None and value is not None and value > said == rounded_down(value)
    if approximate.get("qualifier") != "about" and not _BELOW.match(approximate.get("text", "")):
        return False
    said = approximate.get("low")
    if said is None or value is None or said != approximate.get("high"):
        return False
    return rounded(value) == said


def _disagreement_counts(a: Profile, b: Profile) -> bool:
    """Across articles every disagreement is worth showing, marked; within one article
    a headline figure set against a figure its body attributes is the headline picking
    one source, not the article contradicting itself, and hedges or other sources are
    the article reporting a dispute, not making one."""
    if a.article != b.article:
        return True
    if a.hedged or b.hedged:
        return False
    if a.sources and b.sources and not (a.sources & b.sources):
        return False
    return not ((a.headline and b.sources) or (b.headline and a.sources))


def _deniers(p: Profile, *, hedged_too: bool = False) -> frozenset[str]:
    """Who denies, in a claim that is a denial someone is said to make."""
    if "denial" not in p.families or not p.sources or disbelieves(p.claim.text):
        return frozenset()
    if p.hedged and not hedged_too:
        return frozenset()
    speaker = p.claim.speaker
    in_speaker = {
        entity_root(e["text"], e["label"])
        for e in p.claim.entities
        if e.get("label") in NAMED and e["text"] in speaker
    }
    return frozenset(in_speaker or p.sources)


def _denied(a: Profile, b: Profile) -> Proposal | None:
    """``a`` denies what ``b`` says the denier did."""
    deniers = _deniers(a)
    if not deniers or "denial" in b.families or b.hedged:
        return None
    for family in sorted(a.families & b.families - {"denial"}):
        for verb in asserted_verbs(b.claim.text, family):
            for root, start, end in b.mentions:
                if root in deniers and 0 <= verb.start() - end <= SUBJECT_REACH:
                    said = " ".join(b.claim.text[start : verb.end()].split())
                    reason = f"{a.claim.speaker} denies the {family}; the other says “{said}”"
                    # one entry per denier and act, however many reports tell either side
                    facts = (f"{family}|denied by {root}", f"{family}|done by {root}")
                    return Proposal(Relation.CONTRADICTS, 0.75, reason, family, facts=facts)
    return None


def _telling(claim: ClaimLike, own: frozenset[str]) -> frozenset[str]:
    """``own`` (the claim's stems) but those of its names and of its happening words."""
    named = {stem for e in claim.entities for stem in stems(e["text"])}
    happening = {w[:STEM] for w in word_list(claim.text) if families(w)}
    return own - named - happening


def _same_account(a: Profile, b: Profile) -> Proposal | None:
    shared_families = a.families & b.families
    if "denial" in shared_families:
        deniers = _deniers(a, hedged_too=True) & _deniers(b, hedged_too=True)
        if deniers:
            who = a.claim.speaker or ", ".join(sorted(deniers))
            return Proposal(Relation.SAME, 0.7, f"both report the denial by {who}", "denial")
        return None
    if not shared_families or a.hedged or b.hedged or a.figures or b.figures:
        return None  # claims with figures are the same only when their figures are
    # Only words that tell one account from another count: every report of a story
    # names the event's places and people, and says what happened in its own words.
    shared = a.telling & b.telling
    smaller = min(len(a.stems), len(b.stems)) or 1
    if len(shared) >= SHARED_STEMS and len(shared) / smaller >= SHARED_SHARE:
        family = sorted(shared_families)[0]
        words = ", ".join(sorted({w for w in word_list(a.claim.text) if w[:STEM] in shared})[:5])
        return Proposal(
            Relation.SAME, 0.6, f"both describe the {family} in the same terms ({words})", family
        )
    return None
