"""Pruning a story's suggested conflicts to those an analyst can act on: steps of a
running count's timeline, near figures, an article's history of a count, a wider pair.
Invented claims and rows, no spaCy."""

from __future__ import annotations

import itertools
import re

from claims.models import Story, Suggestion
from claims.services.matching import prune_conflicts
from tests.factories import make_matcher_conflict, make_toll_conflicts


def test_a_running_count_is_set_against_its_near_figures_only(db):
    story = Story.objects.create(name="Flood")
    make_toll_conflicts(story, (12, 20, 31, 44), dated=False)
    prune_conflicts(story.pk)
    left = _left()
    assert (12, 44) not in left  # two figures between them
    assert {(12, 20), (20, 31), (31, 44), (12, 31)} <= left


def test_figures_first_reported_later_do_not_stand_between_a_day_s_disagreement(db):
    story = Story.objects.create(name="Strike")
    # 12 against 27 on the 1st; 19 and 21 first reported on the 3rd
    make_toll_conflicts(story, (12, 27, 19, 21), days=(1, 1, 3, 3))
    prune_conflicts(story.pk)
    assert (12, 27) in _left()


def _left():
    return {tuple(sorted(map(int, r.key.split("-")[1:]))) for r in Suggestion.objects.all()}


def test_an_update_is_the_step_from_the_figure_reported_just_before(db):
    story = Story.objects.create(name="Flood")
    make_toll_conflicts(story, (12, 30, 25, 41))  # reported on 1, 2, 3 and 4 March
    prune_conflicts(story.pk)
    assert _left() == {(12, 30), (25, 30), (25, 41)}, "each figure against the one before it"


def test_a_lower_toll_in_the_next_report_is_kept_however_far_in_value(db):
    """220 dead on the 1st (with 200 and 190 that day), 171 on the 2nd: the toll only
    grows, so the next report's lower figure disagrees with what was said just before."""
    story = Story.objects.create(name="Blast")
    make_toll_conflicts(story, (220, 200, 190, 171), days=(1, 1, 1, 2))
    prune_conflicts(story.pk)
    assert (171, 220) in _left()


def test_a_stale_lower_toll_is_set_against_the_nearest_figure_only(db):
    """34 dead on the 1st, 40 and 60 later, then 12 on the 9th: the 12 is set against
    the report just before it (60) and the figure nearest it in value (34), not
    against every figure above it."""
    story = Story.objects.create(name="Storm")
    make_toll_conflicts(story, (34, 40, 60, 12), days=(1, 2, 3, 9))
    prune_conflicts(story.pk)
    left = _left()
    assert {(12, 34), (12, 60)} <= left and (12, 40) not in left


def test_figures_within_a_stated_range_do_not_stand_between_it_and_another(db):
    """ "From 6 to 18 deaths" against 34: a 15 and a 16 reported in between in value
    lie within the range, not between it and 34."""
    from .factories import make_article, make_claim

    story = Story.objects.create(name="Storm")
    make_toll_conflicts(story, (34, 15, 16), dated=False)
    fragment = "Officials said 6 to 18 people died."
    article = make_article(body=fragment, story=story)
    start = article.text.index("6 to 18")
    quantity = {"text": "6 to 18 people", "start": start, "end": start + 14, "unit": "people"}
    quantity.update(low=6, high=18, qualifier="range")
    ranged = make_claim(article, fragment, quantities=[quantity])
    thirty_four = Suggestion.objects.get(key="toll-34-15").claim_a
    make_matcher_conflict(ranged, thirty_four, key="toll-12-34", topic="death toll")
    prune_conflicts(story.pk)
    assert (12, 34) in _left()


def test_an_article_telling_a_count_s_history_does_not_contradict_itself(db):
    history = Story.objects.create(name="Storm")
    make_toll_conflicts(history, (16, 34, 64), one_article=True)
    stray = Story.objects.create(name="Battle")
    make_toll_conflicts(stray, (100, 200), one_article=True)
    prune_conflicts(history.pk)
    prune_conflicts(stray.pk)
    assert _left() == {(100, 200)}, "one stray figure is a conflict; three are a history"


def _cost_rows(story, one_side, other_side):
    """Claims of damage ("The mayor said $25 million of damage was done."), each figure
    (text: (low, high, denied)) in an article of its own, and an open matcher row for
    each figure of one side against each of the other; the rows' keys name the figures."""
    from claims.figures import describe

    from .factories import make_article, make_claim

    claims = {}
    for said, (low, high, denied) in {**one_side, **other_side}.items():
        verb = "was not done" if denied else "was done"
        fragment = f"The mayor said {said} of damage {verb}."
        article = make_article(body=fragment, story=story)
        start = article.text.index(said)
        quantity = {"text": said, "start": start, "end": start + len(said), "unit": "USD"}
        quantity.update(low=low, high=high, qualifier="range" if low != high else "exact")
        claims[said] = make_claim(article, fragment, quantities=[quantity])
    for x in one_side:
        for y in other_side:
            a, b = claims[x], claims[y]
            make_matcher_conflict(
                a,
                b,
                key=f"{story.pk}|{x}|{y}",
                topic="cost",
                figures=[describe(q, "cost") for q in (a.quantities[0], b.quantities[0])],
            )


