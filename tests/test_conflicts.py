"""Suggestions on the sample story, their review, the dashboard, the fact table."""

from __future__ import annotations

import io
from itertools import combinations, product

import pytest
from django.core.management import call_command
from django.urls import reverse

from claims.gold import gold_pairs, score
from claims.models import Claim, Link, Suggestion
from claims.services import ingest
from claims.services.annotation import create_link, delete_link
from tests.conftest import ARTICLE_A, ARTICLE_B, sample_input
from tests.jobs import run_queued

HX = {"HX-Request": "true"}


def pairs_of(relation: str) -> list:
    """The sentence pairs suggested as ``relation``: a copy of a sentence (``copy_of``)
    carries its suggestions, and is the same as the sentence."""
    spans: dict[int, list[tuple[int, int, int]]] = {}
    for claim in Claim.objects.order_by("pk"):
        spans.setdefault(claim.original_id, []).append((claim.article_id, claim.start, claim.end))
    rows = Suggestion.objects.shown().filter(relation=relation)
    pairs = [p for row in rows for p in product(spans[row.claim_a_id], spans[row.claim_b_id])]
    if relation == "same":
        pairs += [p for group in spans.values() for p in combinations(group, 2)]
    return pairs


def conflict(sample_articles, *, same_source: bool = True) -> Suggestion:
    return Suggestion.objects.conflicts().filter(same_source=same_source, internal=False).first()


def test_the_sample_story_gets_every_gold_pair_and_few_extra_conflicts(sample_articles, gold):
    internal = gold_pairs(gold["internal_conflicts"], sample_articles)
    contradicts = score(
        pairs_of("contradicts"), gold_pairs(gold["contradicts"], sample_articles), internal
    )
    same = score(pairs_of("same"), gold_pairs(gold["same"], sample_articles))
    assert contradicts.found == contradicts.gold == 4
    assert score(pairs_of("contradicts"), internal).found == 1
    # what the dashboard shows: entries (a pair of figures repeated in both is one)
    entries = Suggestion.objects.conflicts().values("entry").distinct().count()
    assert entries <= 3, "one entry per disagreement, however many reports repeat it"
    assert same.found == same.gold == 5


def test_the_bloomberg_conflict_is_flagged_as_one_source(sample_articles):
    row = conflict(sample_articles)
    assert "Bloomberg" in row.reason and "versus" in row.reason
    assert row.topic == "death toll"


def test_a_story_of_one_article_has_no_suggestions(db, corpus):
    ingest([sample_input(corpus, ARTICLE_A)])
    assert not Suggestion.objects.exists()


def test_a_bulk_ingest_can_store_first_and_match_later(db, corpus, gold, capsys):
    from claims.models import Article

    inputs = [sample_input(corpus, ARTICLE_A), sample_input(corpus, ARTICLE_B)]
    results = ingest(inputs, match=False)
    assert [r.status for r in results] == ["created", "created"]
    assert Article.objects.filter(match_pending=True).count() == 2
    assert not Suggestion.objects.exists()
    call_command("suggest", "--pending")
    assert "2 articles that waited:" in capsys.readouterr().out
    assert not Article.objects.filter(match_pending=True).exists()
    articles = {r.source: Article.objects.get(pk=r.article) for r in results}
    contradicts = score(pairs_of("contradicts"), gold_pairs(gold["contradicts"], articles))
    assert contradicts.found == contradicts.gold == 4


def test_the_ingest_command_matches_after_storing_unless_told_not_to(db, corpus, capsys):
    from claims.models import Article

    call_command("ingest", str(corpus / ARTICLE_A), "--no-match")
    assert "wait for: manage.py suggest --pending" in capsys.readouterr().err
    assert Article.objects.get().match_pending
    call_command("ingest", str(corpus / ARTICLE_B))
    err = capsys.readouterr().err
    assert "matching 1 new articles and 1 stored earlier but not matched" in err
    # The second article's matching reaches the first (its story's other article).
    assert Suggestion.objects.filter(relation="contradicts").exists()
    assert not Article.objects.filter(match_pending=True).exists()


