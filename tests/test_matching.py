"""Judging pairs of claims: contradicts and supports with their marks and reasons,
denials, match keys. No database."""

from __future__ import annotations

import pytest

from claims.judging import judge
from claims.profiles import match_keys, profile
from claims.wording import families, source_keys

from .judging import claim, verdict

BAD = "contradicts"


@pytest.mark.parametrize(
    ("first", "second", "relation"),
    [
        (
            "The death toll was about 100, officials said.",
            "Around 200 people were dead.",
            "contradicts",
        ),
        ("About 100 people died, police said.", "Around 200 people were dead.", "contradicts"),
        # "over 100" is compatible with 200: weak support, never a conflict
        ("Over 100 people were killed.", "Around 200 people were dead.", "supports"),
        # "as many as 200" says the toll may reach 200: about 100 disagrees, 190 does not;
        # "no more than 200" only caps it
        (
            "As many as 200 people were killed.",
            "About 100 people died, police said.",
            "contradicts",
        ),
        ("As many as 200 people were killed.", "Police said 190 people died.", "supports"),
        ("No more than 200 people were killed.", "About 100 people died, police said.", "supports"),
        (
            "Police said 200 to 300 people were injured.",
            "Hundreds of people were wounded.",
            "supports",
        ),
    ],
)
def test_figures_are_compared_with_their_qualifiers(nlp, first, second, relation):
    found = verdict(nlp, first, second)
    assert (found.relation if found else None) == relation


def test_a_conflict_names_both_figures_and_the_same_source(nlp):
    found = verdict(
        nlp,
        "About 100 soldiers were killed, Reuters reported.",
        "More than 200 soldiers died, Reuters reported.",
    )
    assert found.relation == "contradicts"
    assert found.same_source
    assert "versus" in found.reason and "Reuters" in found.reason
    assert found.figures == ("About 100 soldiers dead", "More than 200 soldiers dead")


def test_figures_from_two_different_named_sources_contradict_marked_as_such(nlp):
    found = verdict(
        nlp,
        "About 100 soldiers were killed, Reuters reported.",
        "More than 200 soldiers died, the ministry said.",
    )
    assert found.relation == "contradicts"
    assert found.different_sources and not found.same_source and not found.hedged
    assert "Reuters" in found.reason and "ministry" in found.reason


def test_hedged_figures_contradict_marked_hedged(nlp):
    found = verdict(nlp, "About 100 people may have died.", "Around 300 people were dead.")
    assert found.relation == "contradicts" and found.hedged
    plain = verdict(nlp, "About 100 people died, police said.", "Around 300 people were dead.")
    assert found.score < plain.score


def test_within_one_article_hedges_and_other_sources_are_not_conflicts(nlp):
    hedged = verdict(nlp, "About 100 people may have died.", "Around 300 people were dead.", True)
    sources = verdict(
        nlp,
        "About 100 soldiers were killed, Reuters reported.",
        "More than 200 soldiers died, the ministry said.",
        True,
    )
    assert hedged is None and sources is None


def test_within_one_article_only_conflicts_are_proposed(nlp):
    first = "About 100 people died, police said."
    conflict = verdict(nlp, first, "Around 300 people were dead.", True)
    assert conflict.relation == "contradicts"
    assert verdict(nlp, first, "Around 100 people were dead.", True) is None


def test_an_article_telling_a_count_s_rise_does_not_contradict_itself(nlp):
    first = "Police named the six people killed in the shooting on Saturday."
    rise = "A seventh victim died on Monday, bringing the death toll to seven."
    assert verdict(nlp, first, rise, True) is None
    # in two articles, the two figures are still an update or a disagreement
    assert verdict(nlp, first, rise).relation == "contradicts"


def test_a_denial_contradicts_a_claim_that_the_denier_did_it(nlp):
    found = verdict(
        nlp,
        "Russia’s military said it had nothing to do with the attack.",
        "The Russians attacked the compound at night.",
    )
    assert found.relation == "contradicts"
    assert "denies" in found.reason