def test_a_disagreement_within_a_wider_one_is_left_to_it(db):
    """ "$25 million" against "$8 million" says nothing that "$20-25 million" against
    "$6-8 million" does not; a figure outside the ranges stays, and so does a denial."""
    governor = {"$20-25 million": (20e6, 25e6, False), "$25 million": (25e6, 25e6, False)}
    stories = [Story.objects.create(name=f"Quake {n}") for n in range(3)]
    _cost_rows(
        stories[0], governor, {"$6-8 million": (6e6, 8e6, False), "$8 million": (8e6, 8e6, False)}
    )
    _cost_rows(
        stories[1], governor, {"$6-8 million": (6e6, 8e6, False), "$9 million": (9e6, 9e6, False)}
    )
    _cost_rows(
        stories[2], governor, {"$6-8 million": (6e6, 8e6, False), "$8 million": (8e6, 8e6, True)}
    )
    for story in stories:
        prune_conflicts(story.pk)
    left = {tuple(r.key.split("|")) for r in Suggestion.objects.all()}
    within, outside, denied = ({k[1:] for k in left if k[0] == str(s.pk)} for s in stories)
    assert within == {("$20-25 million", "$6-8 million")}, "the wider pair says it all"
    assert outside == within | {("$20-25 million", "$9 million")}, "$9 million is outside $6-8"
    assert ("$25 million", "$8 million") in denied, "a denial is a disagreement of its own"


def _toll_rows(
    story, said: dict[str, tuple[float, float]], *, dated: bool = False, rivals: bool = False
):
    """A claim per sentence of ``said`` ("before | the figure's words | after"), each in
    an article of its own (undated, or a day after the last), with the figure's values,
    and an open matcher row for every pair (an update when dated, from two named sources
    when ``rivals``); a row's key names its story and its two figures."""
    import datetime as dt

    from claims.figures import describe

    from .factories import make_article, make_claim

    claims = {}
    for day, (sentence, (low, high)) in enumerate(said.items(), start=1):
        words = sentence.split(" | ")[1]
        sentence = sentence.replace(" | ", " ") + "."
        published = dt.date(2031, 3, day) if dated else None
        article = make_article(body=sentence, story=story, published=published)
        start = article.text.index(words)
        quantity = {"text": words, "start": start, "end": start + len(words), "unit": "people"}
        quantity.update(low=low, high=high, qualifier="range" if low != high else "exact")
        quantities = [quantity]
        for number in re.finditer(r"\d[\d,]*", sentence):  # other figures it names
            at = article.text.index(sentence) + number.start()
            if not quantity["start"] <= at < quantity["end"]:
                value = float(number.group().replace(",", ""))
                quantities.append(
                    {"text": number.group(), "start": at, "end": at + len(number.group())}
                )
                quantities[-1].update(low=value, high=value, qualifier="exact", unit=None)
        claims[words] = make_claim(article, sentence, quantities=quantities)
    for x, y in itertools.combinations(claims, 2):
        a, b = claims[x], claims[y]
        figures = [describe(c.quantities[0], "death toll") for c in (a, b)]
        key = f"{story.pk}|{x}|{y}"
        make_matcher_conflict(
            a,
            b,
            key=key,
            topic="death toll",
            figures=figures,
            update=dated,
            different_sources=rivals,
        )


def test_two_official_counts_are_near_when_only_estimates_lie_between(db):
    """The official toll of 64 against an official toll of 2,975: two studies'
    estimates between them do not make the two official figures far apart; two other
    official counts between them do."""
    official = {"The official toll was | 64 people": (64, 64)}
    official["The official toll was raised to | 2,975 people"] = (2975, 2975)
    studies = {"A study estimated that | 1,052 people | died": (1052, 1052)}
    studies["Researchers estimated that | 1,427 people | died"] = (1427, 1427)
    counts = {"The official death toll stood at | 700 people": (700, 700)}
    counts["The official death toll stood at | 900 people"] = (900, 900)
    alone, crowded = (Story.objects.create(name=f"Storm {n}") for n in range(2))
    _toll_rows(alone, {**official, **studies})
    _toll_rows(crowded, {**official, **counts})
    prune_conflicts(alone.pk)
    prune_conflicts(crowded.pk)
    pairs = {r.key for r in Suggestion.objects.all()}
    assert f"{alone.pk}|64 people|2,975 people" in pairs
    assert f"{crowded.pk}|64 people|2,975 people" not in pairs


