"""The compare view and the link endpoints: panels, refusals, exact offsets, idempotency."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.html import escape

from claims.models import Claim, Link, Origin
from claims.services.annotation import (
    DUPLICATE_RELATION,
    EMPTY_SELECTION,
    OUT_OF_RANGE,
    SELECTION_TOO_LONG,
    TARGET_NOT_IN_OTHER,
    UNKNOWN_RELATION,
)

from .factories import make_article, make_claim
from .linking import ABOUT_100, AROUND_200, claim_with, post_link, span_of

pytestmark = pytest.mark.django_db


HX = {"HX-Request": "true"}


def test_compare_shows_both_articles(viewer_client, invented_pair):
    a, b = invented_pair
    html = viewer_client.get(reverse("claims:compare", args=[a.pk, b.pk])).content.decode()
    assert 'id="column-a"' in html and 'id="column-b"' in html
    assert a.title in html and b.title in html


@pytest.mark.parametrize("claims_per_article", [3, 300])
def test_compare_makes_at_most_12_queries_whatever_the_claim_count(
    viewer_client, django_assert_max_num_queries, claims_per_article
):
    articles = []
    for name in ("one", "two"):
        sentences = [
            f"Officials in {name} said {i} people were hurt." for i in range(claims_per_article)
        ]
        article = make_article(title=f"Article {name}", body="\n\n".join(sentences))
        Claim.objects.bulk_create(
            Claim(article=article, start=s, end=s + len(t), text=t)
            for t in sentences
            for s in [article.text.index(t)]
        )
        articles.append(article)
    Link.objects.create(
        source=articles[0].claims.first(), target=articles[1].claims.first(), relation="same"
    )
    with django_assert_max_num_queries(12):
        response = viewer_client.get(reverse("claims:compare", args=[a.pk for a in articles]))
    assert response.content.decode().count('class="claim') >= 2 * claims_per_article


def test_compare_one_article_with_itself_is_404(viewer_client, invented_pair):
    a, _ = invented_pair
    assert viewer_client.get(reverse("claims:compare", args=[a.pk, a.pk])).status_code == 404


def test_compare_links_region_alone_for_htmx(viewer_client, invented_pair):
    a, b = invented_pair
    url = reverse("claims:compare", args=[a.pk, b.pk])
    html = viewer_client.get(url, headers={**HX, "HX-Target": "links"}).content.decode()
    assert html.lstrip().startswith('<section id="links"')


def test_selection_panel_gives_exact_text_and_the_best_match_first(analyst_client, invented_pair):
    a, b = invented_pair
    start, end = span_of(a, ABOUT_100)
    url = reverse("claims:selection_panel", args=[a.pk, b.pk])
    response = analyst_client.get(url, {"side": "a", "start": start - 1, "end": end}, headers=HX)
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<blockquote class="selected-text" data-start="{start - 1}"' in html
    first = html.index('name="target"')
    assert "A regional official put the death toll" in html[first : first + 300]


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (5, 5, EMPTY_SELECTION),
        (-1, 10, OUT_OF_RANGE),
        (0, 10**7, OUT_OF_RANGE),
        (0, 4000, SELECTION_TOO_LONG),
    ],
)
def test_bad_selections_are_refused_in_the_panel(
    analyst_client, invented_pair, start, end, message
):
    a, b = invented_pair
    url = reverse("claims:selection_panel", args=[a.pk, b.pk])
    if end == 4000:  # a long article for the length limit
        a = make_article(body="word " * 2000)
        url = reverse("claims:selection_panel", args=[a.pk, b.pk])
    response = analyst_client.get(url, {"side": "a", "start": start, "end": end}, headers=HX)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_whitespace_only_selection_is_empty(analyst_client, invented_pair):
    a, b = invented_pair
    gap = a.text.index("\n\n")
    url = reverse("claims:selection_panel", args=[a.pk, b.pk])
    response = analyst_client.get(url, {"side": "a", "start": gap, "end": gap + 2}, headers=HX)
    assert response.status_code == 400 and EMPTY_SELECTION in response.content.decode()


def test_selection_panel_without_numbers_is_400(analyst_client, invented_pair):
    a, b = invented_pair
    url = reverse("claims:selection_panel", args=[a.pk, b.pk])
    assert analyst_client.get(url, {"side": "x", "start": "a"}, headers=HX).status_code == 400


def test_linking_a_selection_creates_a_manual_claim_and_the_link(
    analyst_client, analyst, invented_pair
):
    a, b = invented_pair
    start, end = span_of(a, "at about 100")
    target = claim_with(b, AROUND_200)
    response = post_link(analyst_client, a, b, start, end, target.pk, headers=HX)
    html = response.content.decode()
    assert response.status_code == 200 and "Link saved." in html
    assert 'id="column-a" class="column"' in html and 'hx-swap-oob="true"' in html
    link = Link.objects.get()
    assert (link.source.text, link.source.origin, link.source.created_by) == (
        "at about 100",
        Origin.MANUAL,
        analyst,
    )
    assert (link.target, link.relation, link.author) == (target, "contradicts", analyst)


def test_a_selection_matching_a_claim_reuses_it(analyst_client, invented_pair):
    a, b = invented_pair
    existing = claim_with(a, ABOUT_100)
    before = Claim.objects.count()
    post_link(analyst_client, a, b, existing.start, existing.end, claim_with(b, AROUND_200).pk)
    assert Link.objects.get().source == existing and Claim.objects.count() == before


def test_double_submit_makes_one_link(analyst_client, invented_pair):
    a, b = invented_pair
    start, end = span_of(a, "at about 100")
    target = claim_with(b, AROUND_200).pk
    first = post_link(analyst_client, a, b, start, end, target, headers=HX)
    second = post_link(analyst_client, a, b, start, end, target, headers=HX)
    assert first.status_code == second.status_code == 200
    assert "already linked" in second.content.decode()
    assert Link.objects.count() == 1


def test_without_htmx_linking_redirects_back_to_the_comparison(analyst_client, invented_pair):
    a, b = invented_pair
    start, end = span_of(a, "at about 100")
    response = post_link(analyst_client, a, b, start, end, claim_with(b, AROUND_200).pk)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("claims:compare", args=[a.pk, b.pk]))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"relation": "disagrees"}, UNKNOWN_RELATION),
        ({"target": 99999999}, TARGET_NOT_IN_OTHER),
        ({"target": "same-article"}, TARGET_NOT_IN_OTHER),
        ({"start": 10**7, "end": 10**7 + 5}, OUT_OF_RANGE),
        ({"start": 50, "end": 40}, "The selection must start before it ends."),
    ],
)
def test_bad_link_requests_are_400_and_write_nothing(
    analyst_client, invented_pair, change, message
):
    a, b = invented_pair
    start, end = span_of(a, "at about 100")
    data = {"start": start, "end": end, "target": claim_with(b, AROUND_200).pk, **change}
    if data["target"] == "same-article":
        data["target"] = claim_with(a, ABOUT_100).pk
    before = Claim.objects.count()
    response = post_link(analyst_client, a, b, headers=HX, **data)
    assert response.status_code == 400 and message in response.content.decode()
    assert Link.objects.count() == 0 and Claim.objects.count() == before


def test_viewers_cannot_link(viewer_client, invented_pair):
    a, b = invented_pair
    start, end = span_of(a, "at about 100")
    response = post_link(viewer_client, a, b, start, end, claim_with(b, AROUND_200).pk, headers=HX)
    assert response.status_code == 403 and "Only analysts" in response.content.decode()
    assert not Link.objects.exists()


TRICKY = (
    "Harbour fire\n\n"
    "Officials said 😀 twelve\u00a0people died in “Ghent” on Monday.\n\n"
    "Police said 𝔄 30 were hurt, “officials” confirmed."
)


@pytest.mark.parametrize(
    "fragment",
    [
        "😀 twelve\u00a0people",  # emoji outside the BMP and a non-breaking space
        "“Ghent” on Monday.\n\nPolice said 𝔄",  # across paragraphs
        "died in “Ghent”",  # curly quotes
        "people died",  # starts inside an existing highlight
    ],
)
def test_stored_claim_text_equals_the_article_text_at_its_offsets(analyst_client, fragment):
    from claims.ingest.text import content_hash
    from claims.models import Article

    article = Article.objects.create(
        title="Harbour fire", text=TRICKY, content_hash=content_hash(TRICKY)
    )
    make_claim(article, "Officials said 😀 twelve\u00a0people died in “Ghent” on Monday.")
    other = make_article(body="Police said 12 people died in Ghent.")
    target = make_claim(other)
    start = TRICKY.index(fragment)  # Python indexes by code point, like the browser sends
    response = post_link(
        analyst_client,
        article,
        other,
        start - 1,
        start + len(fragment) + 1,
        target.pk,
        relation="same",
        headers=HX,
    )
    assert response.status_code == 200
    claim = Link.objects.get().source
    assert claim.text == fragment.strip() == TRICKY[claim.start : claim.end]


def test_edit_and_delete_a_link(analyst_client, analyst, invented_pair):
    a, b = invented_pair
    link = Link.objects.create(
        source=claim_with(a, ABOUT_100),
        target=claim_with(b, AROUND_200),
        relation="related",
        author=analyst,
    )
    edit = reverse("claims:link_edit", args=[a.pk, b.pk, link.pk])
    assert analyst_client.get(edit, headers=HX).content.decode().lstrip().startswith("<form")
    response = analyst_client.post(
        edit, {"relation": "contradicts", "note": "100 vs 200"}, headers=HX
    )
    assert response.status_code == 200 and "Link updated." in response.content.decode()
    link.refresh_from_db()
    assert (link.relation, link.note) == ("contradicts", "100 vs 200")
    delete = reverse("claims:link_delete", args=[a.pk, b.pk, link.pk])
    assert "Delete this link?" in analyst_client.get(delete).content.decode()
    assert analyst_client.post(delete).status_code == 302
    assert not Link.objects.exists()


def test_changing_a_link_to_a_relation_the_pair_has_is_refused(
    analyst_client, analyst, invented_pair
):
    a, b = invented_pair
    source, target = claim_with(a, ABOUT_100), claim_with(b, AROUND_200)
    Link.objects.create(source=source, target=target, relation="contradicts")
    other = Link.objects.create(source=source, target=target, relation="related", author=analyst)
    edit = reverse("claims:link_edit", args=[a.pk, b.pk, other.pk])
    response = analyst_client.post(edit, {"relation": "contradicts"}, headers=HX)
    message = escape(DUPLICATE_RELATION.format(relation="contradicts"))
    assert response.status_code == 400 and message in response.content.decode()


def test_a_link_is_only_editable_through_its_own_articles(analyst_client, invented_pair):
    a, b = invented_pair
    link = Link.objects.create(
        source=claim_with(a, ABOUT_100), target=claim_with(b, AROUND_200), relation="same"
    )
    stranger = make_article()
    url = reverse("claims:link_edit", args=[a.pk, stranger.pk, link.pk])
    assert analyst_client.post(url, {"relation": "related"}).status_code == 404


def test_unique_pair_constraint_holds_under_a_race(analyst, invented_pair):
    """Two requests that both passed the existence check: the second gets the first link."""
    from unittest import mock

    from claims.services import create_link

    a, b = invented_pair
    source, target = claim_with(a, ABOUT_100), claim_with(b, AROUND_200)
    first, created = create_link(source=source, target=target, relation="same", author=analyst)
    with mock.patch("claims.services.annotation._same_pair") as same_pair:
        same_pair.return_value.first.return_value = None  # the check saw nothing yet
        same_pair.return_value.get.return_value = first
        second, created_again = create_link(
            source=target, target=source, relation="same", author=analyst
        )
    assert created and not created_again and second == first
    assert Link.objects.count() == 1


def test_suggestions_count_spellings_of_one_name_as_shared(analyst_client, invented_pair):
    a, b = invented_pair
    start, end = span_of(b, "hired by Syria’s Bashir Assad")
    url = reverse("claims:selection_panel", args=[a.pk, b.pk])
    html = analyst_client.get(url, {"side": "b", "start": start, "end": end}, headers=HX)
    labels = html.content.decode().split('<label class="target">')[1:]
    assad = next(label for label in labels if "Bashar Assad, died" in label)
    assert "names: bashar assad" in assad  # "Bashir Assad" and "Bashar Assad" are one


def test_a_selection_that_misses_a_claim_only_by_quotes_is_that_claim(db, analyst):
    from claims.services import claim_for_selection

    from .factories import make_article, make_claim

    article = make_article(body="“Twelve people died,” the mayor said. Rescue went on.")
    claim = make_claim(article, "“Twelve people died,” the mayor said.")
    inner = article.text.index("Twelve")
    end = article.text.index(" Rescue")
    found, created = claim_for_selection(article=article, start=inner, end=end, user=analyst)
    assert (found.pk, created) == (claim.pk, False)
    # a selection with other words is its own, new claim
    found, created = claim_for_selection(
        article=article, start=inner, end=article.text.index(",”"), user=analyst
    )
    assert created and found.text == "Twelve people died"


def test_identical_sentences_cannot_be_linked_as_contradicting(db, analyst):
    from claims.services import ServiceError, create_link
    from claims.services.annotation import SAME_WORDS

    from .factories import make_article, make_claim

    words = "Officials said 12 people died on Monday."
    a, b = make_article(body=words), make_article(body="Wire copy. " + words)
    first, second = make_claim(a, words), make_claim(b, words)
    with pytest.raises(ServiceError, match=SAME_WORDS[:30]):
        create_link(source=first, target=second, relation="contradicts", author=analyst)
    link, created = create_link(source=first, target=second, relation="same", author=analyst)
    assert created


def test_the_link_panel_does_not_preselect_the_selections_own_words(analyst_client):
    from .factories import make_article, make_claim

    words = "Officials said 12 people died on Monday."
    a = make_article(body=words)
    b = make_article(body="Wire copy. " + words)
    make_claim(a, words)
    copy = make_claim(b, words)
    start = a.text.index(words)
    url = reverse("claims:selection_panel", args=[a.pk, b.pk])
    html = analyst_client.get(
        url, {"side": "a", "start": start, "end": start + len(words)}, headers=HX
    ).content.decode()
    assert f'value="{copy.pk}"' in html and "same words as the selection" in html
    assert f'value="{copy.pk}" checked' not in html