def test_two_reports_of_one_denial_are_the_same(nlp):
    found = verdict(
        nlp,
        "Russia’s military said it had nothing to do with the attack.",
        "Russia has denied its troops were involved in the attack, its ministry said.",
    )
    assert found.relation == "same"


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Prices rose by 5 percent, the bank said.", "Prices rose by 9 percent, officials said."),
        ("The ministry paid $5 million.", "The ministry paid $9 million."),
        ("Two people were hurt, police said.", "The weather was cold in Paris, Le Monde said."),
        ("Scores of people fled the town.", "Thousands of people fled the town."),
        ("The bridge is 40 meters long.", "The river rose 2–3 meters overnight."),
    ],
)
def test_claims_without_comparable_figures_never_crash(nlp, first, second):
    verdict(nlp, first, second)  # no exception: at most no numeric comparison
    assert match_keys(claim(nlp, first)) == sorted(set(match_keys(claim(nlp, first))))


def test_claims_without_quantities_or_entities_get_no_figure_keys(nlp):
    keys = match_keys(claim(nlp, "The weather was cold and it rained all day, he said."))
    assert not [k for k in keys if k.startswith(("n:", "t:", "e:"))]


def test_match_keys_carry_names_across_spellings_families_and_figures(nlp):
    a = match_keys(claim(nlp, "Bashar al-Assad said 100 people were killed in Deir ez-Zor."))
    b = match_keys(claim(nlp, "Bashir Assad said 100 people died in Deir Ezzor."))
    shared = set(a) & set(b)
    assert "f:death" in shared and "n:100" in shared and "t:death toll" in shared
    assert any(k.startswith("e:") for k in shared)


def test_predicate_families_and_sources():
    assert families("They were killed") == {"death"}
    assert "denial" in families("Moscow said it had nothing to do with it")
    assert source_keys("two Russians (via Bloomberg)") == source_keys(
        "Bloomberg (via two of the Russians)"
    )
    # a person named again by surname, with or without a title, is one source
    assert source_keys("Mayor Ilse Brandt") & source_keys("Mayor Brandt")
    assert source_keys("Ilse Brandt") & source_keys("Brandt")
    assert source_keys("the city's fire department") == source_keys("the fire department")
    # who speaks for a source, and the order of its name's words, leave it one source
    assert source_keys("the health ministry") & source_keys("A health ministry official")
    assert source_keys("the Ministry of Health") & source_keys("the health ministry")
    # but two organisations of one kind are two
    assert not source_keys("the Ministry of Health") & source_keys("the Department of Health")
    assert not source_keys("Russia's defence ministry") & source_keys("Ukraine's defence ministry")
    assert not source_keys("the Kessan Fire Department") & source_keys("the Health Department")
    assert not source_keys("Ilse Brandt") & source_keys("Tomas Brand")


def dated(nlp, sentence: str, article: int, day: int):
    import datetime as dt

    return profile(claim(nlp, sentence, article), published=dt.date(2026, 8, day))


def test_a_running_count_that_changed_between_dates_is_an_update(nlp):
    early = dated(nlp, "The toll rose to 78 dead, officials said.", 1, 5)
    late = dated(nlp, "The toll rose to 190 dead, officials said.", 2, 30)
    found = judge(early, late)
    assert found.relation == "contradicts" and found.update
    assert "went from 78" in found.reason and "to 190" in found.reason


def test_a_count_set_against_the_other_s_figure_is_a_disagreement_not_an_update(nlp):
    official = dated(nlp, "The toll rose to 67 dead, the disaster agency said.", 1, 16)
    rival = dated(
        nlp,
        "Aid groups said at least 90 people had died, well above the government's count of 67.",
        2,
        17,
    )
    found = judge(official, rival)
    assert found.relation == "contradicts" and not found.update
    assert "67" in found.reason and "90" in found.reason
    # the official figure a claim sets a guess against is not the claim's own count
    guess = dated(nlp, "The toll could be much higher than the official 67, the UN said.", 3, 18)
    assert not guess.figures


def test_a_figure_denied_outright_speaks_for_the_pair(nlp):
    found = verdict(
        nlp,
        "All 150 people on board were feared dead, the airline said.",
        "The airline said 139 passengers and six crew had been on board, not 150 people "
        "as first reported.",
    )
    assert found.relation == "contradicts" and "not 150 people aboard" in found.figures


