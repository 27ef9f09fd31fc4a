"""The conflicts as they leave Newsdesk: the CSV download and `manage.py conflicts`."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from claims.models import Suggestion


def test_csv_export_has_every_row_shown(viewer_client, matched_pair):
    response = viewer_client.get(reverse("claims:conflict_export"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:3] == ["kind", "relation", "status"]
    shown = Suggestion.objects.conflicts().filter(status__in=["open", "confirmed"]).count()
    assert len(rows) - 1 == shown
    assert any("Reuters" in cell for row in rows for cell in row)


def test_csv_cells_never_start_a_formula():
    from claims.views.conflicts import _cell

    assert _cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert _cell("about 100") == "about 100"


def test_conflicts_command_prints_json_lines_with_offsets(matched_pair):
    out = io.StringIO()
    call_command("conflicts", "--json", stdout=out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert lines
    texts = {a.pk: a.text for a in matched_pair}
    for line in lines:
        assert {"kind", "relation", "status", "score", "reason", "internal", "a", "b"} <= set(line)
        assert isinstance(line["update"], bool) and isinstance(line["hedged"], bool)
        for end in (line["a"], line["b"]):
            assert texts[end["article"]][end["start"] : end["end"]] == end["text"]
    assert any(line["internal"] for line in lines)


def test_conflicts_command_filters_and_refuses_an_unknown_story(matched_pair):
    out = io.StringIO()
    call_command("conflicts", "--json", "--status", "dismissed", stdout=out)
    assert out.getvalue() == ""
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("conflicts", "--json", "--story", "999999")


def test_conflicts_command_prints_entries_with_their_sentence_pairs(db):
    from .factories import make_article, make_claim, make_matcher_conflict, make_story

    story = make_story()
    wire = "Officials said 12 people died."
    a, b = make_article(body=wire, story=story), make_article(body="Wire: " + wire, story=story)
    c = make_article(body="Rescuers said 40 people died.", story=story)
    d = make_article(body="The mayor said 3 bridges fell.", story=story)
    twelve, twelve_copy, forty = make_claim(a, wire), make_claim(b, wire), make_claim(c)
    for key, claim in (("x1", twelve), ("x2", twelve_copy)):
        make_matcher_conflict(claim, forty, key=key, entry="toll|12|40", reason="12 versus 40")
    make_matcher_conflict(forty, make_claim(d), key="x3", entry="other", reason="another")
    out = io.StringIO()
    call_command("conflicts", "--json", "--entries", "--story", str(story.pk), stdout=out)
    entries = [json.loads(line) for line in out.getvalue().splitlines()]
    assert sorted(len(e["pairs"]) for e in entries) == [1, 2], "two entries, not three rows"
    (toll,) = [e for e in entries if e["entry"] == "toll|12|40"]
    assert (toll["reports"], toll["independent"]) == (3, 2), "a wire copy counts once"
    assert {p["a"]["text"] for p in toll["pairs"]} | {p["b"]["text"] for p in toll["pairs"]} >= {
        wire,
        "Rescuers said 40 people died.",
    }
    out = io.StringIO()
    call_command("conflicts", "--entries", "--story", str(story.pk), stdout=out)
    assert "(2 sentence pairs, 3 reports, 2 independent)" in out.getvalue()


def test_an_entry_of_many_wire_copies_draws_its_best_pairs_and_counts_the_rest(db, analyst_client):
    from claims.entries import SHOWN_PAIRS

    from .factories import make_article, make_claim, make_matcher_conflict, make_story

    story = make_story()
    wire = "Officials said 12 people died."
    forty = make_claim(make_article(body="Rescuers said 40 people died.", story=story))
    copies = SHOWN_PAIRS + 8
    for i in range(copies):
        claim = make_claim(make_article(body=f"Outlet {i}: {wire}", story=story), wire)
        make_matcher_conflict(
            claim,
            forty,
            key=f"w{i}",
            entry="toll|12|40",
            reason="12 versus 40",
            score=0.9 - i / 100,
        )
    page = analyst_client.get(f"/conflicts/?story={story.pk}").content.decode()
    assert page.count("side by side</a></li>") == SHOWN_PAIRS, "the best scored pairs only"
    assert f"{copies - 1} more sentence pairs" in page and f"{copies + 1} reports" in page
    assert "2 independent" in page, "every copy of one wire sentence counts once"
    out = io.StringIO()
    call_command("conflicts", "--json", "--entries", "--story", str(story.pk), stdout=out)
    (entry,) = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(entry["pairs"]) == copies, "an export gives every pair"
