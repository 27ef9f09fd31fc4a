"""Reported facts: grouping same-claims, independence of wire copies, the command.

Built from invented rows: no spaCy."""

from __future__ import annotations

import json
from types import SimpleNamespace

from claims.reported_facts import facts, independent_reports


def _claim(pk: int, article: int, text: str, outlet: str = "", speaker: str = ""):
    return SimpleNamespace(
        pk=pk,
        article_id=article,
        article=SimpleNamespace(outlet=SimpleNamespace(name=outlet) if outlet else None),
        text=text,
        speaker=speaker,
        quantities=[],
        entities=[],
        start=0,
        end=len(text),
    )


WIRE = "Officials said 12 people died in the flood in Exampleton on Monday."


def test_same_is_transitive_and_wire_copies_count_once():
    claims = [
        _claim(1, 10, WIRE, "Gazette", "officials"),
        _claim(2, 11, WIRE.replace("Monday", "Monday."), "Courier", "officials"),
        _claim(3, 12, "Twelve people were killed in Exampleton, the mayor said.", "Herald"),
        _claim(4, 13, "Rain is expected on Tuesday.", "Gazette"),
    ]
    (fact,) = facts(claims, [(1, 2), (2, 3)])
    assert [c.pk for c in fact.claims] == [1, 2, 3], "A same B, B same C: one fact"
    assert (fact.articles, fact.independent) == (3, 2), "two wire copies count once"
    assert fact.outlets == ["Courier", "Gazette", "Herald"] and fact.sources == ["officials"]


def test_two_unrelated_pairs_are_two_facts_most_reported_first():
    claims = [_claim(i, 10 + i, f"Sentence number {i} about something else {i}.") for i in range(5)]
    found = facts(claims, [(0, 1), (2, 3), (3, 4)])
    assert [len(f.claims) for f in found] == [3, 2]


def test_independence_counts_reports_that_are_not_copies():
    assert independent_reports([[WIRE], [WIRE], [WIRE.upper()]]) == 1
    assert independent_reports([[WIRE], ["The river burst its banks."]]) == 2
    # a report that adds a sentence of its own to the wire copy is independent
    assert independent_reports([[WIRE], [WIRE, "Our reporter counted 14 bodies."]]) == 2


def test_the_facts_command_prints_one_json_line_per_fact(db, capsys, analyst):
    from django.core.management import call_command

    from claims.services import create_link

    from .factories import make_article, make_claim, make_story

    story = make_story()
    a = make_article(body=WIRE, story=story)
    b = make_article(body="Wire: " + WIRE, story=story)
    create_link(
        source=make_claim(a, WIRE), target=make_claim(b, WIRE), relation="same", author=analyst
    )
    call_command("facts", "--json", "--story", str(story.pk))
    (line,) = capsys.readouterr().out.splitlines()
    fact = json.loads(line)
    assert (fact["story"], fact["articles"], fact["independent"]) == (story.pk, 2, 1)
    assert [c["text"] for c in fact["claims"]] == [WIRE, WIRE]


def test_the_story_page_shows_who_reports_what(analyst_client, analyst):
    from django.urls import reverse

    from claims.services import create_link

    from .factories import make_article, make_claim, make_story

    story = make_story()
    a = make_article(body=WIRE, story=story)
    b = make_article(body="Wire: " + WIRE, story=story)
    make_article(body="Rain is expected on Tuesday.", story=story)
    first, second = make_claim(a, WIRE), make_claim(b, WIRE)
    create_link(source=first, target=second, relation="same", author=analyst)
    html = analyst_client.get(reverse("claims:story_detail", args=[story.pk])).content.decode()
    assert "Who reports what" in html
    for claim in (first, second):
        assert reverse("claims:claim_detail", args=[claim.article_id, claim.pk]) in html
    assert "(1 independent)" in html, "two copies of one wire sentence"


def test_a_fact_in_an_open_conflict_is_marked_on_the_story_page(analyst_client, analyst):
    from django.urls import reverse

    from claims.services import create_link

    from .factories import make_article, make_claim, make_story, make_suggestion

    story = make_story()
    a = make_article(body=WIRE, story=story)
    b = make_article(body="Wire: " + WIRE, story=story)
    c = make_article(body="Rescuers said 40 people died in the flood.", story=story)
    first, second = make_claim(a, WIRE), make_claim(b, WIRE)
    create_link(source=first, target=second, relation="same", author=analyst)
    other = make_claim(c)
    url = reverse("claims:story_detail", args=[story.pk])
    assert "in conflict</a>" not in analyst_client.get(url).content.decode()
    row = make_suggestion(first, other)
    html = analyst_client.get(url).content.decode()
    assert html.count("in conflict</a>") == 1, "the one fact with two reports"
    row.status = "dismissed"
    row.save()
    assert "in conflict</a>" not in analyst_client.get(url).content.decode(), "dismissed"


