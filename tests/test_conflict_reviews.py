"""Reviewing conflicts on the dashboard: verdicts with reasons, who and when, the link a
confirmation draws, one verdict per entry, undo, and the fact table after a dismissal."""

from __future__ import annotations

import re

from django.urls import reverse

from claims.models import Link, Suggestion
from claims.services import ingest
from claims.services.review import REASON_NEEDED
from tests.factories import make_conflict, make_toll_conflicts

HX = {"HX-Request": "true"}


def test_dismissing_needs_a_reason_and_keeps_who_and_when(analyst_client, analyst):
    row = make_conflict()
    url = reverse("claims:conflict_review", args=[row.pk])
    refused = analyst_client.post(url, {"status": "dismissed"}, headers=HX)
    assert refused.status_code == 400
    assert REASON_NEEDED in refused.content.decode()
    row.refresh_from_db()
    assert row.status == "open"
    saved = analyst_client.post(url, {"status": "dismissed", "reason": "a typo"}, headers=HX)
    assert saved.status_code == 200
    assert f'id="conflict-{row.pk}"' in saved.content.decode()
    row.refresh_from_db()
    assert (row.status, row.status_reason, row.reviewed_by) == ("dismissed", "a typo", analyst)
    assert row.reviewed_at is not None


def test_confirming_a_conflict_links_its_claims(analyst_client):
    row = make_conflict()
    url = reverse("claims:conflict_review", args=[row.pk])
    analyst_client.post(url, {"status": "confirmed"}, headers=HX)
    row.refresh_from_db()
    assert row.kind == "link"
    assert row.link.relation == "contradicts"
    assert {row.link.source_id, row.link.target_id} == {row.claim_a_id, row.claim_b_id}


def test_viewers_cannot_review(viewer_client):
    row = make_conflict()
    url = reverse("claims:conflict_review", args=[row.pk])
    assert viewer_client.post(url, {"status": "confirmed"}).status_code == 403


def test_an_unknown_status_is_refused(analyst_client):
    row = make_conflict()
    url = reverse("claims:conflict_review", args=[row.pk])
    assert analyst_client.post(url, {"status": "burn"}, headers=HX).status_code == 400


def test_a_pair_of_figures_repeated_by_several_reports_is_one_entry_with_one_verdict(
    analyst_client,
):
    from claims.ingest.records import ArticleInput

    from .factories import make_story

    story = make_story("Flood in Exampleton")
    low = "Officials said 12 people died in the flood in Exampleton on Monday."
    high = "Rescuers said 40 people died in the flood in Exampleton on Monday."
    texts = [low, low + " Roads were closed.", high, high + " It rained all night."]
    inputs = [ArticleInput(f"r{i}", f"Flood report {i}", text) for i, text in enumerate(texts)]
    assert {r.status for r in ingest(inputs, story=story)} == {"created"}
    rows = Suggestion.objects.conflicts().filter(article_a__story=story)
    assert rows.count() == 1, "each second report copies the first's sentence: matched once"
    page = analyst_client.get(reverse("claims:conflict_list")).context["page"]
    (head,) = page.object_list
    assert head.pairs == [] and head.reports == 4, "the copies are reports of the entry"
    assert head.independent == 2, "each side's second report copies the first's sentence"
    page_html = analyst_client.get(reverse("claims:conflict_list")).content.decode()
    assert "4 reports (2 independent" in page_html
    url = reverse("claims:conflict_review", args=[head.pk])
    data = {"status": "confirmed", "version": head.version}
    assert analyst_client.post(url, data, headers=HX).status_code == 200
    assert set(rows.values_list("status", flat=True)) == {"confirmed"}
    assert Link.objects.filter(relation="contradicts").count() == 1
    data = {"status": "dismissed", "reason": "two different floods", "version": head.version + 1}
    assert analyst_client.post(url, data, headers=HX).status_code == 200
    assert set(rows.values_list("status", flat=True)) == {"dismissed"}
    assert not Link.objects.exists(), "withdrawing the verdict removes every link it drew"


def test_a_verdict_can_be_undone_from_its_saved_message(analyst_client):
    from claims.models import Story

    story = Story.objects.create(name="Flood")
    make_toll_conflicts(story, (12, 30, 45), dated=False)  # three entries, all open
    row = Suggestion.objects.get(key="toll-12-30")
    url = reverse("claims:conflict_review", args=[row.pk])
    data = {"status": "dismissed", "reason": "two floods", "version": row.version}
    page = analyst_client.post(url, data, headers=HX).content.decode()
    assert "Undo (back to open)" in page
    counts = page[page.index('<div id="story-counts" hx-swap-oob="true">') :]
    assert re.search(
        r">Flood</a></td>\s*<td class=\"num\">2</td><td class=\"num\">2</td>", counts
    ), "the story's counts follow the verdict out of band: 2 active, 2 open"
    row.refresh_from_db()
    assert row.status == "dismissed"
    undo = {"status": "open", "reason": "", "version": row.version}
    page = analyst_client.post(url, undo, headers=HX).content.decode()
    row.refresh_from_db()
    assert (row.status, row.status_reason) == ("open", "")
    assert "Undo (back to dismissed)" in page, "an undo can itself be undone"
    stale = analyst_client.post(url, {**undo, "status": "confirmed"}, headers=HX)
    assert stale.status_code == 409, "an undo offered on an old version is refused"


def test_a_dismissed_conflict_leaves_the_fact_table(analyst_client):
    from claims.models import Story

    story = Story.objects.create(name="Flood")
    make_toll_conflicts(story, (12, 30), dated=False)
    url = reverse("claims:story_facts", args=[story.pk])
    flag = '<strong class="flag">conflict</strong> <span class="meta">with'
    assert analyst_client.get(url).content.decode().count(flag) == 2, "12 against 30, 30 against 12"
    row = Suggestion.objects.get()
    data = {"status": "dismissed", "reason": "two floods", "version": row.version}
    analyst_client.post(reverse("claims:conflict_review", args=[row.pk]), data, headers=HX)
    assert flag not in analyst_client.get(url).content.decode()
