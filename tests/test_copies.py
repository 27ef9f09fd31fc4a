"""Wire copy: a sentence reprinted with the same figures is matched once, through the
story's earliest claim that states it, and its copies carry that claim's suggestions
(in the compare view, the dashboard, the article list, the facts)."""

from __future__ import annotations

import io
import json
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.urls import reverse

from claims.ingest.records import ArticleInput
from claims.models import Article, Claim, Link, Suggestion
from claims.profiles import copy_key
from claims.services import ServiceError, ingest
from claims.services.facts import A_COPY, take_out_of_fact
from claims.services.stories import move_article
from claims.story_figures import fact_members
from tests.factories import make_outlet, make_story
from tests.jobs import run_queued

HX = {"HX-Request": "true"}
WIRE = "Officials said 12 people died in the flood in Exampleton on Monday."
RIVAL = "Rescuers said 40 people died in the flood in Exampleton on Monday."


def _sentence(text: str, low: int, **kw) -> SimpleNamespace:
    quantity = {"low": low, "high": None, "unit": "people", "qualifier": "exact"}
    return SimpleNamespace(
        text=text, quantities=[{**quantity, **kw}], speaker="Officials", hedged=False
    )


def test_a_copy_key_is_the_words_and_figures_wherever_they_stand():
    here = _sentence("Officials said 12 people died.", 12, start=40, end=42)
    there = _sentence("Officials said 12 people died!", 12, start=900, end=902)
    assert copy_key(here) == copy_key(there), "punctuation and offsets are not the sentence"
    assert copy_key(here) != copy_key(_sentence("Officials said 12 people died.", 13))
    assert copy_key(here) != copy_key(_sentence("Officials said 12 people were hurt.", 12))
    hedged = _sentence("Officials said 12 people died.", 12)
    hedged.hedged = True
    assert copy_key(here) != copy_key(hedged)


@pytest.fixture
def wire_story(db, nlp):
    """The wire report, an outlet's reprint of its sentence (with a line of its own),
    and a report with another toll."""
    story = make_story("Flood in Exampleton")
    texts = [WIRE, WIRE + " Roads were closed on Tuesday.", RIVAL]
    inputs = [ArticleInput(f"r{i}", f"Flood report {i}", t) for i, t in enumerate(texts)]
    results = ingest(inputs, story=story)
    assert {r.status for r in results} == {"created"}
    wire, reprint, rival = (Article.objects.get(pk=r.article) for r in results)
    return SimpleNamespace(story=story, wire=wire, reprint=reprint, rival=rival)


def _claim(article: Article, fragment: str) -> Claim:
    return article.claims.get(text__contains=fragment)


def test_a_reprinted_sentence_is_a_copy_and_is_not_matched_again(wire_story):
    original = _claim(wire_story.wire, "12 people")
    copy = _claim(wire_story.reprint, "12 people")
    assert copy.copy_of_id == original.pk and original.copy_of_id is None
    assert not Suggestion.objects.filter(claim_a=copy).exists()
    assert not Suggestion.objects.filter(claim_b=copy).exists()
    rival = _claim(wire_story.rival, "40 people")
    assert Suggestion.objects.conflicts().filter(claim_a=original, claim_b=rival).exists()


def test_the_compare_view_shows_the_copy_with_the_sentence_s_suggestion(wire_story, analyst_client):
    copy = _claim(wire_story.reprint, "12 people")
    rival = _claim(wire_story.rival, "40 people")
    url = reverse("claims:compare", args=[wire_story.reprint.pk, wire_story.rival.pk])
    (shown,) = [s for s in analyst_client.get(url).context["suggestions"] if s.topic]
    assert (shown.a_end.pk, shown.b_end.pk) == (copy.pk, rival.pk)
    accept = reverse(
        "claims:suggestion_accept", args=[wire_story.reprint.pk, wire_story.rival.pk, shown.pk]
    )
    assert analyst_client.post(accept, {"version": shown.version}, headers=HX).status_code == 200
    link = Link.objects.get()
    assert {link.source_id, link.target_id} == {copy.pk, rival.pk}, "drawn where it was read"