def test_a_contradiction_inside_one_fact_is_listed_on_the_story_page(analyst_client, analyst):
    from django.urls import reverse

    from claims.services import create_link

    from .factories import make_article, make_claim, make_story

    story = make_story()
    reworded = "Twelve people died in Monday's flood in Exampleton, officials said."
    a = make_article(body=WIRE, story=story)
    b = make_article(body="Wire: " + WIRE, story=story)
    c = make_article(body=reworded, story=story)
    first, second, third = make_claim(a, WIRE), make_claim(b, WIRE), make_claim(c, reworded)
    create_link(source=first, target=second, relation="same", author=analyst)
    create_link(source=first, target=third, relation="same", author=analyst)
    url = reverse("claims:story_detail", args=[story.pk])
    assert "Links that disagree with the facts" not in analyst_client.get(url).content.decode()
    create_link(source=second, target=third, relation="contradicts", author=analyst)
    html = analyst_client.get(url).content.decode()
    assert "Links that disagree with the facts" in html
    assert f"?show={second.pk},{third.pk}" in html


def _two_reports_of_one_fact(analyst):
    from claims.services import create_link

    from .factories import make_article, make_claim, make_story

    story = make_story()
    reworded = "Twelve people died in Monday's flood in Exampleton, officials said."
    a = make_article(body=WIRE, story=story)
    b = make_article(body=reworded, story=story)
    first, second = make_claim(a, WIRE), make_claim(b, reworded)
    create_link(source=first, target=second, relation="same", author=analyst)
    return a, b, first, second


def _post(client, a, b, claim, target, relation, **extra):
    from django.urls import reverse

    data = {"side": "a", "start": claim.start, "end": claim.end, "target": target.pk}
    data |= {"relation": relation, "note": "Checked twice.", **extra}
    return client.post(reverse("claims:link_create", args=[a.pk, b.pk]), data)