def test_an_outbreak_s_deaths_speak_for_a_pair_and_its_cases_are_named(nlp):
    found = verdict(
        nlp,
        "Officials confirmed 1,200 cases of cholera in the province and 45 deaths.",
        "The number of cholera cases rose to 1,850, with 61 deaths, officials said.",
    )
    assert found.topic == "death toll" and set(found.figures) == {"45 deaths", "61 deaths"}
    assert "also 1,200 cases versus 1,850" in found.reason


def test_a_lower_later_figure_of_a_count_that_only_grows_is_no_step_of_it(nlp):
    """The dead stay dead: a later report that gives fewer disagrees with the earlier
    one (or recalls another moment), unless it says the toll was revised down. Counts
    that also fall (the missing, the displaced) are updated either way."""
    early = dated(nlp, "The death toll rose to 34, officials said.", 1, 5)
    recalled = dated(nlp, "When the governor left, there were 6 to 18 deaths, he said.", 2, 30)
    found = judge(early, recalled)
    assert found.relation == "contradicts" and not found.update
    lowered = dated(nlp, "The ministry lowered the death toll to 30 on Friday.", 2, 30)
    assert judge(early, lowered).update
    missing = dated(nlp, "Officials said 40 people were missing after the flood.", 1, 5)
    found_alive = dated(nlp, "Officials said 12 people were missing after the flood.", 2, 30)
    assert judge(missing, found_alive).update
    assert judge(early, dated(nlp, "The death toll rose to 41, officials said.", 2, 30)).update


def test_figures_that_are_one_reported_fact_are_no_conflict(nlp):
    """218 and 220 dead are one fact told to the unit (two significant digits, as
    reported facts group figures); a denial of a figure still conflicts with its
    rounding."""
    found = verdict(
        nlp, "Officials said 218 people were killed.", "Officials said 220 people were killed."
    )
    assert found is None or found.relation != "contradicts"
    denied = verdict(
        nlp,
        "Officials said 3,000 people did not die in the storm.",
        "The storm killed 2,975 people, officials said.",
    )
    assert denied.relation == "contradicts"
    assert (
        verdict(
            nlp, "Officials said 41 people were killed.", "Officials said 43 people were killed."
        ).relation
        == "contradicts"
    )


def test_a_count_that_rose_during_the_day_is_the_day_s_update(nlp):
    morning = dated(nlp, "The storm killed 12 people, police said.", 1, 8)
    evening = dated(nlp, "The death toll rose to 15, police said.", 2, 8)
    assert judge(morning, evening).update
    # a count said to have risen to less than the other is no step from it
    lower = dated(nlp, "The death toll rose to 9, police said.", 2, 8)
    assert not judge(morning, lower).update


def test_different_figures_on_one_day_are_a_disagreement_not_an_update(nlp):
    one = dated(nlp, "The toll rose to 154 dead, officials said.", 1, 8)
    other = dated(nlp, "The toll rose to 158 dead, officials said.", 2, 8)
    assert not judge(one, other).update


def test_two_studies_estimates_are_rival_answers_not_an_update(nlp):
    """Months apart, two research teams' estimates are a disagreement between sources;
    one team revising its own estimate is an update."""
    early = dated(nlp, "A study by the state university estimated that 2,400 people died.", 1, 5)
    late = dated(nlp, "Researchers at the health institute estimated 3,900 deaths.", 2, 30)
    found = judge(early, late)
    assert found.relation == "contradicts" and found.different_sources and not found.update
    revised = dated(nlp, "A study by the state university estimated 3,900 deaths.", 2, 30)
    assert judge(early, revised).update


def test_a_vague_figure_is_a_disagreement_not_an_update(nlp):
    early = dated(nlp, "The toll rose to 16 dead, officials said.", 1, 5)
    late = dated(nlp, "Hundreds were killed in the storm, mayors said.", 2, 30)
    found = judge(early, late)
    assert found.relation == "contradicts" and not found.update