def test_the_compare_view_lists_the_sentences_printed_alike(wire_story, analyst_client):
    url = reverse("claims:compare", args=[wire_story.wire.pk, wire_story.reprint.pk])
    response = analyst_client.get(url)
    (copy,) = response.context["copies"]
    assert copy.a_end == _claim(wire_story.wire, "12 people")
    assert copy.b_end == _claim(wire_story.reprint, "12 people")
    assert "Printed alike in both" in response.content.decode()
    apart = reverse("claims:compare", args=[wire_story.wire.pk, wire_story.rival.pk])
    assert analyst_client.get(apart).context["copies"] == []


def test_the_dashboard_counts_the_reprint_and_filters_by_its_outlet(wire_story, viewer_client):
    page = viewer_client.get(reverse("claims:conflict_list")).context["page"]
    (head,) = [row for row in page.object_list if "12" in row.reason]
    assert head.reports == 3 and head.independent == 2, "the reprint is a report, not a source"
    outlet = make_outlet("Reprint Daily")
    Article.objects.filter(pk=wire_story.reprint.pk).update(outlet=outlet)
    url = reverse("claims:conflict_list") + f"?outlet={outlet.pk}"
    listed = viewer_client.get(url).context["page"].object_list
    assert [row.pk for row in listed] == [head.pk], "the reprint's outlet printed the conflict"


def test_the_article_list_marks_the_reprint_as_having_conflicts(wire_story):
    with_conflicts = Article.objects.filtered(has_conflicts=True)
    assert wire_story.reprint in with_conflicts
    quiet = make_story("Quiet")
    (result,) = ingest(
        [ArticleInput("q", "Quiet report", "Roads were closed on Tuesday.")], story=quiet
    )
    assert Article.objects.get(pk=result.article) not in with_conflicts


def test_a_copy_is_in_its_sentence_s_fact_and_cannot_leave_it_alone(wire_story):
    original = _claim(wire_story.wire, "12 people")
    copy = _claim(wire_story.reprint, "12 people")
    assert fact_members(wire_story.story.pk, copy.pk) == {original.pk, copy.pk}
    with pytest.raises(ServiceError) as refused:
        take_out_of_fact(claim=copy, user=None)
    assert refused.value.message == A_COPY


def test_when_the_original_leaves_the_story_its_copy_is_matched_in_its_place(wire_story):
    copy = _claim(wire_story.reprint, "12 people")
    rival = _claim(wire_story.rival, "40 people")
    move_article(article=wire_story.wire, story=None)
    run_queued()
    copy.refresh_from_db()
    assert copy.copy_of_id is None
    assert Suggestion.objects.conflicts().filter(claim_a=copy, claim_b=rival).exists()
    moved = _claim(wire_story.wire, "12 people")
    assert not Suggestion.objects.filter(claim_a=moved).exists()


def test_an_earlier_article_joining_the_story_becomes_the_original(wire_story):
    """Whatever order the reports are matched in, the earliest article's claim is the
    one matched (a merge can bring an earlier one in)."""
    copy = _claim(wire_story.reprint, "12 people")
    move_article(article=wire_story.wire, story=None)
    run_queued()
    move_article(article=wire_story.wire, story=wire_story.story)
    run_queued()
    copy.refresh_from_db()
    original = _claim(wire_story.wire, "12 people")
    assert copy.copy_of_id == original.pk
    assert not Suggestion.objects.filter(claim_a=copy).exists()
    assert not Suggestion.objects.filter(claim_b=copy).exists()


def test_the_conflicts_export_lists_each_end_s_copies(wire_story):
    out = io.StringIO()
    call_command("conflicts", "--json", stdout=out)
    (line,) = [json.loads(x) for x in out.getvalue().splitlines() if '"12' in x]
    copy = _claim(wire_story.reprint, "12 people")
    original, rival = (
        (line["a"], line["b"]) if "12" in line["a"]["text"] else (line["b"], line["a"])
    )
    assert original["copies"] == [
        {"article": wire_story.reprint.pk, "start": copy.start, "end": copy.end}
    ]
    assert rival["copies"] == []
