"""The conflicts dashboard in Chromium: reviewing an entry, and a review on its way."""

from __future__ import annotations

import datetime as dt

from playwright.sync_api import expect

from .helpers import (
    needs_chromium,
    screenshot,
    serious_violations,
)

pytestmark = needs_chromium


def test_review_a_conflict_on_the_dashboard_and_open_it_side_by_side(page, articles):
    from claims.models import Suggestion

    row_of = Suggestion.objects.conflicts().filter(reason__contains="both cite Bloomberg").get
    suggestion = row_of()
    page.goto(f"{page.base}/conflicts/")
    screenshot(page, "conflicts")
    assert serious_violations(page) == [], "conflicts dashboard"
    row = page.locator(f"#conflict-{suggestion.pk}")
    row.locator("select[name=status]").select_option("dismissed")
    row.locator("button[type=submit]").click()  # a dismissal needs a reason
    page.wait_for_selector(f"#conflict-{suggestion.pk} .error")
    assert Suggestion.objects.get(pk=suggestion.pk).status == "open"
    row = page.locator(f"#conflict-{suggestion.pk}")  # swapped in by HTMX
    row.locator("select[name=status]").select_option("dismissed")
    row.locator("input[name=reason]").fill("Both figures come from one Bloomberg story.")
    row.locator("button[type=submit]").click()
    page.wait_for_selector(f"#conflict-{suggestion.pk}.status-dismissed .success")
    reviewed = row_of()
    assert (reviewed.status, reviewed.reviewed_by.username) == ("dismissed", "ana")
    page.locator(f"#conflict-{suggestion.pk} a", has_text="Open side by side").click()
    page.wait_for_url("**/compare/**?show=**")
    page.wait_for_selector(".compare mark.claim.active")
    for claim in (reviewed.claim_a_id, reviewed.claim_b_id):
        active = page.locator(f"mark.claim.active[data-claims~='{claim}']")
        assert active.count() >= 1, claim


def test_a_review_on_its_way_disables_its_button_and_says_it_is_busy(page, articles):
    import time

    from claims.models import Suggestion

    suggestion = Suggestion.objects.conflicts().first()

    def slow(route):
        time.sleep(1.0)  # a slow server: long enough to look at the page meanwhile
        route.continue_()

    page.route("**/review/", slow)
    page.goto(f"{page.base}/conflicts/")
    row = page.locator(f"#conflict-{suggestion.pk}")
    row.locator("select[name=status]").select_option("confirmed")
    button = row.locator("form.review-form button[type=submit]")
    button.click()
    expect(button).to_be_disabled()
    expect(row.locator("form.review-form")).to_have_attribute("aria-busy", "true")
    page.wait_for_selector(f"#conflict-{suggestion.pk}.status-confirmed .success")
    expect(button).to_be_enabled()
    page.unroute("**/review/")
    row.get_by_role("button", name="Undo (back to open)").click()
    page.wait_for_selector(f"#conflict-{suggestion.pk}.status-open .success")


def test_a_dismissed_entry_no_longer_marks_the_fact_table_or_the_timeline(page, articles):
    from claims.models import Article, Suggestion

    story = Article.objects.get(pk=articles[0]).story_id
    # reports of one day: their disagreement is a conflict, drawn on the timeline
    Article.objects.filter(pk__in=articles).update(published=dt.date(2017, 9, 8))
    head = (
        Suggestion.objects.conflicts()
        .filter(internal=False, topic="death toll", status="open")
        .order_by("-score", "pk")
        .first()
    )
    marks = (
        "() => [...document.querySelectorAll('.fact-table .flag + .meta')]"
        ".map(m => m.textContent).join('|')"
    )
    rings = "() => document.querySelectorAll('.timeline .conflict-ring').length"
    page.goto(f"{page.base}/stories/{story}/facts/")
    before, rings_before = page.evaluate(marks), page.evaluate(rings)
    page.goto(f"{page.base}/conflicts/?story={story}")
    row = page.locator(f"#conflict-{head.pk}")
    row.locator("select[name=status]").select_option("dismissed")
    row.locator("input[name=reason]").fill("One wire story, counted twice.")
    row.locator("button[type=submit]").click()
    page.wait_for_selector(f"#conflict-{head.pk}.status-dismissed .success")
    page.goto(f"{page.base}/stories/{story}/facts/")
    after = page.evaluate(marks)
    assert len(after) < len(before), "fewer figures are named as in conflict"
    assert page.evaluate(rings) < rings_before, "the timeline rings fewer figures"
    assert Suggestion.objects.get(pk=head.pk).status == "dismissed"
