"""Undoing a link's deletion: the link back as it was, with its notes, for whoever may change it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from claims.models import Link

pytestmark = pytest.mark.django_db

HX = {"HX-Request": "true"}


def _linked_with_a_note(analyst):
    from claims.models import Note

    from .factories import make_conflict

    row = make_conflict()  # an open matcher suggestion: the link below confirms it
    a, b = row.claim_a.article, row.claim_b.article
    link = Link.objects.create(
        source=row.claim_a, target=row.claim_b, relation="contradicts", author=analyst
    )
    row.link, row.status = link, "confirmed"
    row.save()
    Note.objects.create(link=link, body="Asked the ministry.", author=analyst)
    return a, b, link, row


def test_a_deleted_link_comes_back_with_its_notes_on_undo(analyst_client, analyst):
    a, b, link, row = _linked_with_a_note(analyst)
    delete = reverse("claims:link_delete", args=[a.pk, b.pk, link.pk])
    html = analyst_client.post(delete, headers=HX).content.decode()
    restore = reverse("claims:link_restore", args=[a.pk, b.pk, link.pk])
    assert "Link deleted." in html and f'hx-post="{restore}"' in html and ">Undo<" in html
    assert not Link.objects.exists()
    row.refresh_from_db()
    assert row.status == "open", "the deletion reopened the suggestion it confirmed"
    html = analyst_client.post(restore, headers=HX).content.decode()
    assert "Link brought back." in html and f'id="link-{link.pk}"' in html
    back = Link.objects.get()
    assert (back.pk, back.relation, back.author) == (link.pk, "contradicts", analyst)
    assert [n.body for n in back.notes.all()] == ["Asked the ministry."]
    row.refresh_from_db()
    assert (row.status, row.link_id) == ("confirmed", link.pk), "confirmed by it again"
    again = analyst_client.post(restore, headers=HX)
    assert again.status_code == 400 and "there already" in again.content.decode()


def test_only_who_may_change_a_link_brings_it_back(client, analyst):
    from .factories import make_user

    a, b, link, _ = _linked_with_a_note(analyst)
    client.force_login(analyst)
    client.post(reverse("claims:link_delete", args=[a.pk, b.pk, link.pk]), headers=HX)
    client.force_login(make_user("other", "analyst"))
    restore = reverse("claims:link_restore", args=[a.pk, b.pk, link.pk])
    assert client.post(restore, headers=HX).status_code == 403
    assert not Link.objects.exists()
    never = reverse("claims:link_restore", args=[a.pk, b.pk, link.pk + 1000])
    response = client.post(never, headers=HX)
    assert response.status_code == 404 and "no record of its deletion" in response.content.decode()
