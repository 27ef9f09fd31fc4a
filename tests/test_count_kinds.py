"""Which of several counts sharing their words a figure gives (``claims.count_kinds``):
a day's share and the total it brings the toll to, a forecast, a toll that counts its
perpetrators. Through the real pipeline, with invented sentences."""

from __future__ import annotations

from claims.figures import describe, figures_of

from .figures import figure, verdict


def test_the_total_a_day_s_deaths_bring_the_toll_to_is_a_whole(nlp):
    sentence = (
        "The ministry said 50 people were killed in the past day, bringing the toll to 1,250."
    )
    _, claim = figure(nlp, sentence)
    assert [(f.quantity["low"], f.whole) for f in figures_of(claim)] == [(50, False), (1250, True)]


def test_what_a_count_may_have_reached_is_no_forecast(nlp):
    found, _ = figure(nlp, "Data showed that deaths may have risen to 1,052.")
    assert found.whole and not found.forecast
    expected, _ = figure(nlp, "The toll is expected to rise to 200.")
    assert expected.forecast and not expected.whole


def test_a_toll_that_counts_the_gunman_is_one_more_than_his_victims(nlp):
    with_him, _ = figure(nlp, "Seven people, including the gunman, died in the shooting.")
    assert (with_him.quantity["low"], with_him.quantity["high"]) == (6, 6)
    assert (
        describe(with_him.quantity, with_him.topic) == "Seven people dead (the gunman among them)"
    )
    assert (
        verdict(
            nlp, ("Police said six people were killed.",), ("Seven died, including the gunman.",)
        )
        is False
    )
    later, _ = figure(nlp, "Nine people died in the shooting, including the gunman.")
    assert later.quantity["low"] == 8
    # "not counting the gunman" is the victims alone
    alone, _ = figure(nlp, "The toll rose to seven, not counting the gunman.")
    assert alone.quantity["low"] == 7