def test_the_link_panel_warns_before_saving_a_contradiction_inside_one_fact(
    analyst_client, analyst
):
    from claims.models import Link

    a, b, first, second = _two_reports_of_one_fact(analyst)
    Link.objects.all().delete()  # the fact stays joined by a suggestion nobody dismissed
    from .factories import make_suggestion

    make_suggestion(first, second, relation="same")
    response = _post(analyst_client, a, b, first, second, "contradicts", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200 and "state one reported fact" in html
    assert "Save anyway" in html and "Checked twice." in html, "the panel as it was filled"
    assert 'value="contradicts" required checked' in html
    assert not Link.objects.exists(), "nothing saved before the analyst confirms"
    _post(analyst_client, a, b, first, second, "contradicts", despite_facts="contradicts")
    assert Link.objects.get().relation == "contradicts", "saved once confirmed"


def test_the_warning_holds_without_htmx_and_for_another_relation(analyst_client, analyst):
    from claims.models import Link
    from claims.services import create_link

    from .factories import make_article, make_claim

    a, b, first, second = _two_reports_of_one_fact(analyst)
    response = _post(analyst_client, a, b, first, second, "contradicts", despite_facts="same")
    html = response.content.decode()
    assert "Check before saving" in html and "<html" in html, "a whole page without HTMX"
    assert Link.objects.count() == 1
    # a link that agrees with the facts is saved at once
    third = make_claim(make_article(body="Rescuers found 40 bodies.", story=a.story))
    create_link(source=first, target=third, relation="contradicts", author=analyst)
    assert Link.objects.count() == 2


def test_a_same_link_across_a_confirmed_conflict_is_warned_and_listed(analyst_client, analyst):
    from django.urls import reverse

    from claims.models import Link
    from claims.story_figures import CONFIRMED_APART, CONFIRMED_THESE, link_against_facts

    from .factories import make_article, make_claim, make_suggestion

    a, _, first, second = _two_reports_of_one_fact(analyst)
    c = make_article(body="Rescuers said 40 people died in the flood.", story=a.story)
    other = make_claim(c)
    row = make_suggestion(second, other)
    assert link_against_facts(first, other, "same") is None, "an open conflict: no verdict yet"
    row.status = "confirmed"
    row.save()
    assert link_against_facts(first, other, "same") == CONFIRMED_APART, "across the facts"
    assert link_against_facts(second, other, "same") == CONFIRMED_THESE, "this very pair"
    assert link_against_facts(first, other, "related") is None
    response = _post(analyst_client, a, c, first, other, "same", HTTP_HX_REQUEST="true")
    assert "two sides of a conflict" in response.content.decode()
    _post(analyst_client, a, c, first, other, "same", despite_facts="same")
    assert Link.objects.filter(relation="same").count() == 2
    html = analyst_client.get(reverse("claims:story_detail", args=[a.story_id])).content
    assert "(confirmed conflict)" in html.decode(), "the story page lists it"


def _fact_of_three(analyst):
    """Three reports of one toll, joined by two same suggestions nobody reviewed, and a
    fourth report of another figure in a fact of its own (a same link)."""
    from .factories import make_article, make_claim, make_story, make_suggestion

    story = make_story()
    texts = [WIRE, "Twelve people died in the Exampleton flood.", "The flood killed 12."]
    claims = [make_claim(make_article(body=t, story=story), t) for t in texts]
    make_suggestion(claims[0], claims[1], relation="same")
    make_suggestion(claims[1], claims[2], relation="same")
    other_texts = ["Rescuers said 40 people died.", "Forty died, rescuers said."]
    others = [make_claim(make_article(body=t, story=story), t) for t in other_texts]
    from claims.services import create_link

    create_link(source=others[0], target=others[1], relation="same", author=analyst)
    return story, claims, others


def test_a_facts_name_is_its_heading_wherever_its_claims_are_read(viewer_client, analyst):
    from django.urls import reverse

    from .factories import make_fact_name

    story, claims, others = _fact_of_three(analyst)
    make_fact_name(claims[0], "The <county> toll")

    def heading(claim) -> str:
        page = viewer_client.get(reverse("claims:fact_detail", args=[story.pk, claim.pk]))
        return page.content.decode().split("<h1>")[1].split("</h1>")[0]

    # any claim of the fact opens it under its name, escaped; another fact has its own
    assert {heading(claim) for claim in claims} == {"The &lt;county&gt; toll"}
    assert "toll" not in heading(others[0])


def test_taking_a_claim_out_of_a_fact_dismisses_what_joins_it(analyst_client, analyst):
    from django.urls import reverse

    from claims.models import Suggestion
    from claims.story_figures import story_facts

    story, claims, _ = _fact_of_three(analyst)
    assert sorted(len(f.claims) for f in story_facts(story)) == [2, 3]
    url = reverse("claims:fact_take_out", args=[story.pk, claims[2].pk])
    response = analyst_client.post(url)
    assert response.status_code == 302
    assert response.url == reverse("claims:fact_detail", args=[story.pk, claims[0].pk])
    assert sorted(len(f.claims) for f in story_facts(story)) == [2, 2]
    dismissed = Suggestion.objects.get(status="dismissed")
    assert (dismissed.status_reason, dismissed.reviewed_by) == ("taken out of its fact", analyst)


def test_a_claim_a_same_link_holds_is_not_taken_out(analyst_client, analyst):
    from django.urls import reverse

    story, _, others = _fact_of_three(analyst)
    response = analyst_client.post(reverse("claims:fact_take_out", args=[story.pk, others[0].pk]))
    assert response.status_code == 400 and "delete or change that link" in response.content.decode()


def test_two_facts_merge_through_a_same_link_and_a_name_stays(analyst_client, analyst):
    from django.urls import reverse

    from claims.models import Link
    from claims.story_figures import story_facts

    story, claims, others = _fact_of_three(analyst)
    name = reverse("claims:fact_name", args=[story.pk, claims[1].pk])
    analyst_client.post(name, {"name": "  The  officials' toll "})
    merge = reverse("claims:fact_merge", args=[story.pk, claims[0].pk])
    assert analyst_client.post(merge, {"other": others[0].pk}).status_code == 302
    (fact,) = story_facts(story)
    assert len(fact.claims) == 5 and fact.name == "The officials' toll"
    assert Link.objects.filter(relation="same", author=analyst).count() == 2
    again = analyst_client.post(merge, {"other": others[1].pk})
    assert again.status_code == 400 and "in one fact already" in again.content.decode()
    page = analyst_client.get(reverse("claims:fact_detail", args=[story.pk, others[1].pk]))
    assert "The officials&#x27; toll" in page.content.decode()


def test_a_fact_keeps_its_name_when_its_claim_is_taken_out_and_on_reextraction(analyst):
    from claims.models import FactName
    from claims.services.facts import name_fact, take_out_of_fact
    from claims.story_figures import story_facts

    story, claims, _ = _fact_of_three(analyst)
    name_fact(claim=claims[2], name="Officials' toll", user=analyst)
    take_out_of_fact(claim=claims[2], user=analyst)
    (named,) = [f for f in story_facts(story) if f.name]
    assert claims[2] not in named.claims and named.name == "Officials' toll"
    from claims.models import Claim

    assert Claim.objects.filter(pk=FactName.objects.get().claim_id).with_activity().exists()
    assert name_fact(claim=claims[0], name=" ", user=analyst) is None
    assert not FactName.objects.exists(), "an empty name removes it"


def test_reextraction_keeps_a_named_claim_and_the_verdicts_that_shape_a_fact(analyst):
    from claims.models import Claim, FactName
    from claims.services import replace_extracted_claims
    from claims.services.facts import name_fact, take_out_of_fact
    from claims.story_figures import story_facts

    story, claims, _ = _fact_of_three(analyst)
    name_fact(claim=claims[0], name="Officials' toll", user=analyst)
    take_out_of_fact(claim=claims[2], user=analyst)
    for claim in claims:
        replace_extracted_claims(article=claim.article, claims=[], pipeline_version="next")
    assert Claim.objects.filter(pk=claims[0].pk).exists(), "its name holds it"
    assert FactName.objects.get().claim_id == claims[0].pk
    assert not any(claims[2].pk in {c.pk for c in f.claims} for f in story_facts(story))
