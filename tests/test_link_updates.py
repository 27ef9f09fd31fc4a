"""What the compare view shows after a write: the paragraphs of the link's ends swapped
out of band, and the cached links list, each checked against what a fresh page draws."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from claims.models import Link

from .linking import ABOUT_100, AROUND_200, claim_with, post_link

pytestmark = pytest.mark.django_db
HX = {"HX-Request": "true"}


PARAGRAPH = re.compile(r'<(p|h2) id="([ab]-para-\d+)" class="para"[^>]*>.*?</\1>', re.S)


def paragraphs(html: str) -> dict[str, str]:
    """id -> the paragraph element, without its out-of-band swap attribute."""
    return {
        m.group(2): m.group(0).replace(' hx-swap-oob="true"', "") for m in PARAGRAPH.finditer(html)
    }


def test_a_link_redraws_only_the_paragraphs_of_its_ends_as_a_fresh_page_draws_them(
    analyst_client, invented_pair
):
    """A link between existing claims redraws no column: the answer carries the
    paragraphs of its ends, each as a reload draws it, through an edit and a delete
    too; an overlapping manual claim on the source side shares some of its marks."""
    a, b = invented_pair
    source, target = claim_with(a, ABOUT_100), claim_with(b, AROUND_200)
    elsewhere = claim_with(b, "Kurdish")
    assert elsewhere.pk != target.pk
    inner = source.start + source.text.index("about 100")
    overlap = post_link(analyst_client, a, b, inner, inner + 9, elsewhere.pk, headers=HX)
    assert 'id="column-a"' in overlap.content.decode()  # a new manual claim: redrawn
    assert 'id="column-b"' not in overlap.content.decode()
    assert any(pid.startswith("b-") for pid in paragraphs(overlap.content.decode()))
    compare = reverse("claims:compare", args=[a.pk, b.pk])

    def check(response, relation: str) -> None:
        html = response.content.decode()
        assert response.status_code == 200 and 'id="column-' not in html  # nothing redrawn
        sent, drawn = paragraphs(html), paragraphs(analyst_client.get(compare).content.decode())
        assert {pid[0] for pid in sent} == {"a", "b"}
        swapped = [m.group(0) for m in PARAGRAPH.finditer(html)]
        assert all('hx-swap-oob="true"' in paragraph for paragraph in swapped)
        for pid, paragraph in sent.items():
            assert paragraph == drawn[pid], pid
        on_target = re.findall(rf'<mark class="([^"]*)" data-claims="{target.pk}"', html)
        assert set(on_target) == {f"claim rel-{relation}" if relation else "claim"}
        # the marks the source shares with the manual claim keep its contradiction
        assert "claim rel-contradicts" in "".join(p for i, p in sent.items() if i[0] == "a")

    link_it = (analyst_client, a, b, source.start, source.end, target.pk)
    check(post_link(*link_it, relation="refines", headers=HX), "refines")
    again = post_link(*link_it, relation="refines", headers=HX)
    assert "already linked" in again.content.decode() and not paragraphs(again.content.decode())
    link = Link.objects.get(source=source, target=target)
    edit = reverse("claims:link_edit", args=[a.pk, b.pk, link.pk])
    check(analyst_client.post(edit, {"relation": "supports"}, headers=HX), "supports")
    delete = reverse("claims:link_delete", args=[a.pk, b.pk, link.pk])
    check(analyst_client.post(delete, headers=HX), "")


def test_the_links_list_follows_every_change_though_it_is_cached(
    analyst_client, viewer, analyst, invented_pair
):
    from django.test import Client

    from claims.services.annotation import add_note

    viewer_client = Client()
    viewer_client.force_login(viewer)
    a, b = invented_pair
    url = reverse("claims:compare", args=[a.pk, b.pk])

    def links_region(client) -> str:
        return client.get(url, headers={**HX, "HX-Target": "links"}).content.decode()

    assert 'id="links-empty">No links yet.' in links_region(analyst_client)
    link = Link.objects.create(
        source=claim_with(a, ABOUT_100), target=claim_with(b, AROUND_200), relation="related"
    )
    html = links_region(analyst_client)
    assert "Related" in html and 'id="links-empty" hidden>' in html  # added
    link.relation, link.note = "contradicts", "100 against 200"
    link.save()
    html = links_region(analyst_client)
    assert "Contradicts" in html and "100 against 200" in html  # edited
    assert 'note-count">0</span>)' in html and ">Edit</a>" in html
    add_note(link=link, author=analyst, body="Checked with the wire.")
    assert 'note-count">1</span>)' in links_region(analyst_client)  # a note on it
    assert ">Edit</a>" not in links_region(viewer_client)  # drawn per role
    link.delete()
    assert 'id="links-empty">No links yet.' in links_region(analyst_client)  # deleted
