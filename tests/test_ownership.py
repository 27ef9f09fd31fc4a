"""Who may change what, and changes made on a stale version: reviews and links.

Built from factories: no spaCy, no corpus."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.urls import reverse

from claims.models import Link, Note, ReviewStatus, Suggestion
from claims.services import ServiceError, create_link, delete_link, update_link
from claims.services.annotation import NOT_YOUR_LINK
from claims.services.review import LINK_HAS_NOTES, NOT_YOUR_CONFIRMATION, review

from .conftest import user_with_role
from .factories import make_conflict

HX = {"HX-Request": "true"}


@pytest.fixture
def other(db, django_user_model):
    return user_with_role(django_user_model, "olga", "analyst")


def test_a_review_on_a_stale_version_is_refused_with_who_and_when(db, analyst, other):
    row = make_conflict()
    review(
        suggestion=row, status="dismissed", reason="counts differ in scope", user=other, version=0
    )
    with pytest.raises(ServiceError) as caught:
        review(suggestion=row, status="confirmed", user=analyst, version=0)
    assert caught.value.status == 409
    assert caught.value.message.startswith("olga reviewed this at ")
    assert "(now dismissed)" in caught.value.message
    row.refresh_from_db()
    assert (row.status, row.reviewed_by, row.version) == ("dismissed", other, 1)


def test_the_dashboard_answers_409_in_place_for_a_stale_review(analyst_client, other):
    row = make_conflict()
    review(suggestion=row, status="resolved", reason="the toll rose", user=other)
    url = reverse("claims:conflict_review", args=[row.pk])
    response = analyst_client.post(url, {"status": "confirmed", "version": "0"}, headers=HX)
    assert response.status_code == 409
    html = response.content.decode()
    assert "olga reviewed this at" in html and f'id="conflict-{row.pk}"' in html
    assert not Link.objects.exists()


def test_withdrawing_a_confirmation_removes_the_link_it_drew(db, analyst):
    row = make_conflict()
    confirmed = review(suggestion=row, status="confirmed", user=analyst)
    assert Link.objects.filter(pk=confirmed.link_id, relation="contradicts").exists()
    dismissed = review(suggestion=row, status="dismissed", reason="same figure", user=analyst)
    assert dismissed.link_id is None and not Link.objects.exists()
    assert Suggestion.objects.get(pk=row.pk).status == ReviewStatus.DISMISSED


def test_only_the_confirmer_or_an_admin_withdraws_a_confirmation(db, analyst, other, admin_user):
    row = make_conflict()
    review(suggestion=row, status="confirmed", user=analyst)
    with pytest.raises(ServiceError) as caught:
        review(suggestion=row, status="open", user=other)
    assert (caught.value.status, caught.value.message) == (
        403,
        NOT_YOUR_CONFIRMATION.format(author="ana"),
    )
    assert Link.objects.count() == 1
    review(suggestion=row, status="open", user=admin_user)
    assert not Link.objects.exists()


def test_a_confirmation_whose_link_has_notes_is_not_withdrawn(db, analyst):
    row = make_conflict()
    link = review(suggestion=row, status="confirmed", user=analyst).link
    Note.objects.create(link=link, author=analyst, body="Checked with the ministry.")
    with pytest.raises(ServiceError, match=LINK_HAS_NOTES[:30]):
        review(suggestion=row, status="dismissed", reason="no", user=analyst)
    assert Link.objects.filter(pk=link.pk).exists() and Note.objects.count() == 1


def _link(author):
    row = make_conflict()
    return create_link(source=row.claim_a, target=row.claim_b, relation="related", author=author)[0]


def test_only_a_links_author_or_an_admin_changes_or_deletes_it(db, analyst, other, admin_user):
    link = _link(analyst)
    Note.objects.create(link=link, author=analyst, body="Mine.")
    for attempt in (
        lambda: update_link(link=link, relation="same", note="", user=other),
        lambda: delete_link(link=link, user=other),
    ):
        with pytest.raises(ServiceError) as caught:
            attempt()
        assert (caught.value.status, caught.value.message) == (
            403,
            NOT_YOUR_LINK.format(author="ana"),
        )
    assert Link.objects.get(pk=link.pk).relation == "related" and Note.objects.count() == 1
    update_link(link=link, relation="supports", note="", user=admin_user)
    delete_link(link=link, user=analyst)
    assert not Link.objects.exists()


def test_a_link_edit_on_a_stale_version_is_refused(db, analyst):
    link = _link(analyst)
    update_link(link=link, relation="supports", note="first", user=analyst, version=0)
    with pytest.raises(ServiceError) as caught:
        update_link(link=link, relation="same", note="second", user=analyst, version=0)
    assert caught.value.status == 409 and "after you opened it" in caught.value.message
    link.refresh_from_db()
    assert (link.relation, link.note, link.version) == ("supports", "first", 1)


def test_another_analysts_link_delete_is_403_in_the_browser(client, analyst, other):
    link = _link(analyst)
    client.force_login(other)
    a, b = link.source.article_id, link.target.article_id
    url = reverse("claims:link_delete", args=[a, b, link.pk])
    response = client.post(url, {"version": "0"}, headers=HX)
    assert response.status_code == 403 and "or an admin can change" in response.content.decode()
    assert Link.objects.filter(pk=link.pk).exists()


def _at_once(count: int, work) -> list:
    """Run ``work(i)`` in ``count`` threads released together; their results or errors."""
    barrier, results = threading.Barrier(count), [None] * count

    def run(i: int) -> None:
        barrier.wait()
        try:
            results[i] = work(i)
        except Exception as exc:  # collected for the assertions
            results[i] = exc
        finally:
            connection.close()  # this thread's own connection

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.mark.django_db(transaction=True)
def test_twenty_analysts_reviewing_one_conflict_at_once(django_user_model):
    row = make_conflict()
    users = [user_with_role(django_user_model, f"a{i}", "analyst") for i in range(20)]
    results = _at_once(
        20, lambda i: review(suggestion=row, status="confirmed", user=users[i], version=0)
    )
    saved = [r for r in results if isinstance(r, Suggestion)]
    refused = [r for r in results if isinstance(r, ServiceError)]
    assert len(saved) == 1 and len(refused) == 19, results
    assert all(r.status == 409 and "reviewed this at" in r.message for r in refused)
    assert Link.objects.count() == 1 and Suggestion.objects.get().version == 1


@pytest.mark.django_db(transaction=True)
def test_twenty_analysts_drawing_the_same_link_at_once(django_user_model):
    row = make_conflict()
    users = [user_with_role(django_user_model, f"b{i}", "analyst") for i in range(20)]
    results = _at_once(
        20,
        lambda i: create_link(
            source=row.claim_a, target=row.claim_b, relation="supports", author=users[i]
        ),
    )
    assert not [r for r in results if isinstance(r, Exception)], results
    assert Link.objects.count() == 1
    assert sum(1 for _, created in results if created) == 1


@pytest.mark.django_db(transaction=True)
def test_twenty_analysts_adding_the_same_alias_at_once():
    from claims.models import EntityAlias
    from claims.services.stories import ALIAS_EXISTS, add_alias

    results = _at_once(
        20, lambda i: add_alias(alias="the Kremlin", canonical="Russian government", user=None)
    )
    refused = [r for r in results if isinstance(r, ServiceError)]
    assert len(refused) == 19 and all(r.message == ALIAS_EXISTS for r in refused), results
    assert EntityAlias.objects.count() == 1
