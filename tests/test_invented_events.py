"""Whole events of invented reports, through ingest and matching: the stories they
form and the conflicts an analyst would mark, as on reporting the rules never saw."""

from __future__ import annotations

import pytest

from claims import fact_table
from claims.choices import Relation
from claims.ingest.records import ArticleInput
from claims.models import Article, Claim, Suggestion
from claims.services import ingest

from .invented_events import (
    BLAST,
    CLASH,
    COLLAPSE,
    CRUSH,
    DERAILMENT,
    FLOOD,
    HURRICANE,
    QUAKE,
    SIEGE,
    STRIKE,
    WILDFIRE,
)

pytestmark = pytest.mark.django_db


def stored(event) -> list[Article]:
    inputs = [
        ArticleInput(f"{i}.txt", title, body, outlet=outlet, published=published)
        for i, (title, outlet, published, body) in enumerate(event)
    ]
    return [Article.objects.get(pk=r.article) for r in ingest(inputs)]


def conflicts(topic: str) -> list[Suggestion]:
    return list(Suggestion.objects.filter(relation=Relation.CONTRADICTS, topic=topic))


def test_a_derailment_reported_by_wire_outlets_and_a_hospital():
    wire, copy, hospital, later, bus = stored(DERAILMENT)
    # the undated hospital page joins the event; a bus crash there two years earlier not
    assert wire.story == copy.story == hospital.story == later.story != bus.story
    injured = conflicts("injured")
    assert any(not s.update and s.different_sources for s in injured)  # 85 against 120+
    assert {s.update for s in conflicts("death toll")} == {True}  # 12, then 15 two days on
    aboard = conflicts("aboard")  # the operator's 400 aboard against the union's 600
    assert aboard and all(s.article_b == hospital or s.article_a == hospital for s in aboard)
    assert not Suggestion.objects.filter(article_a=bus).exists()
    assert Suggestion.objects.filter(
        relation=Relation.SAME, article_a__in=[wire, copy], article_b__in=[wire, copy]
    ).exists()


def test_a_flood_with_a_falling_missing_count_and_a_hedged_higher_toll():
    first, official, rescuers = stored(FLOOD)
    assert first.story == official.story == rescuers.story
    (missing,) = conflicts("missing")  # 40 others missing, then 28 unaccounted for
    assert missing.update
    hedged = [s for s in conflicts("death toll") if rescuers in (s.article_a, s.article_b)]
    assert hedged and all(s.hedged for s in hedged)  # "could be as high as 50" against 31


def test_an_earthquake_report_that_recalls_an_earlier_one():
    first, later, aid = stored(QUAKE)
    recalled = Claim.objects.get(article=first, text__startswith="In 2011")
    # the 2011 quake's 600 dead are set against nothing, and no cell of the table holds them
    assert not Suggestion.objects.filter(claim_a=recalled).exists()
    assert not Suggestion.objects.filter(claim_b=recalled).exists()
    _, rows = fact_table.build(
        [first, later, aid], Claim.objects.filter(article__story=first.story)
    )
    tolls = [e.text for row in rows for e in row.cells.get("death toll", [])]
    assert tolls and not any("600" in text for text in tolls)
    # "killed or injured 8,000" is neither the toll nor the injured: no conflict with either
    assert not Suggestion.objects.filter(article_b=aid, relation=Relation.CONTRADICTS).exists()
    assert not Suggestion.objects.filter(article_a=aid, relation=Relation.CONTRADICTS).exists()
    assert Suggestion.objects.filter(reason__startswith="both give a death toll figure").exists()


def test_a_clash_whose_two_sides_count_their_dead():
    army, rebels = stored(CLASH)
    found = {
        frozenset(s.figures)
        for s in Suggestion.objects.filter(relation=Relation.CONTRADICTS, article_a__in=[army])
        | Suggestion.objects.filter(relation=Relation.CONTRADICTS, article_b__in=[army])
    }
    # each side's dead against the other account of them, never one side's against the other's
    assert frozenset({"Nine soldiers dead", "forty-five soldiers dead"}) in found
    assert frozenset({"sixty militants dead", "14 rebels dead"}) in found
    assert not any(
        any("soldiers" in f for f in pair) and any("militants" in f for f in pair) for pair in found
    )


