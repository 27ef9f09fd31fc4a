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
  count and the two articles were published on different days (two studies'
  estimates, from two named sources, are rival answers, never an update). In one
  article, a headline figure against a figure the body attributes is the headline
  picking one source, not the article contradicting itself;
- a denial by someone against a claim that says that same party did it: contradicts;
- two reports of the same denial, or of the same event in the same words: same;
- figures of one kind that agree: supports.
"""

from __future__ import annotations

import math
from typing import Any

from .choices import Relation
from .comparison import compare, fact_key, interval, possible_count
from .figures import Figure, describe
from .profiles import Profile, Proposal
from .same_claims import (
    deniers_of,
    same_account,
    same_number,
    same_numbers,
    same_sentence,
    same_superlative,
)
from .topics import ACCUMULATING, RUNNING, SECONDARY
from .wording import asserted_verbs, source_names

SUBJECT_REACH = 25  # characters between an actor's name and its verb


def judge(a: Profile, b: Profile) -> Proposal | None:
    """How two claims relate, or None when nothing worth an analyst's time connects them.

    Within one article only contradictions are worth showing (marked internal)."""
    if a.article == b.article:
        if a.moved or b.moved:
            return None  # "named the six killed" and "bringing the toll to seven": its history
        found = _figures(a, b) or _denied(a, b) or _denied(b, a)
        return found if found and found.relation == Relation.CONTRADICTS else None
    figures = _figures(a, b)
    if figures is not None and figures.relation == Relation.CONTRADICTS:
        return figures  # the same wording with another figure: an update of wire copy
    return (
        same_sentence(a, b)
        or same_superlative(a, b)
        or figures
        or same_numbers(a, b)
        or _denied(a, b)
        or _denied(b, a)
        or same_account(a, b)
    )


def _figures(a: Profile, b: Profile) -> Proposal | None:
    if not (a.figures and b.figures):
        return None
    conflicts: list[tuple[Any, Figure, Figure]] = []
    agreements: list[tuple[Any, Figure, Figure]] = []
    for fa in a.figures:
        for fb in b.figures:
            result = compare(fa, fb)
            if result is not None and not _says_nothing(result, fa, fb):
                (conflicts if result.conflict else agreements).append((result, fa, fb))
    if conflicts:
        # One suggestion per sentence pair, spoken for by, in turn: a figure one claim
        # denies outright ("not 150 people as first reported" against "150 people on
        # board"); a count of people or buildings before a fire's area or those aboard
        # ("burned 12,000 acres and destroyed 85 homes" against "grew to 18,500 acres
        # and destroyed 140 homes"); any toll before an outbreak's cases ("1,200 cases
        # and 45 deaths" against "1,850 cases, with 61 deaths"). The other counts it
        # disagrees on are named in its reason.
        result, fa, fb = min(
            conflicts,
            key=lambda c: (
                c[1].negated == c[2].negated,
                c[0].topic in SECONDARY,
                c[0].topic in LATER_TOPICS,
            ),
        )
        others = sorted({c[0].reason for c in conflicts if c[0].topic != result.topic})
        if not _disagreement_counts(a, b):
            return None
        same_source = bool(a.sources & b.sources)
        different = bool(a.sources and b.sources and not same_source)
        # "dozens", "hundreds" state no count that could have moved: a disagreement
        # Two studies' estimates are rival answers, not steps of one count.
        rivals = fa.basis == fb.basis == "estimate" and different
        # and "as many as 50 may have died" is someone's estimate against the count
        rivals = rivals or possible_count(fa.quantity, a.hedged)
        rivals = rivals or possible_count(fb.quantity, b.hedged)
        # "at least 90, well above the government's count of 67": set against it
        rivals = rivals or _cites(a, fb) or _cites(b, fa)
        # a denial or a dispute is no step of a count, whatever the dates
        update = not (fa.negated or fb.negated) and (
            (
                not rivals
                and "vague" not in {fa.quantity.get("qualifier"), fb.quantity.get("qualifier")}
                and result.topic in RUNNING
                and a.published is not None
                and b.published is not None
                and a.published != b.published
                and not _fell(a, fa, b, fb, result.topic)
            )
            or _revises(a, fb)
            or _revises(b, fa)
            or (not rivals and result.topic in RUNNING and _rose_that_day(a, fa, b, fb))
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
        if others:
            reason += "; also " + "; ".join(others)
        hedged = a.hedged or b.hedged
        figures = _shown(fa, fb, result.topic)
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
    same_figures = [(r, x, y) for r, x, y in agreements if same_number(x.quantity, y.quantity)]
    if agreements and (a.hedged or b.hedged):
        # A hedge ("may have risen to 1,052") keeps the same figure the same fact; it
        # supports nothing else.
        agreements = same_figures if len(same_figures) == len(agreements) else []
    if agreements:
        result, fa, fb = agreements[0]
        figures = _shown(fa, fb, result.topic)
        same = same_figures
        # The same fact when every figure of one claim is restated by the other: "the
        # Times counted 1,180 deaths" / "deaths exceeded 57, but about 1,180 in all".
        restated_a = {id(x) for _, x, _ in same} >= {id(f) for f in a.figures}
        restated_b = {id(y) for _, _, y in same} >= {id(f) for f in b.figures}
        if same and (len(same) == len(agreements) or restated_a or restated_b):
            result, fa, fb = same[0]
            figures = _shown(fa, fb, result.topic)
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
            f"both give {_a(result.topic)} figure: {result.reason}",
            result.topic,
            False,
            figures,
        )
    return None


def _says_nothing(result: Any, fa: Figure, fb: Figure) -> bool:
    """A comparison that is no finding: a disputed figure against another fact ("not a
    verified number" speaks of that number only), or 218 against 220 dead (one reported
    fact, told to the unit; a denial of it still conflicts)."""
    same_fact = fact_key(fa) == fact_key(fb)
    if fa.disputed or fb.disputed:
        return not same_fact
    return result.conflict and same_fact and not (fa.negated or fb.negated)


def _shown(fa: Figure, fb: Figure, topic: str) -> tuple[str, ...]:
    """The two figures as a suggestion shows them, a denied one as such."""
    return tuple(_denial(f) + describe(f.quantity, topic) for f in (fa, fb))


def _denial(figure: Figure) -> str:
    if figure.disputed:
        return "disputes "
    return "not " if figure.negated else ""


# Counts that speak for a sentence pair only when no toll of people does.
LATER_TOPICS = frozenset({"cases", "rescued"})


def _rose_that_day(a: Profile, fa: Figure, b: Profile, fb: Figure) -> bool:
    """Two reports of one day, one saying the count rose to a higher figure ("killed
    12", then "the toll rose to 15" in the evening's wire copy): the day's update. (Two
    that both say it rose, to 154 and to 158, disagree on the day's count.)"""
    if a.published is None or a.published != b.published or a.moved == b.moved:
        return False
    low_a, high_a = interval(fa.quantity)
    low_b, high_b = interval(fb.quantity)
    return (a.moved and low_a > high_b) or (b.moved and low_b > high_a)


def _fell(a: Profile, fa: Figure, b: Profile, fb: Figure, topic: str) -> bool:
    """Whether the later of two dated reports gives a lower figure of a count that only
    grows, without saying it was revised down: it disagrees with the earlier report, or
    recalls another figure for an earlier moment ("when I left there were 6 to 18
    deaths" against "the toll rose to 34" that day). Either way, no step of the count."""
    if topic not in ACCUMULATING or a.published is None or b.published is None:
        return False
    (_, early, f_early), (_, late, f_late) = sorted(
        [(a.published, a, fa), (b.published, b, fb)], key=lambda x: x[0]
    )
    return interval(f_late.quantity)[1] < interval(f_early.quantity)[0] and not late.lowered


def _revises(profile: Profile, other: Figure) -> bool:
    """Whether the claim says the count it gives used to be the other claim's figure
    ("revised the injured down to 120 from more than 150" against "more than 150
    injured"): a step of the count, whatever the dates say."""
    return any(
        (found := compare(was, other)) is not None and not found.conflict for was in profile.was
    )


def _cites(p: Profile, figure: Figure) -> bool:
    """``p`` sets its figure against ``figure``, which it cites as another's."""
    return any(
        c.topic == figure.topic and same_number(c.quantity, figure.quantity) for c in p.cited
    )


def _disagreement_counts(a: Profile, b: Profile) -> bool:
    """Across articles every disagreement is worth showing, marked; within one article
    a headline figure set against a figure its body attributes is the headline picking
    one source, not the article contradicting itself, and hedges or other sources are
    the article reporting a dispute, not making one."""
    if a.article != b.article:
        return True
    if any(f.disputed for f in a.figures + b.figures):
        return False  # "This is not a verified number" against the sentence giving it
    if a.hedged or b.hedged:
        return False
    if a.sources and b.sources and not (a.sources & b.sources):
        return False
    return not ((a.headline and b.sources) or (b.headline and a.sources))


def _denied(a: Profile, b: Profile) -> Proposal | None:
    """``a`` denies what ``b`` says the denier did."""
    deniers = deniers_of(a)
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


def _a(topic: str) -> str:
    """ "a death toll", "an injured": the topic with its article, as a reason reads it."""
    return f"{'an' if topic[:1] in 'aeiou' else 'a'} {topic}"
