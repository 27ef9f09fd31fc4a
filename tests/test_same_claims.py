"""Judging pairs of claims as the same fact: wire copies, quotations, the same figure in
other words, roundings, superlatives. No database."""

from __future__ import annotations

import pytest

from .judging import verdict

BAD = "contradicts"


def test_near_identical_sentences_are_the_same_whatever_the_spelling(nlp):
    found = verdict(
        nlp,
        "More than 200 soldiers fighting for Bashar Assad died in a failed attack, "
        "two Russians said.",
        "More than 200 soldiers fighting for Bashar al-Assad died in a failed attack, "
        "two of the Russians said.",
    )
    assert found.relation == "same"
    assert "different spelling of" in found.reason


def test_a_quotation_inside_a_longer_claim_is_the_same(nlp):
    quote = "“This is a big scandal and a reason for a crisis,” said Ivan Petrov, an analyst."
    found = verdict(nlp, quote, "As the paper noted: " + quote)
    assert found.relation == "same"


def test_the_same_figure_in_other_words_is_the_same_claim(nlp):
    found = verdict(
        nlp,
        "A crew of about 40 firefighters held back some 500 acres of flames, officials said.",
        "Roughly 40 firefighters contained around 500 acres, officials said.",
    )
    assert found.relation == "same" and "40" in found.reason
    same = verdict(
        nlp,
        "Officials said 114 people were killed in the wildfire.",
        "The wildfire death toll has risen to at least 114, officials said.",
    )
    assert same.relation == "same" and "114" in same.reason


def test_a_number_given_from_its_two_sides_is_not_the_same_figure(nlp):
    found = verdict(
        nlp,
        "The floods left nearly 9,000 people homeless in the province.",
        "The floods left over 9,000 people homeless in the province.",
    )
    assert found is None or found.relation != "same"
    same = verdict(
        nlp,
        "The floods left nearly 9,000 people homeless in the province.",
        "The floods left some 9,000 people homeless in the province.",
    )
    assert same.relation == "same"


@pytest.mark.parametrize(
    ("first", "second", "relation"),
    [
        (
            "Researchers estimated that the cyclone caused 3,870 deaths on the coast.",
            "The new estimate of nearly 3,900 dead on the coast was made by researchers.",
            "same",
        ),
        (
            "Researchers estimated that the cyclone caused 3,870 deaths on the coast.",
            "The new estimate of nearly 3,000 dead on the coast was made by researchers.",
            "contradicts",
        ),
        (
            "Officials said 64 people were killed by the cyclone on the coast.",
            "Officials said about 100 people were killed by the cyclone on the coast.",
            "contradicts",
        ),
        (
            "Inspectors counted 4,380 homes destroyed by the storm, the agency said.",
            "The storm flattened more than 4,300 homes on the coast, according to the governor.",
            "same",
        ),
        (
            "Inspectors counted 4,380 homes destroyed by the storm, the agency said.",
            "The storm flattened more than 4,000 homes on the coast, according to the governor.",
            "supports",
        ),
    ],
)
def test_a_rounded_figure_is_the_same_as_the_figure_it_rounds(nlp, first, second, relation):
    assert verdict(nlp, first, second).relation == relation


def test_a_hedge_keeps_the_same_figure_the_same_fact_and_supports_nothing_else(nlp):
    same = verdict(
        nlp,
        "A study found that 730 more people than usual died in the province after the flood.",
        "The study showed that flood deaths in the province may have risen to 730.",
    )
    assert same.relation == "same" and "730" in same.reason
    other = verdict(
        nlp,
        "Officials said 12 people died in the flood in the province.",
        "As many as 20 people may have died in the flood in the province.",
    )
    assert other is None or other.relation != "supports"


def test_claims_whose_figures_disagree_are_never_the_same(nlp):
    found = verdict(
        nlp,
        "Officials said 114 people were killed in the wildfire on Maui.",
        "Officials said 93 people were killed in the wildfire on Maui.",
    )
    assert found.relation == "contradicts"


def test_the_same_number_for_different_happenings_is_not_the_same_claim(nlp):
    found = verdict(
        nlp,
        "Officials said 12 people were killed in the flood.",
        "Officials said 12 people were injured in the flood.",
    )
    assert found is None or found.relation != "same"


def test_a_claim_whose_every_figure_the_other_restates_is_the_same(nlp):
    found = verdict(
        nlp,
        "The Gazette counted 730 deaths through October.",
        "Officials said deaths exceeded 41, but the Gazette put its estimate at about 730.",
    )
    assert found is not None and found.relation == "same"


def test_sharing_only_the_events_names_and_what_happened_is_not_the_same_account(nlp):
    found = verdict(
        nlp,
        "Deaths in Port Halden rose after the storm, the Halden Health Authority said, "
        "as hospitals ran short of fuel.",
        "The Halden Health Authority said deaths in Port Halden were counted again after "
        "relatives complained.",
    )
    assert found is None or found.relation != "same"


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        (
            "Rescuers say the toll from what is already the deadliest U.S. flood in more "
            "than a century could still rise.",
            "The victims of the deadliest US flood in more than a century were mostly elderly.",
            True,
        ),
        (
            "The river saw the worst flooding since 1927, the county said.",
            "Farmers described the worst flooding since 1927 along the valley.",
            True,
        ),
        (
            "The river saw the worst flooding since 1927, the county said.",
            "Farmers described the worst flooding in a decade along the valley.",
            False,
        ),
        (
            "It was the largest explosion on record in the port, engineers said.",
            "Governor Ana Ruiz ordered the largest evacuation on record in the province on Monday.",
            False,
        ),
    ],
)
def test_the_same_superlative_in_the_same_scope_is_the_same_claim(nlp, first, second, same):
    found = verdict(nlp, first, second)
    assert (found is not None and found.relation == "same") is same
    if same:
        assert "both call it the" in found.reason
