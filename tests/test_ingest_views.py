"""Ingesting in the browser: paste, upload, fetch."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from claims.ingest.fetching import PRIVATE_ADDRESS, UNKNOWN_HOST
from claims.ingest.records import ArticleInput
from claims.models import Article

pytestmark = pytest.mark.django_db
HX = {"HX-Request": "true"}
BODY = "Police said 14 people were hurt in Leeds on Saturday.\n\nThe mayor called for calm."


def paste(client, **kw):
    data = {"title": "Unrest in Leeds", "text": BODY, "outlet": "Gazette", **kw}
    return client.post(reverse("claims:ingest_paste"), data, headers=HX)


def test_ingest_page_has_the_three_ways_in(analyst_client):
    html = analyst_client.get(reverse("claims:ingest")).content.decode()
    assert "Paste an article" in html and "Upload files" in html and "Fetch a URL" in html


def test_pasted_article_is_ingested_with_a_link_to_it(analyst_client):
    html = paste(analyst_client).content.decode()
    article = Article.objects.get()
    assert article.outlet.name == "Gazette" and article.claims.exists()
    assert 'data-result="created"' in html and article.get_absolute_url() in html


def test_pasting_the_same_article_again_points_to_the_existing_one(analyst_client):
    paste(analyst_client)
    html = paste(analyst_client).content.decode()
    assert "Already ingested" in html and Article.objects.get().get_absolute_url() in html
    assert Article.objects.count() == 1


def test_paste_errors_appear_beside_the_input(analyst_client):
    response = paste(analyst_client, title="", url="not a url")
    html = response.content.decode()
    assert response.status_code == 400
    assert "Headline: This field is required." in html and "Enter a valid URL." in html
    assert not Article.objects.exists()


def test_upload_many_files_gives_a_result_per_file(analyst_client):
    files = [
        SimpleUploadedFile("a.txt", ("Flood\n\n" + BODY).encode()),
        SimpleUploadedFile("b.json", b'{"title": 3}'),
        SimpleUploadedFile("c.bin", b"\x00\x01"),
        SimpleUploadedFile("d.txt", b"\x00\x01\x02" * 100),
    ]
    html = analyst_client.post(reverse("claims:ingest_upload"), {"files": files}, headers=HX)
    html = html.content.decode()
    assert html.count('data-result="created"') == 1
    assert "missing field &#x27;text&#x27;" in html or "must be a string" in html
    assert "unsupported file type &#x27;.bin&#x27;" in html and "binary file" in html
    assert Article.objects.count() == 1


def test_upload_without_files_is_a_clear_error(analyst_client):
    response = analyst_client.post(reverse("claims:ingest_upload"), {}, headers=HX)
    assert response.status_code == 400 and "This field is required." in response.content.decode()


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:5432/", "http://localhost/admin", "http://10.1.2.3/x"]
)
def test_fetching_private_addresses_is_refused(analyst_client, url):
    response = analyst_client.post(reverse("claims:ingest_url"), {"url": url}, headers=HX)
    assert response.status_code == 400
    assert PRIVATE_ADDRESS.split(";")[0] in response.content.decode()


def test_a_url_that_cannot_be_fetched_gets_a_clear_message(analyst_client):
    url = "https://newsdesk-test.invalid/story"
    response = analyst_client.post(reverse("claims:ingest_url"), {"url": url}, headers=HX)
    assert response.status_code == 400
    assert UNKNOWN_HOST.format(host="newsdesk-test.invalid") in response.content.decode()


def test_paste_without_javascript_returns_the_whole_page(analyst_client):
    data = {"title": "Unrest in Leeds", "text": BODY}
    html = analyst_client.post(reverse("claims:ingest_paste"), data).content.decode()
    assert "<html" in html and 'data-result="created"' in html


def test_an_upload_out_of_time_says_what_was_not_read_and_stores_nothing(analyst_client, settings):
    from claims.services.ingestion import OUT_OF_TIME

    settings.NEWSDESK_REQUEST_SECONDS = -1  # the budget is spent before the first input
    response = paste(analyst_client)
    html = response.content.decode()
    assert 'data-result="skipped"' in html and OUT_OF_TIME.capitalize()[:40] in html
    assert not Article.objects.exists()


def test_articles_stored_but_not_matched_in_time_wait_and_are_matched_later(db):
    import time

    from claims.services import ingest
    from claims.services.matching import match_pending

    first = ArticleInput(source="a", title="Unrest in Leeds", body=BODY)
    second = ArticleInput(source="b", title="Leeds riot", body=BODY.replace("14", "40"))
    results = ingest([first, second], match=False)
    ids = [r.article for r in results]
    assert match_pending(ids, deadline=time.monotonic() - 1) == 0
    assert Article.objects.filter(match_pending=True).count() == 2
    match_pending(ids)
    assert not Article.objects.filter(match_pending=True).exists()


def test_an_upload_sets_the_outlet_and_date_its_files_lack(analyst_client):
    import datetime as dt

    text = SimpleUploadedFile("report.txt", f"Unrest in Leeds\n\n{BODY}\n".encode())
    data = {"files": [text], "outlet": "Leeds Courier", "published": "2025-03-02"}
    response = analyst_client.post(reverse("claims:ingest_upload"), data, headers=HX)
    assert response.status_code == 200
    article = Article.objects.get()
    assert (article.outlet.name, article.published) == ("Leeds Courier", dt.date(2025, 3, 2))
