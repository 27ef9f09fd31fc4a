"""What a figure rests on: an official count, an estimate, a study, a survey's own
sample. Figures of different bases are not set against each other. No database."""

from __future__ import annotations

import pytest

from claims.comparison import compare
from claims.figures import figures_of

from .figures import figure


def test_an_official_count_is_not_set_against_an_estimate(nlp):
    official, _ = figure(nlp, "The official death toll stood at 64.")
    estimate, _ = figure(nlp, "Researchers estimated 3,870 excess deaths.")
    other, _ = figure(nlp, "The official death toll rose to 80.")
    assert compare(official, estimate) is None
    assert compare(official, other).conflict
    above_usual, _ = figure(nlp, "Records show 930 more people than usual died that autumn.")
    assert above_usual.basis == "estimate" and compare(official, above_usual) is None


def test_suspected_cases_are_not_set_against_confirmed_ones(nlp):
    suspected, _ = figure(nlp, "Health officials have recorded 1,200 suspected cases of cholera.")
    confirmed, _ = figure(nlp, "Officials said 300 cases of cholera had been confirmed.")
    other, _ = figure(nlp, "The ministry said 900 suspected cases had been reported.")
    assert compare(suspected, confirmed) is None
    assert compare(suspected, other).conflict


def test_the_basis_nearest_the_figure_is_its_basis(nlp):
    official, _ = figure(nlp, "A new study says the official toll of 64 was far too low.")
    estimate, _ = figure(nlp, "Officials now cite a study that estimated 1,400 deaths.")
    assert (official.basis, estimate.basis) == ("official", "estimate")


@pytest.mark.parametrize(
    "sentence",
    [
        "The county's official death toll has been stuck at 41 since the spring.",
        "Critics say the official toll of 41 was greatly underestimated.",
        "The deaths were far more than official estimates of 41, a survey found.",
        "The governor raised the official death toll from 41 to 1,200 on Tuesday.",
    ],
)
def test_the_value_of_an_official_count_is_official_whatever_follows(nlp, sentence):
    found = [f for f in figures_of(figure(nlp, sentence)[1]) if f.whole]
    assert found and found[-1].basis == "official"


def test_a_study_beside_an_official_count_is_still_an_estimate(nlp):
    study, _ = figure(nlp, "Researchers estimated 1,200 deaths, far above the official count.")
    assert study.basis == "estimate"


def test_a_survey_s_own_counts_are_set_only_against_other_samples(nlp):
    drawn = (
        "In effect, the team took 12 deaths found in a survey of 2,000 households and "
        "extrapolated that to 3,100 deaths across the region."
    )
    found, _ = figure(nlp, drawn)
    whole, _ = figure(nlp, drawn, 2)
    assert found.quantity["text"].startswith("12") and found.counted.startswith("sample:")
    assert whole.quantity["text"].startswith("3,100") and not whole.counted.startswith("sample:")
    selected = "Of the 2,000 households selected for the survey, 27 reported deaths."
    other, _ = figure(nlp, selected, 1)
    assert other.quantity["low"] == 27 and other.counted.startswith("sample:")
    assert compare(found, other).conflict, "two samples' counts disagree"
    toll, _ = figure(nlp, "The official death toll is 27.")
    assert compare(other, toll) is None, "deaths in a sample are not the toll"
    larger, _ = figure(nlp, "A survey of 2,000 households found that 3,100 people died.", 1)
    assert larger.topic == "death toll" and not larger.counted.startswith("sample:")


def test_a_figure_a_study_is_cited_for_is_an_estimate(nlp):
    found, claim = figure(nlp, "About 900 people died in the floods, according to a new study.")
    assert claim.speaker and found.basis == "estimate"
    said, _ = figure(nlp, "About 900 people died in the floods, the mayor said.")
    assert said.basis is None
