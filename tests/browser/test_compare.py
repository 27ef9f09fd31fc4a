"""The compare view in Chromium: linking by mouse and by keyboard, suggestions, undo."""

from __future__ import annotations

from playwright.sync_api import expect

from claims.models import Link

from .helpers import (
    CLAIM_B,
    SENTENCE_A,
    assert_linked,
    drag_select,
    needs_chromium,
    screenshot,
    tab_to,
)

pytestmark = needs_chromium


def test_link_a_dragged_selection_to_a_clicked_claim(page, articles):
    a, b = articles
    page.goto(f"{page.base}/compare/{a}/{b}/")
    drag_select(page, "a", SENTENCE_A)
    page.wait_for_selector("#link-panel form")
    assert page.inner_text("#link-panel .selected-text") == SENTENCE_A
    apart = page.evaluate(
        """() => {
            const p = document.querySelector('#link-panel').getBoundingClientRect();
            return [...document.querySelectorAll('.compare .column')].every((c) => {
                const r = c.getBoundingClientRect();
                return p.left >= r.right || p.right <= r.left;
            });
        }"""
    )
    assert apart, "on a wide screen the panel covers neither column"
    page.locator('.article-text[data-side="b"] mark', has_text=CLAIM_B).first.click()
    page.wait_for_selector(f'#link-panel label.target:has-text("{CLAIM_B[:40]}") input:checked')
    page.check('#link-panel input[name="relation"][value="contradicts"]')
    screenshot(page, "compare-link-panel")
    page.click("#link-panel button[type=submit]")
    page.wait_for_selector("#link-panel .success")
    assert page.locator("#links .link-item").count() == 1
    assert_linked(page, a, b)
    page.click("#links .link-show")
    active = page.eval_on_selector_all(
        "mark.claim.active", "ms => ms.map(m => m.closest('.article-text').dataset.side)"
    )
    assert set(active) == {"a", "b"}
    screenshot(page, "compare")


def test_link_with_the_keyboard_only(page, articles):
    a, b = articles
    page.goto(f"{page.base}/compare/{a}/{b}/")
    tab_to(page, SENTENCE_A[:20])
    page.keyboard.press("Enter")
    page.wait_for_selector("#link-panel form")
    assert page.inner_text("#link-panel .selected-text") == SENTENCE_A
    tab_to(page, CLAIM_B[:20], backwards=True)
    page.keyboard.press("Enter")
    page.wait_for_selector(f'#link-panel label.target:has-text("{CLAIM_B[:40]}") input:checked')
    expect(page.locator("[name=target]:focus")).to_have_count(1)
    page.keyboard.press("Tab")  # into the relations
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")  # same -> supports -> contradicts
    assert page.eval_on_selector("input[name=relation]:checked", "e => e.value") == "contradicts"
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_selector("#link-panel .success")
    assert_linked(page, a, b)


def test_escape_closes_the_panel(page, articles):
    a, b = articles
    page.goto(f"{page.base}/compare/{a}/{b}/")
    drag_select(page, "b", CLAIM_B)
    page.wait_for_selector("#link-panel form")
    page.keyboard.press("Escape")
    page.wait_for_selector("#link-panel form", state="detached")


def test_accept_a_suggestion_in_the_compare_view(page, articles):
    from claims.models import Suggestion

    a, b = articles
    page.goto(f"{page.base}/compare/{a}/{b}/")
    first = page.locator("#suggestions li").first
    suggestion = Suggestion.objects.get(pk=first.get_attribute("id").split("-")[1])
    # beside the columns: showing one scrolls the two columns, never the page
    beside = page.evaluate(
        "() => document.querySelector('#suggestions').getBoundingClientRect().left"
        " > document.querySelector('.compare').getBoundingClientRect().right"
    )
    assert beside, "the suggestions sit to the right of the two columns"
    before = page.evaluate("() => window.scrollY")
    first.get_by_role("button", name="Show").click()
    page.wait_for_selector(".compare mark.claim.active")
    assert page.evaluate("() => window.scrollY") == before
    for side in "ab":
        visible = page.evaluate(
            """(side) => {
                const root = document.querySelector(`.article-text[data-side="${side}"]`);
                const mark = root.querySelector('mark.claim.active');
                const r = mark.getBoundingClientRect(), box = root.getBoundingClientRect();
                return r.top >= box.top && r.bottom <= box.bottom;
            }""",
            side,
        )
        assert visible, f"the shown claim is in view in column {side}"
    first.get_by_role("button", name="Accept").click()
    expect(page.locator("#links-count")).to_have_text("1")
    link = Link.objects.get()
    assert {link.source_id, link.target_id} == {suggestion.claim_a_id, suggestion.claim_b_id}
    assert link.relation == suggestion.relation
    page.wait_for_selector(f"#link-{link.pk}")
    # both ends restyled in place, still shown as chosen
    for side in "ab":
        page.wait_for_selector(f'[data-side="{side}"] mark.rel-{link.relation}.active')


