"""Stored input that must never run as script: unsafe URLs, and the CSP behind them."""

from __future__ import annotations

import json

from django.urls import reverse

from claims.models import Article
from claims.services import ingest

from .factories import make_article


def test_a_script_url_stored_before_urls_were_checked_is_not_rendered(viewer_client):
    article = make_article()
    # A row written before the check (or by raw SQL): the reader still draws no link.
    Article.objects.filter(pk=article.pk).update(url="javascript:alert(document.domain)")
    html = viewer_client.get(reverse("claims:article_detail", args=[article.pk])).content
    assert b"javascript:" not in html


def test_a_web_url_is_rendered_as_the_source_link(viewer_client):
    article = make_article(url="https://example.org/report")
    html = viewer_client.get(reverse("claims:article_detail", args=[article.pk])).content.decode()
    assert 'href="https://example.org/report"' in html


def test_a_json_upload_with_a_script_url_stores_nothing_and_says_why(analyst_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from claims.ingest.records import BAD_URL

    record = {"title": "Dam breach", "text": "The dam broke on Monday, officials said."}
    payload = json.dumps({**record, "url": "javascript:alert(1)"}).encode()
    response = analyst_client.post(
        reverse("claims:ingest_upload"),
        {"files": SimpleUploadedFile("a.json", payload)},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 400
    assert BAD_URL.replace("'", "&#x27;") in response.content.decode()
    assert not Article.objects.exists()


def test_pasting_a_script_url_is_refused_by_the_form(analyst_client):
    response = analyst_client.post(
        reverse("claims:ingest_paste"),
        {"title": "T", "text": "Officials said 3 died.", "url": "javascript:alert(1)"},
    )
    assert response.status_code == 400
    assert not Article.objects.exists()


def test_the_ingest_service_refuses_a_data_url(db, tmp_path):
    from claims.ingest.readers import read_paths
    from claims.ingest.records import BAD_URL

    path = tmp_path / "a.json"
    path.write_text(json.dumps({"title": "T", "text": "Officials said 3 died.", "url": "data:,x"}))
    (result,) = ingest(read_paths([str(path)], max_chars=10_000))
    assert result.status == "error" and result.error == BAD_URL
    assert not Article.objects.exists()


def test_every_page_sends_a_strict_content_security_policy(viewer_client):
    policy = viewer_client.get(reverse("claims:article_list"))["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if d.strip())
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_logging_in_is_paused_after_too_many_wrong_passwords(client, analyst, settings):
    from django.urls import reverse

    wrong = {"username": analyst.username, "password": "not the password"}
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert client.post(reverse("login"), wrong).status_code == 200
    locked = client.post(reverse("login"), wrong)
    assert locked.status_code == 429
    right = client.post(reverse("login"), {**wrong, "password": "correct horse battery"})
    assert right.status_code == 429, "the right password does not open a locked account"
    text = right.content.decode()
    assert "Too many failed log-ins" in text and "15 minutes" in text and analyst.username in text
    assert "_auth_user_id" not in client.session


def test_a_right_password_before_the_limit_resets_the_count(client, analyst, settings):
    from django.urls import reverse

    wrong = {"username": analyst.username, "password": "not the password"}
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post(reverse("login"), wrong)
    right = client.post(reverse("login"), {**wrong, "password": "correct horse battery"})
    assert right.status_code == 302
    client.logout()
    assert client.post(reverse("login"), wrong).status_code == 200, "not locked out"
