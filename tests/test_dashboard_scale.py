"""The dashboard of a large archive: it lists the best scored (or newest) rows of its
filters up to a cap, says so, and a story's own dashboard is not cut by other stories."""

from __future__ import annotations

import pytest
from django.urls import reverse

from claims.views import conflicts
from tests.factories import make_article, make_claim, make_story, make_suggestion


@pytest.fixture
def ten_conflicts(db):
    """Ten conflicts of story A, scored 0.10 to 1.00, and one of story B, scored 0.05."""
    a, b = make_story("Story A"), make_story("Story B")
    rows = []
    for i in range(1, 11):
        first = make_article(body=f"Officials said {i} people died.", story=a)
        second = make_article(body=f"Rescuers said {i + 20} people died.", story=a)
        rows.append(make_suggestion(make_claim(first), make_claim(second), score=i / 10))
    first = make_article(body="Police said 3 people died.", story=b)
    second = make_article(body="Medics said 30 people died.", story=b)
    other = make_suggestion(make_claim(first), make_claim(second), score=0.05)
    return a, b, rows, other


def test_the_dashboard_lists_the_best_rows_up_to_its_cap_and_says_so(
    viewer_client, ten_conflicts, monkeypatch
):
    a, b, rows, other = ten_conflicts
    monkeypatch.setattr(conflicts, "MAX_LISTED", 4)
    response = viewer_client.get(reverse("claims:conflict_list"))
    shown = {row.pk for row in response.context["page"].object_list}
    assert shown == {r.pk for r in rows[-4:]}, "the four best scored"
    assert response.context["capped"]
    assert "from the 4 best-scored sentence pairs" in response.text
    counted = {c["article_a__story__name"]: c["total"] for c in response.context["story_counts"]}
    assert counted == {"Story A": 4}

    newest = viewer_client.get(reverse("claims:conflict_list"), {"sort": "date"})
    assert {row.pk for row in newest.context["page"].object_list} == {
        rows[-3].pk,
        rows[-2].pk,
        rows[-1].pk,
        other.pk,
    }
    assert "from the 4 newest sentence pairs" in newest.text


def test_a_story_is_listed_in_full_when_its_rows_fit_the_cap(
    viewer_client, ten_conflicts, monkeypatch
):
    a, b, rows, other = ten_conflicts
    monkeypatch.setattr(conflicts, "MAX_LISTED", 4)
    response = viewer_client.get(reverse("claims:conflict_list"), {"story": b.pk})
    assert [row.pk for row in response.context["page"].object_list] == [other.pk]
    assert not response.context["capped"]
    assert "best-scored sentence pairs" not in response.text


def test_under_the_cap_every_row_is_listed(viewer_client, ten_conflicts):
    response = viewer_client.get(reverse("claims:conflict_list"))
    assert len(response.context["page"].object_list) == 11
    assert not response.context["capped"]


def test_the_source_filter_reads_its_words_literally_in_any_case(db):
    """ "U.S. (official)" is text to find, not a pattern: its dots and brackets match
    themselves only, and any case matches."""
    from claims.models import Suggestion

    story = make_story("Story C")
    rows = {}
    for speaker in ("a U.S. (official)", "a US official", "Rescuers"):
        first = make_article(body=f"Somebody said {len(rows) + 2} people died.", story=story)
        second = make_article(body=f"Somebody said {len(rows) + 40} people died.", story=story)
        claim = make_claim(first, speaker=speaker)
        rows[speaker] = make_suggestion(claim, make_claim(second)).pk
    conflicts_ = Suggestion.objects.conflicts()

    def found(source: str) -> set[int]:
        return set(conflicts_.review_filtered(source=source).values_list("pk", flat=True))

    assert found("u.s. (OFFICIAL)") == {rows["a U.S. (official)"]}
    assert found("U.S") == {rows["a U.S. (official)"]}, "the dot is a dot, not any letter"
    assert found(" official ") == {rows["a U.S. (official)"], rows["a US official"]}
    assert found("[a-z]+") == set()