def test_an_article_not_analysed_is_never_matched(sample_articles):
    before = Suggestion.objects.count()
    story = sample_articles[ARTICLE_A].story
    text = "Le bilan est de 100 morts selon le ministère. Les secours sont sur place."
    from claims.ingest.records import ArticleInput

    [result] = ingest([ArticleInput(source="fr", title="Bilan", body=text)], story=story)
    assert result.status == "created"
    assert Suggestion.objects.count() == before


def test_a_dismissed_suggestion_stays_dismissed_after_re_extraction(sample_articles, analyst):
    from claims.services.review import review

    row = conflict(sample_articles)
    review(suggestion=row, status="dismissed", reason="different counts", user=analyst)
    call_command("extract", "--all", stdout=io.StringIO())
    row.refresh_from_db()
    assert row.status == "dismissed"
    assert not Suggestion.objects.pending().filter(key=row.key).exists()
    assert Suggestion.objects.filter(key=row.key).count() == 1


def test_dashboard_lists_conflicts_grouped_with_both_claims(viewer_client, matched_pair):
    response = viewer_client.get(reverse("claims:conflict_list"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "around 200 contractors dead versus about 100 dead" in page
    assert '<h2 class="group-story">Battle at the river crossing</h2>' in page
    assert "Death toll" in page
    assert "?show=" in page  # opens the comparison at both claims
    assert "side by side</a>" in page  # the pairs behind the entry, each openable


def test_dashboard_filters_by_entity_in_any_spelling_and_by_source(viewer_client, matched_pair):
    url = reverse("claims:conflict_list")
    reason = "around 200 contractors dead versus about 100 dead"
    by_name = viewer_client.get(url, {"entity": "Bashar al-Assad"}).content.decode()
    assert reason in by_name  # the claim says "Bashir Assad"
    by_source = viewer_client.get(url, {"source": "Reuters"}).content.decode()
    assert reason in by_source
    for other in ({"entity": "Vladimir Putin"}, {"source": "Nobody Atall"}):
        assert "No conflicts match." in viewer_client.get(url, other).content.decode()


def test_dashboard_htmx_answers_with_the_results_only(viewer_client, matched_pair):
    headers = {**HX, "HX-Target": "conflict-results"}
    response = viewer_client.get(reverse("claims:conflict_list"), headers=headers)
    assert b"<html" not in response.content
    assert b'id="conflict-results"' in response.content


def test_dashboard_queries_do_not_grow_with_rows(
    viewer_client, matched_pair, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        viewer_client.get(reverse("claims:conflict_list"))


def test_dashboard_pages_follow_the_order_without_gaps_or_repeats(viewer_client, matched_pair):
    first = Suggestion.objects.conflicts().first()
    Suggestion.objects.bulk_create(
        Suggestion(
            key=f"page-test-{i}",
            entry=f"page-test-{i}",  # (bulk_create skips save(), which sets it)
            article_a_id=first.article_a_id,
            article_b_id=first.article_b_id,
            claim_a_id=first.claim_a_id,
            claim_b_id=first.claim_b_id,
            relation="contradicts",
            score=(i * 37 % 101) / 100,
            reason=f"row {i}",
            topic="death toll",
        )
        for i in range(70)
    )
    expected = list(
        Suggestion.objects.conflicts()
        .review_filtered(status="active")
        .entry_heads()
        .in_dashboard_order("score")
        .values_list("pk", flat=True)
    )
    url = reverse("claims:conflict_list")
    shown = []
    for number in (1, 2):
        page = viewer_client.get(url, {"page": number}).context["page"]
        shown += [row.pk for row in page.object_list]
        assert all(row.claim_a.text and row.article_b.pk for row in page.object_list)
    assert len(expected) > 70
    assert shown == expected
    added = dict(Suggestion.objects.filter(key__startswith="page-test-").values_list("pk", "score"))
    listed = [added[pk] for pk in shown if pk in added]
    assert listed == sorted(listed, reverse=True)


def test_names_and_source_filters_combine(matched_pair):
    rows = Suggestion.objects.conflicts()
    both = rows.review_filtered(entity="Bashar Assad", source="reuters")
    assert both and all("reuters" in row.speakers.lower() for row in both)
    assert not rows.review_filtered(entity="Bashar Assad", source="Nobody Atall")
    assert not rows.review_filtered(entity="Nobody Atall", source="reuters")


def test_rows_keep_what_the_filters_read_and_the_migration_backfills_it(sample_articles):
    from importlib import import_module

    from django.db import connection

    row = conflict(sample_articles)
    names = {k for c in (row.claim_a, row.claim_b) for k in c.match_keys if k.startswith("e:")}
    assert names and row.entity_keys == sorted(names)
    assert "Bloomberg" in row.speakers
    expected = dict(Suggestion.objects.values_list("pk", "speakers"))
    keys = dict(Suggestion.objects.values_list("pk", "entity_keys"))
    Suggestion.objects.update(entity_keys=[], speakers="")
    with connection.cursor() as cursor:
        cursor.execute(import_module("claims.migrations.0009_suggestion_filters").BACKFILL)
    assert dict(Suggestion.objects.values_list("pk", "speakers")) == expected
    assert dict(Suggestion.objects.values_list("pk", "entity_keys")) == keys


def test_a_contradiction_linked_by_hand_is_on_the_dashboard_until_deleted(invented_pair, analyst):
    a, b = invented_pair
    link, _ = create_link(
        source=a.claims.first(), target=b.claims.last(), relation="contradicts", author=analyst
    )
    row = Suggestion.objects.get(link=link)
    assert (row.kind, row.status) == ("link", "confirmed")
    delete_link(link=Link.objects.get(pk=link.pk), user=analyst)
    assert not Suggestion.objects.filter(pk=row.pk).exists()


def test_the_fact_table_shows_the_death_toll_disagreement(viewer_client, matched_pair):
    from claims.models import Article

    story = matched_pair[0].story
    url = reverse("claims:story_facts", args=[story.pk])
    page = viewer_client.get(url).content.decode()
    assert "Death toll" in page
    assert "about 100" in page and "around 200 contractors" in page
    assert "according to Reuters" in page
    # a day apart, the second report's figure is an update; on one day, a conflict
    assert "conflict-cell" not in page and "flag-update" in page
    Article.objects.filter(story=story).update(published=matched_pair[0].published)
    assert "conflict-cell" in viewer_client.get(url).content.decode()


def test_matching_on_demand_keeps_verdicts(analyst_client, matched_pair, analyst):
    from claims.services.review import review

    row = Suggestion.objects.conflicts().filter(internal=False).get()
    review(suggestion=row, status="resolved", reason="the later count is right", user=analyst)
    story = matched_pair[0].story
    response = analyst_client.post(reverse("claims:story_match", args=[story.pk]))
    assert response.status_code == 302
    page = analyst_client.get(response.url).content.decode()
    assert "Looking for suggestions again" in page and "every 2s" in page
    assert run_queued() == 1
    polled = analyst_client.get(reverse("claims:story_matching", args=[story.pk]))
    assert "data-matched" in polled.content.decode()
    row.refresh_from_db()
    assert row.status == "resolved"


def _marked_rows():
    from .factories import make_article, make_claim

    a = make_article(body="Officials said 78 people died.")
    b = make_article(body="Officials said 190 people died.")
    rows = {}
    for n, marks in enumerate([{"update": True}, {"hedged": True}, {}]):
        rows[n] = Suggestion.objects.create(
            key=f"marks-{n}",
            article_a=a,
            article_b=b,
            claim_a=make_claim(a) if n == 0 else a.claims.first(),
            claim_b=make_claim(b) if n == 0 else b.claims.first(),
            relation="contradicts",
            score=0.8,
            reason=f"row {n}",
            **marks,
        )
    return rows


@pytest.mark.parametrize(
    ("mark", "expected"),
    [("update", {0}), ("disagreement", {1, 2}), ("hedged", {1}), ("", {0, 1, 2})],
)
def test_the_dashboard_filters_on_kind_and_marks(viewer_client, mark, expected):
    rows = _marked_rows()
    page = viewer_client.get(reverse("claims:conflict_list"), {"mark": mark}).content.decode()
    shown = {n for n, row in rows.items() if f'id="conflict-{row.pk}"' in page}
    assert shown == expected
