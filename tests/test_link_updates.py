"""What the compare view shows after a write: highlights restyled in place, and the
cached links list, each checked against what a fresh page draws."""

from __future__ import annotations

import json
import re

import pytest
from django.urls import reverse

from claims.models import Link

from .linking import ABOUT_100, AROUND_200, claim_with, post_link

pytestmark = pytest.mark.django_db
HX = {"HX-Request": "true"}


MARK = re.compile(r'<mark class="([^"]*)" data-claims="([^"]*)" data-start="(\d+)"')


def drawn_marks(client, a, b) -> dict[str, dict[int, tuple[str, set[str]]]]:
    """side -> {start: (classes, claim ids)} of every highlight, as a fresh page draws them."""
    html = client.get(reverse("claims:compare", args=[a.pk, b.pk])).content.decode()
    found = {}
    for side in ("a", "b"):
        column = html[html.index(f'data-side="{side}"') :].split("</section>")[0]
        found[side] = {
            int(start): (classes, set(ids.split())) for classes, ids, start in MARK.findall(column)
        }
    return found


def highlight_event(response) -> dict[str, dict[int, str]]:
    sent = json.loads(response.headers.get("HX-Trigger-After-Swap", "{}"))
    sides = sent.get("newsdesk:highlights", {}).get("sides", {})
    return {side: dict(marks) for side, marks in sides.items()}


def test_a_link_updates_only_the_highlights_it_changed_as_a_fresh_page_draws_them(
    analyst_client, pair
):
    """A link between existing claims redraws no column: the event names each highlight
    on its ends with the classes a reload would give, through an edit and a delete too;
    an overlapping manual claim on the source side shares some of those highlights."""
    a, b = pair
    source, target = claim_with(a, ABOUT_100), claim_with(b, AROUND_200)
    elsewhere = claim_with(b, "Kurdish")
    assert elsewhere.pk != target.pk
    inner = source.start + source.text.index("about 100")
    overlap = post_link(analyst_client, a, b, inner, inner + 9, elsewhere.pk, headers=HX)
    assert 'id="column-a"' in overlap.content.decode()  # a new manual claim: redrawn
    assert 'id="column-b"' not in overlap.content.decode()
    assert "b" in highlight_event(overlap)

    def check(response, relation: str) -> None:
        html = response.content.decode()
        assert response.status_code == 200 and 'id="column-' not in html  # nothing redrawn
        sent, drawn = highlight_event(response), drawn_marks(analyst_client, a, b)
        for side, claim in (("a", source), ("b", target)):
            on_claim = {s: c for s, (c, ids) in drawn[side].items() if str(claim.pk) in ids}
            assert on_claim and sent[side] == on_claim, side
        on_target = [c for c, ids in drawn["b"].values() if str(target.pk) in ids]
        assert set(on_target) == {f"claim rel-{relation}" if relation else "claim"}
        # the marks the source shares with the manual claim keep its contradiction
        assert "claim rel-contradicts" in sent["a"].values()

    link_it = (analyst_client, a, b, source.start, source.end, target.pk)
    check(post_link(*link_it, relation="refines", headers=HX), "refines")
    again = post_link(*link_it, relation="refines", headers=HX)
    assert "already linked" in again.content.decode() and highlight_event(again) == {}
    link = Link.objects.get(source=source, target=target)
    edit = reverse("claims:link_edit", args=[a.pk, b.pk, link.pk])
    check(analyst_client.post(edit, {"relation": "supports"}, headers=HX), "supports")
    delete = reverse("claims:link_delete", args=[a.pk, b.pk, link.pk])
    check(analyst_client.post(delete, headers=HX), "")


def test_the_links_list_follows_every_change_though_it_is_cached(
    analyst_client, viewer, analyst, pair
):
    from django.test import Client

    from claims.services.annotation import add_note

    viewer_client = Client()
    viewer_client.force_login(viewer)
    a, b = pair
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
