"""Ingesting in the browser: paste, upload, fetch, each input a job the page follows."""

from __future__ import annotations

import re
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from claims.ingest.fetching import PRIVATE_ADDRESS, UNKNOWN_HOST
from claims.models import Article, Job

from .factories import make_job, make_user
from .jobs import run_queued

pytestmark = pytest.mark.django_db
HX = {"HX-Request": "true"}
BODY = "Police said 14 people were hurt in Leeds on Saturday.\n\nThe mayor called for calm."


def paste(client, **kw):
    data = {"title": "Unrest in Leeds", "text": BODY, "outlet": "Gazette", **kw}
    return client.post(reverse("claims:ingest_paste"), data, headers=HX)


def test_ingest_page_has_the_three_ways_in(analyst_client):
    html = analyst_client.get(reverse("claims:ingest")).content.decode()
    assert "Paste an article" in html and "Upload files" in html and "Fetch a URL" in html


def progress(client, response) -> str:
    """The batch's rows once the workers are done (the page polls for this)."""
    batch = re.search(r'data-batch="([^"]+)"', response.content.decode()).group(1)
    run_queued()
    return client.get(reverse("claims:ingest_progress", args=[batch]), headers=HX).content.decode()


def test_a_paste_answers_at_once_with_a_queued_job_and_stores_nothing_yet(analyst_client):
    html = paste(analyst_client).content.decode()
    assert 'data-job="queued"' in html and 'hx-trigger="every 1s"' in html
    assert not Article.objects.exists()
    assert Job.objects.get().requested_by.username == "ana"


def test_pasted_article_is_ingested_by_its_job_with_a_link_to_it(analyst_client):
    html = progress(analyst_client, paste(analyst_client))
    article = Article.objects.get()
    assert article.outlet.name == "Gazette" and article.claims.exists()
    assert 'data-job="done"' in html and article.get_absolute_url() in html
    assert "every 1s" not in html, "a finished batch stops polling"


def test_pasting_the_same_article_again_points_to_the_existing_one(analyst_client):
    progress(analyst_client, paste(analyst_client))
    html = progress(analyst_client, paste(analyst_client))
    assert "already ingested" in html and Article.objects.get().get_absolute_url() in html
    assert Article.objects.count() == 1


def test_the_page_says_when_no_worker_is_running(analyst_client):
    html = paste(analyst_client).content.decode()
    assert "data-no-worker" in html and "manage.py worker" in html


def test_a_batch_is_shown_to_the_analyst_who_sent_it_only(analyst_client, client):
    response = paste(analyst_client)
    batch = re.search(r'data-batch="([^"]+)"', response.content.decode()).group(1)
    client.force_login(make_user("other-analyst", "analyst"))
    assert client.get(reverse("claims:ingest_progress", args=[batch])).status_code == 404


def test_paste_errors_appear_beside_the_input(analyst_client):
    response = paste(analyst_client, title="", url="not a url")
    html = response.content.decode()
    assert response.status_code == 400
    assert "Headline: This field is required." in html and "Enter a valid URL." in html
    assert not Article.objects.exists()


def test_upload_many_files_gives_a_row_per_file_and_fails_the_unreadable_at_once(
    analyst_client,
):
    files = [
        SimpleUploadedFile("a.txt", ("Flood\n\n" + BODY).encode()),
        SimpleUploadedFile("b.json", b'{"title": 3}'),
        SimpleUploadedFile("c.bin", b"\x00\x01"),
        SimpleUploadedFile("d.txt", b"\x00\x01\x02" * 100),
    ]
    response = analyst_client.post(reverse("claims:ingest_upload"), {"files": files}, headers=HX)
    first = response.content.decode()
    assert first.count('data-job="queued"') == 1 and first.count('data-job="failed"') == 3
    assert "missing field &#x27;text&#x27;" in first or "must be a string" in first
    assert "unsupported file type &#x27;.bin&#x27;" in first and "binary file" in first
    html = progress(analyst_client, response)
    assert html.count('data-job="done"') == 1 and Article.objects.count() == 1