def test_a_deleted_link_comes_back_with_undo(page, articles, analyst_user):
    from claims.models import Claim

    a, b = articles
    source = Claim.objects.get(article_id=a, text=SENTENCE_A)
    target = Claim.objects.get(article_id=b, text=CLAIM_B)
    link = Link.objects.create(
        source=source, target=target, relation="contradicts", author=analyst_user
    )
    page.goto(f"{page.base}/compare/{a}/{b}/")
    page.locator(f"#link-{link.pk}").get_by_role("link", name="Delete").click()
    expect(page.locator("#links-count")).to_have_text("0")
    assert not Link.objects.exists()
    page.locator("#link-panel .with-undo").get_by_role("button", name="Undo").click()
    expect(page.locator("#links-count")).to_have_text("1")
    page.wait_for_selector(f"#link-{link.pk}")
    assert Link.objects.get().pk == link.pk


def test_the_panel_never_chooses_the_selections_own_words(page, articles):
    a, b = articles
    page.goto(f"{page.base}/compare/{a}/{b}/")
    drag_select(page, "a", SENTENCE_A)
    page.wait_for_selector("#link-panel form")
    twin = page.locator("#link-panel label.target", has_text="same words as the selection")
    expect(twin).to_have_count(1)
    expect(twin.locator("input")).not_to_be_checked()


def test_a_drag_that_leaves_out_the_quotes_links_the_existing_claim(page, articles):
    a, b = articles
    page.goto(f"{page.base}/compare/{a}/{b}/")
    drag_select(page, "a", SENTENCE_A.strip("“”"))
    page.wait_for_selector("#link-panel form")
    expect(page.locator("#panel-title")).to_have_text("Link this claim")
    expect(page.locator("#link-panel .badge", has_text="new manual claim")).to_have_count(0)


def test_the_saved_message_leaves_the_page_clickable(page, articles):
    a, b = articles
    page.goto(f"{page.base}/compare/{a}/{b}/")
    drag_select(page, "a", SENTENCE_A)
    page.wait_for_selector("#link-panel form")
    # the relation is chosen first; choosing the target in the column keeps it
    page.check('#link-panel input[name="relation"][value="contradicts"]')
    page.fill("#link-note", "checked against the wire")
    page.locator('.article-text[data-side="b"] mark', has_text=CLAIM_B).first.click()
    page.wait_for_selector(f'#link-panel label.target:has-text("{CLAIM_B[:40]}") input:checked')
    expect(page.locator('#link-panel input[name="relation"][value="contradicts"]')).to_be_checked()
    expect(page.locator("#link-note")).to_have_value("checked against the wire")
    page.click("#link-panel button[type=submit]")
    page.wait_for_selector("#link-panel .success")
    # the message is still showing: a click under it reaches the page
    page.locator("#links .link-item").first.get_by_role("link", name="Notes").click(timeout=3000)
    page.wait_for_selector("#links .link-item form textarea, #links .link-item .notes")


def test_show_a_sentence_both_articles_print_alike(page, articles):
    """The sample pair both quote one Bloomberg sentence: listed once, shown in both."""
    a, b = articles
    page.goto(f"{page.base}/compare/{a}/{b}/")
    copies = page.locator("#suggestions .copy-item")
    expect(copies).not_to_have_count(0)
    copies.first.get_by_role("button", name="Show").click()
    page.wait_for_selector(".compare mark.claim.active")
    active = page.eval_on_selector_all(
        "mark.claim.active", "ms => ms.map(m => m.closest('.article-text').dataset.side)"
    )
    assert set(active) == {"a", "b"}
    texts = page.eval_on_selector_all("mark.claim.active", "ms => ms.map(m => m.textContent)")
    # one printed inside quotation marks, the other not: the same sentence
    assert len({t.strip('\u201c\u201d" ') for t in texts}) == 1