def test_a_wire_sentence_reworded_by_another_outlet_is_found_as_the_same():
    wire, local = stored(WILDFIRE)
    same = Suggestion.objects.get(relation=Relation.SAME)  # no name or phrase in common
    assert {same.claim_a.text[:6], same.claim_b.text[:6]} == {"A crew", "Roughl"}
    # 85 homes, then 140 the next day: the homes, not the acres, speak for the sentences
    (homes,) = conflicts("homes")
    assert homes.update and not conflicts("area burned")


def test_a_hurricane_that_kills_in_two_countries():
    jamaica, haiti, cuba = stored(HURRICANE)
    # one named storm, whatever places each report names
    assert jamaica.story == haiti.story == cuba.story
    # Jamaica's 12, Haiti's 30 and both countries' 42 are three counts, not a dispute
    assert not conflicts("death toll")


def test_a_crush_whose_injured_are_revised_on_an_undated_page():
    first, later, undated = stored(CRUSH)
    assert first.story == later.story == undated.story
    # the page has no date, but its story has: 2009 is another incident's year
    recalled = Claim.objects.get(article=undated, text__startswith="A 2009")
    assert not Suggestion.objects.filter(claim_a=recalled).exists()
    assert not Suggestion.objects.filter(claim_b=recalled).exists()
    # "down to 120 from more than 150" says the count moved: an update, undated as it is
    (injured,) = conflicts("injured")  # and "38 ... after seven of the injured died" is the toll
    assert injured.update and {injured.article_a, injured.article_b} == {first, undated}


def test_a_blast_with_a_second_one_the_next_day_and_another_weeks_later():
    first, later, second, plant = stored(BLAST)
    # the next day's blast is the event's; a blast six weeks on, recalling it, is not
    assert first.story == later.story == second.story != plant.story
    # the second blast's four injured are its own, not the event's 230
    assert not conflicts("injured")
    # "climbs past 20" is a floor that 21 meets; "two bodies" are what the toll rose by
    tolls = conflicts("death toll")
    assert {f for toll in tolls for f in toll.figures} == {
        "17 dead",  # the headline's
        "17 people dead",
        "21 dead",
        "climbs past 20 dead",
    }
    # two days apart, one source (the city's fire department, then the fire department)
    assert all(toll.update and not toll.different_sources for toll in tolls)


def test_a_strike_whose_sources_count_civilians_and_fighters():
    ministry, monitors, military, un = stored(STRIKE)
    # each cites its own source; the town and the strike make them one story
    assert ministry.story == monitors.story == military.story == un.story
    found = [frozenset(s.figures) for s in conflicts("death toll")]
    # the civilians killed are never the military's fighters
    assert not any(
        any("civilians" in f for f in pair) and any("fighters" in f for f in pair) for pair in found
    )
    # Monday's 12 against 27 stands, whatever Wednesday's 19 and 21 lie between
    assert frozenset({"12 civilians dead", "27 civilians dead"}) in found


def test_a_building_collapse_and_another_ten_days_on():
    first, later, undated, other = stored(COLLAPSE)
    # a collapse is a kind of its own (no fire, whatever the fire brigade says); the
    # undated vigil joins the event, the later collapse recalling it does not
    assert first.incident["kind"] == "collapse"
    assert first.story == later.story == undated.story != other.story
    # those pulled out alive are the rescued, not the dead; the mourners are neither
    assert {s.update for s in conflicts("rescued")} == {True}  # 23, then 31
    assert all("Hundreds" not in " ".join(s.figures) for s in conflicts("death toll"))


def test_a_siege_whose_toll_counts_its_attackers():
    ministry, government = stored(SIEGE)
    assert ministry.story == government.story
    # 22 with four attackers are the government's 18 civilians; the gunmen and the two
    # French nationals are parts of the toll
    assert not conflicts("death toll")
    assert Suggestion.objects.filter(relation=Relation.SAME, topic="death toll").exists()