def test_a_long_upload_sent_in_parts_is_followed_as_one_batch(analyst_client):
    url = reverse("claims:ingest_upload")
    one = SimpleUploadedFile("a.txt", ("Flood\n\n" + BODY).encode())
    first = analyst_client.post(url, {"files": [one]}, headers=HX).content.decode()
    batch = re.search(r'data-batch="([^"]+)"', first).group(1)
    two = SimpleUploadedFile("b.txt", ("Storm\n\n" + BODY.replace("14", "41")).encode())
    second = analyst_client.post(url, {"files": [two], "batch": batch}, headers=HX)
    assert second.content.decode().count('<tr class="job-') == 2
    assert Job.objects.filter(batch=batch).count() == 2


def test_a_batch_of_another_analyst_is_not_joined(analyst_client, analyst):
    theirs = make_user("someone", "analyst")
    make_job(requested_by=theirs, batch=(batch := uuid.uuid4()))
    one = SimpleUploadedFile("a.txt", ("Flood\n\n" + BODY).encode())
    data = {"files": [one], "batch": str(batch)}
    analyst_client.post(reverse("claims:ingest_upload"), data, headers=HX)
    assert Job.objects.get(requested_by=analyst).batch != batch


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


def test_paste_without_javascript_lands_on_the_page_following_the_job(analyst_client):
    data = {"title": "Unrest in Leeds", "text": BODY}
    response = analyst_client.post(reverse("claims:ingest_paste"), data)
    assert response.status_code == 302 and "?batch=" in response.url
    run_queued()
    html = analyst_client.get(response.url).content.decode()
    assert "<html" in html and 'data-job="done"' in html and "Your recent work" in html


def test_an_upload_sets_the_outlet_and_date_its_files_lack(analyst_client):
    import datetime as dt

    text = SimpleUploadedFile("report.txt", f"Unrest in Leeds\n\n{BODY}\n".encode())
    data = {"files": [text], "outlet": "Leeds Courier", "published": "2025-03-02"}
    response = analyst_client.post(reverse("claims:ingest_upload"), data, headers=HX)
    assert response.status_code == 200
    run_queued()
    article = Article.objects.get()
    assert (article.outlet.name, article.published) == ("Leeds Courier", dt.date(2025, 3, 2))


def test_a_failed_input_of_mine_can_be_sent_again_and_is_followed_in_its_batch(
    analyst_client, analyst
):
    from claims.choices import JobState
    from claims.ingest.records import ArticleInput
    from claims.services.jobs import GAVE_UP
    from claims.services.queue import queue_inputs

    item = ArticleInput(source="a.txt", title="Unrest in Leeds", body=BODY)
    batch = queue_inputs([item], user=analyst)
    job = Job.objects.get()
    Job.objects.filter(pk=job.pk).update(state=JobState.FAILED, message=GAVE_UP.format(n=4))
    html = analyst_client.get(reverse("claims:ingest_progress", args=[batch])).content.decode()
    assert "Send again" in html
    url = reverse("claims:job_again", args=[job.pk])
    again = analyst_client.post(url, headers=HX).content.decode()
    assert 'data-job="queued"' in again and f'data-batch="{batch}"' in again
    run_queued()
    job.refresh_from_db()
    assert job.state == JobState.DONE and Article.objects.count() == 1
    refused = analyst_client.post(url, headers=HX)  # done now: nothing to send again
    assert refused.status_code == 409 and "can be sent again" in refused.content.decode()


def test_another_analysts_failed_input_cannot_be_sent_again(analyst_client):
    from claims.choices import JobState

    theirs = make_job(requested_by=make_user("someone", "analyst"), state=JobState.FAILED)
    url = reverse("claims:job_again", args=[theirs.pk])
    assert analyst_client.post(url, headers=HX).status_code == 404