def test_an_estimate_that_the_toll_may_reach_is_no_step_of_the_count(nlp):
    """Days apart, "as many as 50 may have died" is someone's estimate against the
    count, hedged; a headline's "toll up to 30" is the count itself, risen."""
    early = dated(nlp, "The death toll from the sinking rose to 27, the coast guard said.", 1, 5)
    late = dated(nlp, "Lawmakers said as many as 50 people may have died in the sinking.", 2, 6)
    found = judge(early, late)
    assert found.relation == "contradicts" and found.hedged and not found.update
    risen = dated(nlp, "The death toll from the sinking is up to 40, officials said.", 2, 6)
    assert judge(early, risen).update


def test_a_claim_that_states_the_revision_is_an_update_even_undated(nlp):
    """ "Revised down to 120 from more than 150" knows the other report's figure and
    says the count moved: an update, whatever the dates say; without the revision,
    undated figures are a disagreement."""
    first = "More than 150 people were injured in the crush, the ministry said."
    revised = "The ministry revised the number of injured down to 120 from more than 150."
    found = verdict(nlp, first, revised)
    assert found.relation == "contradicts" and found.update
    assert not verdict(nlp, first, "The ministry said 120 people were injured.").update


def test_undated_articles_are_compared_as_disagreements(nlp):
    found = verdict(nlp, "The toll rose to 78 dead, officials said.", "The toll rose to 190 dead.")
    assert found.relation == "contradicts" and not found.update


def test_figures_of_another_named_storm_are_not_the_events(nlp):
    other = profile(
        claim(nlp, "The official death toll from Hurricane Orla is 1,627.", 1), incident="lila"
    )
    event = profile(
        claim(nlp, "Officials said 3,140 people died in the storm.", 2), incident="lila"
    )
    assert other.figures == () and judge(other, event) is None
    same_storm = profile(
        claim(nlp, "The official death toll from Hurricane Lila is 1,833.", 1), incident="lila"
    )
    assert same_storm.figures


def test_one_disagreement_in_other_words_is_one_entry(nlp):
    """The dashboard's entry is the pair of facts: "100 dead" and "about 100 fighters",
    "more than 200 soldiers" and "around 200 Russians" are one disagreement."""
    one = verdict(
        nlp,
        "Officials said the clash near the dam left 100 dead.",
        "Witnesses said more than 200 soldiers were killed in the clash near the dam.",
    )
    other = verdict(
        nlp,
        "A spokesman said about 100 fighters were killed in the clash near the dam.",
        "When the shooting stopped, around 200 Russians were dead near the dam.",
    )
    assert one.relation == other.relation == "contradicts"
    assert one.facts == other.facts


def test_a_denial_against_two_reports_of_the_act_is_one_entry(nlp):
    denial = "Russia’s defence ministry said it had nothing to do with the raid on the depot."
    one = verdict(nlp, denial, "Russian mercenaries raided the depot at dawn, officials said.")
    other = verdict(nlp, denial, "The Russians raided the fuel depot at night.")
    assert one.relation == other.relation == "contradicts"
    assert one.facts and one.facts == other.facts


def test_a_figure_disputed_by_a_noun_conflicts_with_that_figure_only(nlp):
    """ "The figure is inflated" after "at 1,250": set against another report of 1,250
    (whatever the dates: a dispute is no update), not against other figures, and not
    against the sentence of its own article that gives the figure."""
    import datetime as dt
    from types import SimpleNamespace

    text = (
        "Officials put the death toll from the landslide at 1,250 on Monday. "
        "But the figure is inflated, according to aid workers in the valley."
    )
    given, doubt = (
        profile(
            SimpleNamespace(article_id=1, **{f: getattr(c, f) for f in c.__dataclass_fields__}),
            published=dt.date(2026, 8, 9),
        )
        for c in nlp(text)._.claims
    )
    same = dated(nlp, "The landslide killed 1,250 people, the government said.", 2, 5)
    found = judge(doubt, same)
    assert found.relation == "contradicts" and not found.update
    assert "disputes 1,250" in found.reason and "disputes 1,250 dead" in found.figures
    other = dated(nlp, "The landslide killed 900 people, the government said.", 2, 5)
    assert judge(doubt, other) is None or judge(doubt, other).relation != "contradicts"
    assert judge(given, doubt) is None
    # and matching finds the pair: the dispute is indexed under the figure it disputes
    assert "1250" in " ".join(set(match_keys(doubt.claim)) & set(match_keys(same.claim)))
