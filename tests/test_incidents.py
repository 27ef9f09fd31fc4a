"""Which incident an article reports, and whether it fits a story (pure, invented)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from claims.incident_words import (
    earlier_incident_spans,
    follows_another,
    incident_name,
    kind_of,
    kinds_alike,
)
from claims.incidents import (
    Incident,
    StoryIncident,
    figure_keys,
    fit,
    incident_of,
    ruled_out,
    unread_incident,
)


@pytest.mark.parametrize(
    ("headline", "kind"),
    [
        ("Blast at the river port kills 40", "explosion"),
        ("Another fire erupts at the port, a month after the blast", "fire"),
        ("Wildfires sweep across the valley", "fire"),
        ("Typhoon leaves thousands without power", "storm"),
        ("Clashes near the border leave 12 dead", "attack"),
        ("UN calls for inquiry into market strike", "attack"),
        ("Council approves new budget", None),
        ("Apartment block collapses in the old town, dozens feared trapped", "collapse"),
        # the fire service speaks of a collapse; it is no fire
        ("Fire brigade says 12 dead as tower collapses", "collapse"),
        ("Fire chief: blaze destroyed 40 homes", "fire"),
        ("Security forces kill 30 protesters in the capital", "protest"),
        ("Shipwreck off the coast: 61 migrants drown", "crash"),
        ("Chlorine leak at chemical plant sends 80 to hospital", "leak"),
        ("Volcano erupts on the island, 12 climbers missing", "eruption"),
        ("Avalanche buries ski resort, 8 dead", "avalanche"),
        ("Stampede at temple festival kills 31", "crush"),
        ("Family crushed as building collapses", "collapse"),
    ],
)
def test_the_kind_of_incident_is_the_first_one_named(headline, kind):
    assert kind_of(headline) == kind


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Hurricane Lila hit the island on Monday, days after Hurricane Omar.", "lila"),
        ("Crews fought the Ridge Fire for a week.", "ridge"),
        ("Tropical Storm Nessa brought floods.", "nessa"),
        ("The fire spread quickly.", None),
    ],
)
def test_named_storms_and_fires(text, name):
    assert incident_name(text) == name


def test_small_counts_and_years_are_not_figures_to_match_on():
    assert figure_keys([3, 2021, 190, 6500.0, None, 12.5]) == {"190", "6500", "12.5"}


def claim(text, start, entities=(), quantities=()):
    return SimpleNamespace(text=text, start=start, entities=list(entities), quantities=quantities)


def test_an_incident_is_read_from_the_lead_without_its_dateline_or_agency():
    text = "Ferry fire kills 12\n\nOSLO (Reuters) — A fire on a ferry killed 12 people."
    lead_start = text.index("A fire")
    entities = [
        {"text": "OSLO", "label": "GPE", "start": 21, "end": 25},
        {"text": "Reuters", "label": "ORG", "start": 27, "end": 34},
        {"text": "Bergen", "label": "GPE", "start": lead_start, "end": lead_start + 6},
    ]
    incident = incident_of(text, [claim(text, 0, entities, [{"low": 12, "high": 12}])])
    assert incident.kind == "fire"
    assert "reuters" not in incident.names and "bergen" in incident.lead_names
    assert incident.figures == {"12"}


def test_a_text_no_model_read_gives_its_latin_names_and_its_figures():
    text = (
        "Incendio en Maui\n\nEl fuego en Lahaina dejó 55 muertos y 1.250 casas, según Josh Green."
    )
    incident = unread_incident(text)
    assert {"maui", "lahaina", "jshgrn"} <= incident.names
    assert "el" not in incident.names
    assert {"55", "1250"} <= incident.figures


def story_of(*incidents: Incident) -> StoryIncident:
    story = StoryIncident()
    for incident in incidents:
        story.add(incident)
    return story


TOWN = Incident(
    kind="flood",
    lead_names=frozenset({"harrowgate", "ketter dam"}),
    names=frozenset({"harrowgate", "ketter dam", "ilse varga"}),
    published=dt.date(2026, 3, 1),
)


def test_an_undated_report_of_the_same_flood_fits():
    undated = Incident(kind="flood", lead_names=frozenset({"harrowgate"}), names=TOWN.names)
    assert fit(undated, story_of(TOWN, TOWN)) >= 0.45


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"kind": "fire"}, "another kind of incident"),
        ({"published": dt.date(2029, 3, 1)}, "more than a year apart"),
        ({"names": frozenset({"fire service", "oslo"})}, "none of the story's main names"),
    ],
)
def test_what_rules_an_article_out(change, reason):
    other = Incident(**{**TOWN.__dict__, **change})
    assert ruled_out(other, story_of(TOWN, TOWN)) == reason
    assert fit(other, story_of(TOWN, TOWN)) is None


COUNTRY = Incident(
    kind="crash",
    lead_names=frozenset({"valdria", "rail operator"}),
    names=frozenset({"valdria", "rail operator", "corvello", "interior ministry"}),
    places=frozenset({"valdria", "corvello"}),
    published=dt.date(2026, 3, 1),
)
NATIONAL = Incident(  # the wire reports: the country, never the town
    kind="crash",
    lead_names=frozenset({"valdria", "interior ministry"}),
    names=frozenset({"valdria", "interior ministry"}),
    places=frozenset({"valdria"}),
    published=dt.date(2026, 3, 2),
)


def test_a_local_report_naming_the_town_but_not_the_country_fits():
    local = Incident(
        kind="crash",
        lead_names=frozenset({"corvello", "mia brandt"}),
        names=frozenset({"corvello", "mia brandt"}),
        places=frozenset({"corvello"}),
        published=dt.date(2026, 3, 2),
    )
    assert fit(local, story_of(COUNTRY, NATIONAL, NATIONAL)) >= 0.45


def test_a_report_from_another_town_of_the_story_s_region_is_ruled_out():
    elsewhere = Incident(
        kind="crash",
        lead_names=frozenset({"corvello", "lusan"}),
        names=frozenset({"corvello", "lusan"}),
        places=frozenset({"corvello", "lusan"}),
        published=dt.date(2026, 3, 2),
    )
    story = story_of(COUNTRY, NATIONAL, NATIONAL)
    assert ruled_out(elsewhere, story) == "none of the story's main names"


def test_the_lead_begins_after_a_headline_printed_again_and_a_time_stamp():
    text = (
        "Ferry fire kills 12\n\nFerry fire kills 12\n\nMonday, 3 April 2023\n\n"
        "A fire on a ferry near Bergen killed 12 people."
    )
    start = text.index("Bergen")
    entities = [{"text": "Bergen", "label": "GPE", "start": start, "end": start + 6}]
    incident = incident_of(text, [claim(text, 0, entities)])
    assert incident.lead_names == {"bergen"} and incident.places == {"bergen"}


@pytest.mark.parametrize(
    ("text", "follows"),
    [
        ("Another fire erupts at the port, a month after the blast", True),
        ("Explosion at a chemical plant injures 5, six weeks after the warehouse blast", True),
        ("Beirut hit by another huge blast", True),
        # nothing new happened: a follow-up of the event
        ("A month after the blast, the port is still in ruins", False),
        ("Two weeks after the earthquake, survivors wait for aid", False),
        ("Another body found in the rubble of the collapsed market", False),
    ],
)
def test_a_report_of_an_incident_that_came_after_another(text, follows):
    assert follows_another(text) is follows


def test_a_later_incident_that_recalls_the_story_is_ruled_out_a_week_on():
    later = {"follows": True, "published": dt.date(2026, 3, 20)}
    other = Incident(**{**TOWN.__dict__, **later})
    assert ruled_out(other, story_of(TOWN)) == "a later incident that recalls this one"
    # the next day it may be the event's own (an aftershock, a second blast)
    next_day = Incident(**{**TOWN.__dict__, "follows": True, "published": dt.date(2026, 3, 2)})
    assert ruled_out(next_day, story_of(TOWN)) is None


def test_a_later_incident_reported_first_keeps_the_earlier_event_out():
    later = Incident(**{**TOWN.__dict__, "follows": True, "published": dt.date(2026, 3, 20)})
    assert ruled_out(TOWN, story_of(later)) == "an earlier incident than the one this story tells"


def test_a_headline_naming_no_kind_neither_agrees_nor_disagrees():
    """An aid group's report names its own source and the province; the ministry's
    names its own and the province, and no kind: they are one outbreak whichever came
    first."""
    aid = Incident(kind="outbreak", lead_names=frozenset({"medics", "ostrava"}))
    aid = Incident(**{**aid.__dict__, "names": aid.lead_names})
    ministry = Incident(lead_names=frozenset({"health ministry", "ostrava"}))
    ministry = Incident(**{**ministry.__dict__, "names": ministry.lead_names})
    assert fit(ministry, story_of(aid)) >= 0.45
    assert fit(aid, story_of(ministry)) >= 0.45


def test_kinds_one_event_is_reported_under_join_each_other():
    # a flood story takes the storm that brought it, and a blast's story its fire
    storm = Incident(**{**TOWN.__dict__, "kind": "storm"})
    assert fit(storm, story_of(TOWN)) >= 0.45
    blast = Incident(kind="explosion", lead_names=frozenset({"port"}), names=frozenset({"port"}))
    fire = Incident(kind="fire", lead_names=frozenset({"port"}), names=frozenset({"port"}))
    assert fit(fire, story_of(blast)) >= 0.45
    # an earthquake is no storm, whatever it shares
    quake = Incident(**{**TOWN.__dict__, "kind": "earthquake"})
    assert ruled_out(quake, story_of(storm)) == "another kind of incident"


def test_the_same_named_storm_joins_whatever_kind_its_headline_names_first():
    storm = Incident(kind="storm", name="nadia", names=frozenset({"marino"}))
    landslide = Incident(kind="flood", name="nadia", names=frozenset({"marino hills"}))
    assert ruled_out(landslide, story_of(storm)) is None


def test_another_named_storm_is_ruled_out():
    lila = Incident(kind="storm", name="lila", names=frozenset({"islay"}))
    omar = Incident(kind="storm", name="omar", names=frozenset({"islay"}))
    assert ruled_out(omar, story_of(lila)) == "another named storm or fire"


def test_a_report_eleven_months_later_still_fits():
    later = Incident(**{**TOWN.__dict__, "published": dt.date(2027, 2, 1)})
    assert ruled_out(later, story_of(TOWN)) is None


def test_figures_alone_join_only_when_two_of_them_agree():
    story = story_of(Incident(names=frozenset({"harrowgate"}), figures=frozenset({"300", "1250"})))
    assert fit(Incident(figures=frozenset({"300", "1250", "77"})), story) == 1.0
    assert fit(Incident(figures=frozenset({"300", "77"})), story) == 0.0


KATRINA = (
    "He compared the official toll of 16 to “a real catastrophe,” in which more than "
    "1,800 people died in the 2005 storm that struck the coast."
)


@pytest.mark.parametrize(
    ("text", "published", "told"),
    [
        # opening with the year: the whole claim tells of it
        ("In 2011, an earthquake in the same province killed 600 people.", 2026, [0, 62]),
        ("Back in 2012 a fire there killed 7.", 2026, [0, 35]),
        # a clause that names it, and only that clause ("1,800" ends none)
        (KATRINA, 2017, [KATRINA.index(" in which"), len(KATRINA)]),
        ("A flood in March 2019 left 40 dead, officials recalled.", 2026, [0, 34]),
        # a day and year of its own
        ("The last one destroyed 500 homes on May 22, 1960.", 2026, [0, 49]),
        ("The fire broke out on August 8, 2025 and killed 97.", 2026, None),
        # a comparison tells of now; a year ago may be the event itself; undated: none
        ("It was the worst flood since 1927, killing 40.", 2026, None),
        ("In 2025, the ministry counted 12 dead.", 2026, None),
        ("In 2011, an earthquake in the same province killed 600 people.", None, None),
        # another incident, dated or not: its clause
        ("Ten years ago, a similar storm killed 300 people.", None, [14, 49]),
        ("It killed 45, the worst since a similar storm killed 300.", 2026, [13, 57]),
        ("Two were hurt in a second explosion on Tuesday.", 2026, [0, 47]),
        # a clause that goes on telling of the earlier one
        ("It last erupted in 2019, when steam injured 14, records show.", 2026, [0, 46]),
        ("Last year's Hurricane Maria killed 2,975 people.", 2019, None),
    ],
)
def test_a_claim_tells_of_an_incident_of_a_year_well_before_its_report(text, published, told):
    spans = earlier_incident_spans(text, published and dt.date(published, 6, 1))
    assert spans == ([tuple(told)] if told else [])


def test_the_same_named_storm_joins_whatever_places_it_names():
    story = StoryIncident()
    story.add(
        Incident("storm", "tamsin", frozenset({"jamaica"}), frozenset({"jamaica"}), frozenset())
    )
    haiti = Incident("storm", "tamsin", frozenset({"haiti"}), frozenset({"haiti"}), frozenset())
    assert fit(haiti, story) == 1.0


def test_an_undated_report_fits_the_event_better_than_a_later_incident_recalling_it():
    later = Incident(**{**TOWN.__dict__, "follows": True, "published": dt.date(2026, 4, 2)})
    undated = Incident(**{**TOWN.__dict__, "published": None})
    assert fit(undated, story_of(TOWN)) > fit(undated, story_of(later))
    undated_later = Incident(**{**later.__dict__, "published": None})
    assert fit(undated_later, story_of(later)) > fit(undated_later, story_of(TOWN))


def test_a_collapse_joins_a_story_of_what_brought_the_buildings_down():
    assert kinds_alike("collapse", "earthquake") and not kinds_alike("collapse", "shooting")


def test_an_undated_report_prefers_a_story_of_several_names_to_one_giving_only_its_town():
    town_only = Incident(kind="flood", names=frozenset({"harrowgate"}), published=TOWN.published)
    undated = Incident(
        kind="flood",
        lead_names=frozenset({"harrowgate", "eva lind"}),
        names=frozenset({"harrowgate", "eva lind"}),
    )
    assert fit(undated, story_of(town_only)) <= fit(undated, story_of(TOWN, TOWN))


def test_the_same_kind_in_the_same_place_months_apart_with_figures_of_its_own_is_another():
    earlier = Incident(**{**TOWN.__dict__, "figures": frozenset({"12"})})
    months_on = Incident(
        **{**TOWN.__dict__, "figures": frozenset({"61", "130"}), "published": dt.date(2026, 9, 1)}
    )
    assert ruled_out(months_on, story_of(earlier)) == (
        "another incident of the kind, a month apart, with figures of its own"
    )
    # a figure of the story repeated months on, or a look back: the same event
    repeats = Incident(**{**months_on.__dict__, "figures": frozenset({"12", "130"})})
    assert ruled_out(repeats, story_of(earlier)) is None
    looks_back = Incident(**{**months_on.__dict__, "recalls": True})
    assert ruled_out(looks_back, story_of(earlier)) is None


def test_an_undated_page_takes_the_story_whose_figures_are_near_its_own():
    old = Incident(
        kind="crash",
        names=frozenset({"kessa", "coast guard"}),
        figures=frozenset({"12"}),
        published=dt.date(2025, 10, 12),
    )
    new = Incident(
        kind="crash",
        names=frozenset({"kessa", "iom", "zaruf", "coast guard"}),
        figures=frozenset({"78", "150"}),
        published=dt.date(2026, 4, 6),
    )
    page = Incident(
        kind="crash",
        lead_names=frozenset({"kessa", "amir", "unhcr"}),
        names=frozenset({"kessa", "amir", "unhcr"}),
        figures=frozenset({"80", "140"}),
    )
    assert fit(page, story_of(new, new)) > fit(page, story_of(old))
