"""Comparing figures with their qualifiers. No database."""

from __future__ import annotations

import pytest

from claims.comparison import compare, fact_key, interval, looseness
from claims.figures import describe, figures_of
from claims.same_claims import same_number

from .figures import figure, verdict


@pytest.mark.parametrize(
    ("first", "second", "conflict"),
    [
        (("The toll stood at about 100 dead.",), ("Around 200 Russians were dead.",), True),
        (("It left over 100 fighters dead.",), ("Around 200 Russians were dead.",), False),
        (("Some put the death toll as high as 200.",), ("The toll was about 100.",), True),
        (("The toll could be as high as 50.",), ("The toll rose to 45.",), False),
        (("Up to 50 people are feared dead.",), ("The toll stood at 31 dead.",), True),
        (("At most 50 people died.",), ("The toll stood at 31 dead.",), False),
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
    (a, _) = figure(nlp, "The death toll was about 100.")
    (b, _) = figure(nlp, "Around 200 people were dead.")
    reason = "about 100 dead versus Around 200 people dead"
    assert compare(a, b).reason == reason


def test_figures_in_the_attribution_are_not_about_the_event(nlp):
    from claims.figures import about_the_event

    (a, claim_a) = figure(nlp, "“More than 200 soldiers died,” two Russians told Bloomberg.", 1)
    assert a.quantity["text"].startswith("two") and not about_the_event(a.quantity, claim_a)


def test_intervals_follow_the_qualifier():
    assert interval({"low": 100, "high": 100, "qualifier": "about"}) == pytest.approx((80, 120))
    assert interval({"low": 100, "high": None, "qualifier": "more_than"})[1] == float("inf")
    assert interval({"low": None, "high": 200, "qualifier": "at_most"}) == (0.0, 200)
    reaching = {"text": "as many as 200", "low": None, "high": 200, "qualifier": "at_most"}
    assert interval(reaching) == pytest.approx((160, 200))
    assert interval({"low": 100, "high": 999, "qualifier": "vague"}) == (100, 999)


@pytest.mark.parametrize(
    ("value", "share"),
    [(100, 0.2), (200, 0.2), (300_000, 50_000 / 300_000), (13_000, 0.05), (850, 0.05)],
)
def test_an_approximate_figure_reaches_half_a_step_of_its_last_digit(value, share):
    assert looseness(value) == pytest.approx(share)


@pytest.mark.parametrize(
    ("first", "second", "conflict"),
    [
        # the edge of "about 300,000" (half its step, 50,000) is not reached
        (
            "Between 200,000 and 250,000 people lost their homes.",
            "About 300,000 were left homeless.",
            True,
        ),
        (
            "Between 250,000 and 280,000 people lost their homes.",
            "About 300,000 were left homeless.",
            False,
        ),
        ("About 13,000 people were evacuated.", "In all, 12,000 people were evacuated.", True),
        ("Some 850 people are missing.", "Officials said 862 people are missing.", False),
    ],
)
def test_an_approximate_figure_is_as_loose_as_its_last_digit(nlp, first, second, conflict):
    assert verdict(nlp, (first,), (second,)) is conflict


def test_a_figure_with_no_unit_takes_the_topic_of_the_words_near_it(nlp):
    sentence = "The official put the death toll at about 100, with 200 to 300 injured."
    assert figure(nlp, sentence)[0].topic == "death toll"
    assert figure(nlp, sentence, 1)[0].topic == "injured"


def test_a_cost_and_an_amount_of_a_substance_are_topics_of_their_own(nlp):
    cost, _ = figure(nlp, "The damage could cost $15 billion, the governor said.")
    mass, _ = figure(nlp, "The blast was caused by 2,750 tonnes of ammonium nitrate.")
    assert (cost.topic, mass.topic) == ("cost", "amount of ammonium nitrate")


def test_a_denied_figure_contradicts_the_figure_it_denies(nlp):
    denied, _ = figure(nlp, "3,000 people did not die in the storm.")
    given, _ = figure(nlp, "The toll was raised from 57 to 3,140 dead.", 1)
    result = compare(denied, given)
    assert result.conflict and "denies" in result.reason


def test_a_count_raised_from_one_figure_to_another_is_two_figures_not_a_range(nlp):
    earlier, claim = figure(nlp, "The governor raised the toll from 57 to 3,140 dead.")
    assert earlier.earlier and not earlier.whole and earlier.quantity["low"] == 57
    assert figures_of(claim)[1].whole and figures_of(claim)[1].quantity["low"] == 3140


@pytest.mark.parametrize(
    "sentence",
    [
        "The study found 1,180 more deaths than usual.",
        "The ministry admits that 812 more people died in the three weeks after the flood "
        "than in the same weeks a year before.",
        "Records show 640 more people died in the region in 2019 compared with 2018.",
    ],
)
def test_more_than_before_a_comparison_is_not_an_increment(nlp, sentence):
    found, _ = figure(nlp, sentence)
    assert found.topic == "death toll" and found.whole


def test_more_with_a_later_than_of_its_own_is_still_an_increment(nlp):
    found, _ = figure(nlp, "Two more bodies were found, bringing the toll to more than 40.")
    assert found.part


def test_a_population_is_not_a_toll_though_a_toll_follows_it(nlp):
    town, claim = figure(nlp, "The town of 12,000 people was destroyed, with at least 53 dead.")
    assert town.topic != "death toll" and figures_of(claim)[1].topic == "death toll"


@pytest.mark.parametrize(
    ("sentence", "whole"),
    [
        ("Rescuers found 12 additional bodies in the river on Friday.", False),
        ("The study counted a total of 930 additional deaths in the province.", True),
        ("Officials reported 41 new deaths in all across the valley.", True),
        ("Medics said 17 more people died overnight.", False),
    ],
)
def test_a_figure_given_as_the_total_is_a_whole_though_it_says_additional(nlp, sentence, whole):
    found, _ = figure(nlp, sentence)
    assert found.topic == "death toll"
    assert found.whole is whole


def test_one_new_victim_is_an_increment_not_a_toll(nlp):
    found, _ = figure(nlp, "Police confirmed the identity of one new victim of the fire.")
    assert not found.whole


@pytest.mark.parametrize(
    "sentence",
    [
        "The director said he had an average of 82 deaths daily before the storm.",
        "Three children between the ages of 2 and 15 died in the fire.",
        "Officials said Maria Delgado, 82, died when the roof of her house fell in.",
        "Ana María Ortiz Colón, 82, died when the roof of her house fell in.",
    ],
)
def test_rates_and_ages_are_not_counts(nlp, sentence):
    doc = nlp(sentence)
    claim = doc._.claims[0]
    wholes = [f.quantity["low"] for f in figures_of(claim) if f.whole]
    assert 82 not in wholes and 2 not in wholes and 15 not in wholes


def test_a_count_after_a_name_is_still_a_count(nlp):
    found, _ = figure(nlp, "Governor Alan Reyes, 82 people are dead, and more are missing.")
    assert found.whole and found.topic == "death toll"


@pytest.mark.parametrize(
    "sentence",
    [
        "Norway said one of its sailors was wounded in the blast.",
        "The ministry said two of their guides were killed on the ridge.",
        "The previous toll was 60 dead after the landslide.",
        "The previous death toll from the landslide in the valley was 60.",
        "Officials had previously put the number of people injured at 400.",
        "Police said the initial list of 900 missing people had been checked.",
        "The fire initially killed about a dozen people in the valley.",
        "Police originally said 45 people were missing after the flood.",
        "According to initial reports, 70 lives were lost in the valley.",
        "Early estimates put the toll at 50 dead after the landslide.",
    ],
)
def test_one_of_a_group_and_an_earlier_count_are_not_the_whole(nlp, sentence):
    found, _ = figure(nlp, sentence)
    assert not found.whole


@pytest.mark.parametrize(
    "sentence",
    [
        "The initial blast killed 100 people near the port.",
        "Early on Tuesday, 100 people were killed near the port.",
        "The first reports from the port came in as 100 people were killed.",
    ],
)
def test_an_initial_event_is_no_earlier_count(nlp, sentence):
    found, _ = figure(nlp, sentence)
    assert found.whole and found.topic == "death toll"


def test_figures_listed_with_an_earlier_count_are_earlier_too(nlp):
    sentence = "The previous toll was 60 dead and more than 400 injured, officials said."
    dead, _ = figure(nlp, sentence)
    injured, _ = figure(nlp, sentence, 1)
    assert dead.earlier and injured.earlier and injured.topic == "injured"
    now, _ = figure(nlp, "The toll was 60 dead and more than 400 injured, officials said.", 1)
    assert now.whole


def test_how_badly_some_were_hurt_is_a_part(nlp):
    whole, _ = figure(nlp, "Rescuers said 21 climbers were injured, three critically.")
    some, _ = figure(nlp, "Rescuers said 21 climbers were injured, three critically.", 1)
    assert whole.whole and whole.topic == "injured" and not some.whole


@pytest.mark.parametrize(
    ("first", "second", "conflict"),
    [
        (("At least 31 people have died in the floods.",), ("At least 47 people died.",), True),
        (("At least 31 people have died in the floods.",), ("At least 31 people died.",), False),
        (("More than 600 homes were destroyed.",), ("More than 900 homes burned.",), True),
    ],
)
def test_two_confirmed_floors_of_a_running_count_that_differ_conflict(nlp, first, second, conflict):
    assert verdict(nlp, first, second) is conflict


def test_names_on_a_list_of_the_missing_count_people(nlp):
    found, _ = figure(nlp, "The list of people unaccounted for now has 212 names on it.")
    assert (found.topic, found.counted) == ("missing", "people")


def test_people_who_lost_their_homes_are_the_displaced(nlp):
    found, _ = figure(nlp, "The mayor said 30,000 people had lost their homes in the storm.")
    assert found.topic == "displaced"
    other, _ = figure(nlp, "About 90,000 people were left homeless, aid groups said.")
    assert compare(found, other).conflict


def test_tons_and_tonnes_are_one_measure(nlp):
    a, _ = figure(nlp, "The fire was fed by 80 tonnes of fertiliser.")
    b, _ = figure(nlp, "Officials blamed 300 tons of fertiliser kept in the warehouse.")
    assert a.counted == b.counted and compare(a, b).conflict


def test_the_verb_a_figure_is_the_object_of_says_what_it_counts(nlp):
    found, _ = figure(
        nlp, "The explosion, which killed 45 and left hundreds injured, shook the port."
    )
    assert found.topic == "death toll"


def test_buildings_destroyed_a_few_words_on_are_homes_lost(nlp):
    found, _ = figure(nlp, "An estimate says 137 homes and other structures have been destroyed.")
    assert found.topic == "homes"


def test_a_figure_that_names_what_it_counts_is_described_as_it_is(nlp):

    found, _ = figure(nlp, "Officials said 137 homes were destroyed.")
    assert describe(found.quantity, found.topic) == "137 homes"


@pytest.mark.parametrize(
    "sentence",
    [
        "The village of 4,000 people was cut off, with at least 9 dead.",
        "They scaled the survey up to the population of the province, which is 2.1 million people.",
    ],
)
def test_how_many_live_somewhere_is_not_a_toll(nlp, sentence):
    found, _ = figure(nlp, sentence)
    assert found.topic == "population"


def test_two_reports_of_one_towns_population_can_disagree(nlp):
    first, _ = figure(nlp, "Oakridge, a mill town of about 9,000 residents, lost its school.")
    second, _ = figure(nlp, "The town of 7,500 people had no warning, officials said.")
    result = compare(first, second)
    assert result is not None and result.conflict


def test_populations_of_two_places_are_not_compared(nlp):
    town, _ = figure(nlp, "The town of 7,500 people had no warning, officials said.")
    island, _ = figure(nlp, "The island of 160,000 people has one hospital.")
    named, _ = figure(nlp, "Doctors in Kerrville, population about 24,000, were overwhelmed.")
    assert (town.counted, island.counted) == ("population:town", "population:island")
    assert named.counted == "population:kerrville"
    assert compare(town, island) is None and compare(town, named) is None


def test_what_a_mass_is_of_ends_before_the_words_that_follow_it(nlp):
    kept, _ = figure(nlp, "Officials blamed 300 tons of fertiliser kept in the warehouse.")
    compound, _ = figure(nlp, "The blast was caused by 80 tonnes of ammonium nitrate.")
    assert (kept.topic, compound.topic) == ("amount of fertiliser", "amount of ammonium nitrate")


def test_figures_that_round_to_one_value_are_one_reported_fact(nlp):
    def key(sentence: str) -> str:
        return fact_key(figure(nlp, sentence)[0])

    study = {
        key("A study found that 3,870 people died in the floods."),
        key("More than 3,860 people died in the floods, a study found."),
        key("Some 3,900 people died in the floods, a study found."),
    }
    assert len(study) == 1
    assert key("About 100 people died in the floods.") != key("Around 200 people died.")
    assert key("Officials said 41 people died.") != key("Officials said 43 people died.")
    assert key("Officials said 41 people died.") != key("Officials said 41 people were hurt.")


def test_a_multiple_counts_nothing(nlp):
    sentence = "That is nine times the official death toll, which stands at 55."
    multiple, _ = figure(nlp, sentence)
    toll, _ = figure(nlp, sentence, 1)
    assert multiple.quantity["low"] == 9 and not multiple.whole
    assert toll.quantity["low"] == 55 and toll.whole and toll.topic == "death toll"


def test_a_strict_bound_excludes_the_precise_count_it_names(nlp):
    """ "Deaths exceeded 37" says the count of 37 is too low; "more than 200" and "200"
    are one rounded fact."""
    beyond, _ = figure(nlp, "Actual deaths exceeded 37, the newspaper found.")
    count, _ = figure(nlp, "The official death toll stands at 37.")
    assert compare(beyond, count).conflict
    assert not same_number(beyond.quantity, count.quantity)
    floor, _ = figure(nlp, "More than 200 people died in the blast.")
    round_count, _ = figure(nlp, "The blast killed 200 people.")
    assert not compare(floor, round_count).conflict
    assert same_number(floor.quantity, round_count.quantity)
