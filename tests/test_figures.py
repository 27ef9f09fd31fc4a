"""Comparing figures with their qualifiers. No database."""

from __future__ import annotations

import pytest
from django.conf import settings

from claims.figures import compare, interval, topic_of
from claims.nlp.claims import ExtractedClaim
from claims.nlp.pipeline import load_pipeline


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline(settings.NEWSDESK_SPACY_MODEL)


def figure(nlp, sentence: str, which: int = 0):
    doc = nlp(sentence)
    claim = doc._.claims[0] if doc._.claims else ExtractedClaim(0, len(sentence), sentence)
    return doc._.quantities[which].as_dict(), claim


def verdict(nlp, first, second):
    (a, claim_a), (b, claim_b) = figure(nlp, *first), figure(nlp, *second)
    result = compare(a, claim_a, b, claim_b)
    return result and result.conflict


@pytest.mark.parametrize(
    ("first", "second", "conflict"),
    [
        (("The toll stood at about 100 dead.",), ("Around 200 Russians were dead.",), True),
        (("It left over 100 fighters dead.",), ("Around 200 Russians were dead.",), False),
        (("Some put the death toll as high as 200.",), ("The toll was about 100.",), False),
        (("There were 200 to 300 injured.",), ("Hundreds wounded were taken away.",), False),
        (("It Leaves 100 Dead.",), ("When it settled around 200 Russians were dead.",), True),
        (("More than 200 soldiers died.",), ("Around 100 soldiers were killed.",), True),
        (("About 100 people died.",), ("About 110 people were killed.",), False),
    ],
)
def test_figures_conflict_only_when_their_intervals_do_not_meet(nlp, first, second, conflict):
    assert verdict(nlp, first, second) is conflict


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (("Prices rose 5% and 12 people died.",), ("It cost $5 million as 12 people died.",)),
        (("The road is eight kilometers long.",), ("Twelve people died on the road.",)),
        (("There were 200 injured.",), ("About 100 people died.",)),
    ],
)
def test_figures_of_different_kinds_are_not_compared(nlp, first, second):
    assert verdict(nlp, first, second) is None


def test_the_reason_names_both_figures(nlp):
    (a, claim_a) = figure(nlp, "The death toll was about 100.")
    (b, claim_b) = figure(nlp, "Around 200 people were dead.")
    reason = "about 100 dead versus Around 200 people dead"
    assert compare(a, claim_a, b, claim_b).reason == reason


def test_figures_in_the_attribution_are_not_about_the_event(nlp):
    (a, claim_a) = figure(nlp, "“More than 200 soldiers died,” two Russians told Bloomberg.", 1)
    (b, claim_b) = figure(nlp, "Around 100 soldiers were killed in the attack on Monday.")
    assert a["text"].startswith("two") and compare(a, claim_a, b, claim_b) is None


def test_intervals_follow_the_qualifier():
    assert interval({"low": 100, "high": 100, "qualifier": "about"}) == (80, 120)
    assert interval({"low": 100, "high": None, "qualifier": "more_than"})[1] == float("inf")
    assert interval({"low": None, "high": 200, "qualifier": "at_most"}) == (0.0, 200)
    assert interval({"low": 100, "high": 999, "qualifier": "vague"}) == (100, 999)


def test_a_figure_with_no_unit_takes_the_topic_of_the_words_near_it(nlp):
    sentence = "The official put the death toll at about 100, with 200 to 300 injured."
    q, claim = figure(nlp, sentence)
    assert topic_of(q, claim.text, claim.start) == "death toll"
    q, claim = figure(nlp, sentence, 1)
    assert topic_of(q, claim.text, claim.start) == "injured"