def test_an_official_count_within_a_study_s_range_is_not_covered_by_it(db):
    """A study's range ("between 800 and 8,500") against the official 64 does not say
    what the official 2,975 against 64 says, though 2,975 lies within the range; a
    range of the same basis does."""
    old = {"The official toll was | 64 people": (64, 64)}
    new = {"The official toll was raised to | 2,975 people": (2975, 2975)}
    study = {"A survey estimated that | between 800 and 8,500 people | died": (800, 8500)}
    count = {"The official death toll was | between 800 and 8,500 people": (800, 8500)}
    apart, covered = (Story.objects.create(name=f"Storm {n}") for n in range(2))
    _toll_rows(apart, {**old, **new, **study})
    _toll_rows(covered, {**old, **new, **count})
    prune_conflicts(apart.pk)
    prune_conflicts(covered.pk)
    pairs = {r.key for r in Suggestion.objects.all()}
    assert f"{apart.pk}|64 people|2,975 people" in pairs
    assert f"{covered.pk}|64 people|2,975 people" not in pairs


def test_a_later_report_that_names_the_figure_it_updates_keeps_that_step(db):
    """1,000 dead, then 800, then "388, down from 1,000 last week": the third report
    sets its figure against the first itself, so that step stays beside 800/388; a
    report that does not name 1,000 gives the timeline's steps only."""
    first = {"Officials said | 1,000 people | died": (1000, 1000)}
    second = {"Officials said | 800 people | died": (800, 800)}
    naming = {"The toll now stands at | 388 people | , down from 1,000 last week": (388, 388)}
    silent = {"The toll now stands at | 388 people | , officials said": (388, 388)}
    named, plain = (Story.objects.create(name=f"Flood {n}") for n in range(2))
    _toll_rows(named, {**first, **second, **naming}, dated=True)
    _toll_rows(plain, {**first, **second, **silent}, dated=True)
    prune_conflicts(named.pk)
    prune_conflicts(plain.pk)
    pairs = {r.key for r in Suggestion.objects.all()}
    assert f"{named.pk}|1,000 people|388 people" in pairs
    assert f"{named.pk}|800 people|388 people" in pairs
    assert f"{plain.pk}|1,000 people|388 people" not in pairs
    assert f"{plain.pk}|800 people|388 people" in pairs


def test_restatements_of_either_figure_do_not_stand_between_them(db):
    """2,975 against 4,645: "nearly 3,000" and "more than 4,600" restate the two ends
    and leave them near; 3,400 and 4,000 are other figures between them."""
    ends = {"A study estimated that | 2,975 people | died": (2975, 2975)}
    ends["Researchers estimated that | 4,645 people | died"] = (4645, 4645)
    restated = {"Another study estimated that | 3,000 people | died": (3000, 3000)}
    restated["A survey estimated that | 4,600 people | died"] = (4600, 4600)
    others = {"Another study estimated that | 3,400 people | died": (3400, 3400)}
    others["A survey estimated that | 4,000 people | died"] = (4000, 4000)
    near, far = (Story.objects.create(name=f"Storm {n}") for n in range(2))
    _toll_rows(near, {**ends, **restated})
    _toll_rows(far, {**ends, **others})
    prune_conflicts(near.pk)
    prune_conflicts(far.pk)
    pairs = {r.key for r in Suggestion.objects.all()}
    assert f"{near.pk}|2,975 people|4,645 people" in pairs
    assert f"{far.pk}|2,975 people|4,645 people" not in pairs


def test_two_studies_from_two_named_sources_are_set_against_each_other(db):
    """Rival studies' estimates (1,052 by a newspaper, 4,645 by a university) are each
    an answer of their own: other estimates between them do not make them far apart,
    as they do for estimates not attributed to two sources."""
    ends = {"A study estimated that | 1,052 people | died": (1052, 1052)}
    ends["Researchers estimated that | 4,645 people | died"] = (4645, 4645)
    between = {"Another study estimated that | 1,427 people | died": (1427, 1427)}
    between["A survey estimated that | 2,975 people | died"] = (2975, 2975)
    rival, plain = (Story.objects.create(name=f"Storm {n}") for n in range(2))
    _toll_rows(rival, {**ends, **between}, rivals=True)
    _toll_rows(plain, {**ends, **between})
    prune_conflicts(rival.pk)
    prune_conflicts(plain.pk)
    pairs = {r.key for r in Suggestion.objects.all()}
    assert f"{rival.pk}|1,052 people|4,645 people" in pairs
    assert f"{plain.pk}|1,052 people|4,645 people" not in pairs
