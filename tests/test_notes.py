from __future__ import annotations

import pytest
from django.urls import reverse

from claims.models import Link, Note
from claims.services.annotation import EMPTY_NOTE

from .factories import make_article, make_claim

pytestmark = pytest.mark.django_db
HX = {"HX-Request": "true"}


@pytest.fixture
def claim():
    return make_claim(make_article())


def test_add_a_note_to_a_claim_returns_the_notes_region(analyst_client, analyst, claim):
    url = reverse("claims:claim_note_add", args=[claim.pk])
    response = analyst_client.post(url, {"body": "Check the figure."}, headers=HX)
    html = response.content.decode()
    assert html.lstrip().startswith(f'<section id="notes-claim-{claim.pk}"')
    assert "Check the figure." in html and analyst.username in html
    assert Note.objects.get().author == analyst


def test_add_a_note_to_a_link_without_javascript(analyst_client, claim):
    link = Link.objects.create(source=claim, target=make_claim(make_article()), relation="same")
    url = reverse("claims:link_note_add", args=[link.pk])
    response = analyst_client.post(url, {"body": "Same wire copy.", "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert link.notes.get().body == "Same wire copy."


def test_notes_are_listed_in_order(viewer_client, analyst, claim):
    for body in ("first", "second", "third"):
        Note.objects.create(claim=claim, body=body, author=analyst)
    html = viewer_client.get(reverse("claims:claim_notes", args=[claim.pk])).content.decode()
    assert html.index("first") < html.index("second") < html.index("third")


def test_an_empty_note_is_refused(analyst_client, claim):
    url = reverse("claims:claim_note_add", args=[claim.pk])
    response = analyst_client.post(url, {"body": "   "}, headers=HX)
    assert response.status_code == 400 and EMPTY_NOTE in response.content.decode()
    assert not Note.objects.exists()


def test_redirect_after_a_note_never_leaves_the_site(analyst_client, claim):
    url = reverse("claims:claim_note_add", args=[claim.pk])
    response = analyst_client.post(url, {"body": "x", "next": "https://evil.example/"})
    assert response["Location"].startswith(claim.article.get_absolute_url())


def test_authors_edit_and_delete_their_own_notes(analyst_client, analyst, claim):
    note = Note.objects.create(claim=claim, body="draft", author=analyst)
    edit = reverse("claims:note_edit", args=[note.pk])
    assert "draft" in analyst_client.get(edit, headers=HX).content.decode()
    analyst_client.post(edit, {"body": "final"}, headers=HX)
    note.refresh_from_db()
    assert note.body == "final"
    analyst_client.post(reverse("claims:note_delete", args=[note.pk]), headers=HX)
    assert not Note.objects.exists()


def test_others_cannot_change_a_note_but_admins_can(
    client, analyst, admin_user, claim, django_user_model
):
    from .conftest import user_with_role

    note = Note.objects.create(claim=claim, body="mine", author=analyst)
    client.force_login(user_with_role(django_user_model, "other", "analyst"))
    assert (
        client.post(reverse("claims:note_edit", args=[note.pk]), {"body": "x"}).status_code == 403
    )
    assert client.post(reverse("claims:note_delete", args=[note.pk])).status_code == 403
    client.force_login(admin_user)
    assert client.post(reverse("claims:note_delete", args=[note.pk])).status_code == 302
    assert not Note.objects.exists()


def test_viewers_cannot_add_notes(viewer_client, claim):
    url = reverse("claims:claim_note_add", args=[claim.pk])
    assert viewer_client.post(url, {"body": "hi"}, headers=HX).status_code == 403


def test_adding_a_note_to_a_link_updates_its_count_in_the_compare_view(analyst_client, analyst):
    from django.urls import reverse

    from .factories import make_conflict

    row = make_conflict()
    from claims.services import create_link

    link, _ = create_link(
        source=row.claim_a, target=row.claim_b, relation="related", author=analyst
    )
    compare = reverse("claims:compare", args=[row.article_a_id, row.article_b_id])
    headers = {"HX-Request": "true", "HX-Current-URL": f"http://testserver{compare}"}
    url = reverse("claims:link_note_add", args=[link.pk])
    html = analyst_client.post(url, {"body": "Checked."}, headers=headers).content.decode()
    assert f'<span id="link-{link.pk}-note-count" hx-swap-oob="true">1</span>' in html
    elsewhere = {"HX-Request": "true", "HX-Current-URL": "http://testserver/articles/1/"}
    html = analyst_client.post(url, {"body": "Again."}, headers=elsewhere).content.decode()
    assert "note-count" not in html, "no out-of-band target where the page has none"
