"""Analysts set an article's outlet, date, headline and address in the app.

Built from factories: no spaCy, no corpus."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from claims import history
from claims.models import Article

from .factories import make_article

GOOD = {
    "title": "Flood in Exampleton",
    "outlet": "Exampleton Gazette",
    "published": "2025-03-02",
    "url": "https://gazette.example/flood",
    "author": "A. Writer",
}


def test_an_analyst_sets_the_details_a_txt_file_came_without(analyst_client):
    article = make_article(body="Officials said 12 people died on Monday.")
    text = article.text
    url = reverse("claims:article_edit", args=[article.pk])
    assert 'name="outlet"' in analyst_client.get(url).content.decode()
    response = analyst_client.post(url, GOOD)
    assert response.status_code == 302 and response["Location"] == article.get_absolute_url()
    article.refresh_from_db()
    assert (article.title, article.outlet.name, article.published, article.url) == (
        "Flood in Exampleton",
        "Exampleton Gazette",
        dt.date(2025, 3, 2),
        "https://gazette.example/flood",
    )
    assert article.text == text, "the stored text, and so the offsets, never change"
    changes = {c.label: c.after for e in history.of_article(article) for c in e.changes}
    assert changes["outlet"] == "Exampleton Gazette" and changes["published"] == "2025-03-02"


def test_bad_details_are_refused_in_words_and_nothing_changes(analyst_client):
    article = make_article()
    url = reverse("claims:article_edit", args=[article.pk])
    for bad, words in [
        ({"url": "javascript:alert(1)"}, "Enter a valid URL."),
        ({"published": "9999-12-31"}, "between 1800 and"),
        ({"title": "   "}, "This field is required."),
        ({"outlet": "Gazette\x00"}, "Null characters are not allowed."),
    ]:
        response = analyst_client.post(url, {**GOOD, **bad})
        assert response.status_code == 400 and words in response.content.decode(), bad
    assert Article.objects.get(pk=article.pk).outlet is None


def test_viewers_cannot_edit_details(viewer_client):
    article = make_article()
    url = reverse("claims:article_edit", args=[article.pk])
    assert viewer_client.post(url, GOOD).status_code == 403
    assert Article.objects.get(pk=article.pk).outlet is None


def test_a_claim_that_disputes_a_figure_shows_the_figure_it_disputes(viewer_client):
    from .factories import make_claim

    body = "Officials put the toll at 1,250. But the figure is inflated, aid workers said."
    article = make_article(body=body)
    at = article.text.index("1,250")
    given = {"text": "1,250", "start": at, "end": at + 5, "low": 1250, "high": 1250}
    make_claim(
        article,
        "But the figure is inflated, aid workers said.",
        disputes=[
            {
                "start": article.text.index("Officials"),
                "text": "Officials put the toll at <b>1,250</b>.",
                "quantities": [given],
                "at": at,
            }
        ],
    )
    page = viewer_client.get(reverse("claims:article_detail", args=[article.pk])).content.decode()
    assert "<dt>Disputes</dt>" in page and ">1,250</span>" in page
    assert "<b>1,250</b>" not in page  # the sentence it was given in, escaped
