"""Real headless Chromium (Debian's) driven by Playwright against a live server."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from claims.models import Link

from .conftest import ARTICLE_A, ARTICLE_B

# Waits use Playwright's expect(), not wait_for_function: a string predicate is evaluated
# with eval, which the Content-Security-Policy refuses, as it should.
# Playwright's sync API runs an event loop in this thread; the ORM calls made by the
# test itself between browser steps are still plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(settings.BASE_DIR) / "tests" / "artifacts"
AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
PASSWORD = "a long test password"
SENTENCE_A = (
    "“The U.S. official put the death toll in the fighting at about 100, with 200 to 300 "
    "injured, but was unable to say how many were Russians.”"
)
CLAIM_B = "When the dust settled around 200 Russians were dead and hundreds wounded."

pytestmark = pytest.mark.skipif(
    not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists() and os.environ.get("CI") != "true",
    reason="Debian's chromium is not installed (make test installs it)",
)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def analyst_user(transactional_db, django_user_model):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("ana", password=PASSWORD)
    user.groups.add(Group.objects.get_or_create(name="analyst")[0])
    return user


@pytest.fixture
def page(browser, live_server, analyst_user):
    context = browser.new_context(viewport={"width": 1400, "height": 950})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.base = live_server.url
    # Anything the Content-Security-Policy blocks is a page that relies on inline code.
    blocked: list[str] = []
    page.on(
        "console",
        lambda m: (
            blocked.append(f"{m.text} at {m.location}")
            if "Content Security Policy" in m.text
            else None
        ),
    )
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "ana")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    yield page
    context.close()
    assert blocked == [], blocked


@pytest.fixture
def articles(transactional_db, corpus):
    from claims.services import ingest

    from .conftest import sample_input

    results = ingest([sample_input(corpus, ARTICLE_A), sample_input(corpus, ARTICLE_B)])
    return results[0].article, results[1].article


def screenshot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    # caret="initial": hiding the caret would inject a <style>, which the CSP refuses.
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False, caret="initial")


def serious_violations(page) -> list[str]:
    # Evaluated through DevTools: an injected <script> would be refused by the CSP.
    page.evaluate(f"() => {{ {AXE.read_text()}\n }}")
    result = page.evaluate("async () => await axe.run(document)")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


LOCATE_TEXT = """([column, text, scroll]) => {
    const root = document.querySelector(`.article-text[data-side="${column}"]`);
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const nodes = [];
    let full = "";
    while (walker.nextNode()) {
        nodes.push([walker.currentNode, full.length]);
        full += walker.currentNode.data;
    }
    const at = full.indexOf(text);
    const rect = (index) => {
        const [node, offset] = nodes.filter(([, o]) => o <= index).pop();
        const range = document.createRange();
        range.setStart(node, index - offset);
        range.setEnd(node, index - offset + 1);
        if (scroll) {  // scroll the column alone; the window stays put
            const r = range.getBoundingClientRect(), box = root.getBoundingClientRect();
            root.scrollTop += r.top - box.top - root.clientHeight / 2;
        }
        return range.getBoundingClientRect();
    };
    const first = rect(at), last = rect(at + text.length - 1);
    return {x1: first.left + 1, y1: first.top + first.height / 2,
            x2: last.right + 1, y2: last.top + last.height / 2};
}"""


def drag_select(page, column: str, text: str) -> None:
    """Select ``text`` in a column by dragging the mouse from its first to last letter."""
    page.evaluate(LOCATE_TEXT, [column, text, True])  # scroll it into view first
    page.wait_for_timeout(200)
    box = page.evaluate(LOCATE_TEXT, [column, text, False])
    page.mouse.move(box["x1"], box["y1"])
    page.mouse.down()
    page.mouse.move(box["x2"], box["y2"], steps=12)
    page.mouse.up()


def tab_to(page, startswith: str, *, backwards: bool = False, limit: int = 120) -> None:
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(limit):
        page.keyboard.press(key)
        text = page.evaluate("() => document.activeElement.textContent || ''")
        if text.startswith(startswith):
            return
    raise AssertionError(f"never reached an element starting with {startswith!r}")


def assert_linked(page, a: int, b: int) -> None:
    link = Link.objects.select_related("source", "target").get()
    assert link.relation == "contradicts"
    assert {link.source.text, link.target.text} == {SENTENCE_A, CLAIM_B}
    assert link.source.article_id == a and link.target.article_id == b
    # Without a reload (column a redrawn for its new claim, column b's marks restyled
    # by the highlights event), then after one: the same highlights.
    for reload in (False, True):
        if reload:
            page.reload()
        page.wait_for_selector('.article-text[data-side="b"] mark.rel-contradicts')
        marked = page.eval_on_selector_all(
            ".article-text mark.rel-contradicts",
            "ms => ms.map(m => m.closest('.article-text').dataset.side + ':' + m.textContent)",
        )
        assert f"a:{SENTENCE_A}" in marked and f"b:{CLAIM_B}" in marked


def test_link_a_dragged_selection_to_a_clicked_claim(page, articles):
    a, b = articles
    page.goto(f"{page.base}/compare/{a}/{b}/")
    drag_select(page, "a", SENTENCE_A)
    page.wait_for_selector("#link-panel form")
    assert page.inner_text("#link-panel .selected-text") == SENTENCE_A
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


def test_pages_have_no_serious_accessibility_violations(page, articles):
    a, b = articles
    for name, path in [
        ("list", "/"),
        ("reader", f"/articles/{a}/"),
        ("compare-page", f"/compare/{a}/{b}/"),
        ("ingest", "/ingest/"),
        ("stories", "/stories/"),
    ]:
        page.goto(page.base + path)
        screenshot(page, name)
        assert serious_violations(page) == [], name
    page.goto(f"{page.base}/compare/{a}/{b}/")
    drag_select(page, "a", SENTENCE_A)
    page.wait_for_selector("#link-panel form")
    assert serious_violations(page) == [], "open link panel"


def test_search_updates_the_list_and_the_address(page, articles):
    page.fill("#id_q", "Frolov")
    page.wait_for_url("**q=Frolov**")
    page.wait_for_selector("#results .snippet mark")
    assert page.locator("#results tbody tr").count() == 2
    page.fill("#id_q", "Blackwater")
    page.wait_for_url("**q=Blackwater**")
    expect(page.locator("#results tbody tr")).to_have_count(1)
    page.go_back()
    page.wait_for_url("**q=Frolov**")


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


def test_accept_a_suggestion_in_the_compare_view(page, articles):
    from claims.models import Suggestion

    a, b = articles
    page.goto(f"{page.base}/compare/{a}/{b}/")
    first = page.locator("#suggestions li").first
    suggestion = Suggestion.objects.get(pk=first.get_attribute("id").split("-")[1])
    first.get_by_role("button", name="Show").click()
    page.wait_for_selector(".compare mark.claim.active")
    first.get_by_role("button", name="Accept").click()
    expect(page.locator("#links-count")).to_have_text("1")
    link = Link.objects.get()
    assert {link.source_id, link.target_id} == {suggestion.claim_a_id, suggestion.claim_b_id}
    assert link.relation == suggestion.relation
    page.wait_for_selector(f"#link-{link.pk}")
    # both ends restyled in place, still shown as chosen
    for side in "ab":
        page.wait_for_selector(f'[data-side="{side}"] mark.rel-{link.relation}.active')


PAYLOADS = [
    '<img src=x onerror="alert(1)">',
    "<script>alert(2)</script>",
    '"><svg onload=alert(3)>',
    "{{ 7|add:7 }}{% now 'Y' %}",
    "' onmouseover='alert(5)' x='",
    "javascript:alert(6)",
    "</textarea></title><script>alert(7)</script>",
]


def test_hostile_text_in_every_field_runs_no_script(page, transactional_db, django_user_model):
    from claims.models import Article, EntityAlias, Note, Outlet, Story

    from .factories import make_article, make_claim, make_suggestion

    story = Story.objects.create(name=PAYLOADS[0] + PAYLOADS[3])
    outlet = Outlet.objects.create(name=PAYLOADS[1])
    article = make_article(
        title=PAYLOADS[2], body=" ".join(PAYLOADS) + " said 3 died.", story=story, outlet=outlet
    )
    other = make_article(
        title=PAYLOADS[6], body=PAYLOADS[4] + " said 30 died.", story=story, outlet=outlet
    )
    claim, other_claim = make_claim(article), make_claim(other)
    Article.objects.filter(pk=article.pk).update(url="javascript:alert(4)")
    Article.objects.filter(pk=other.pk).update(url="data:text/html,<script>alert(8)</script>")
    author = django_user_model.objects.get(username="ana")
    link = Link.objects.create(
        source=claim, target=other_claim, relation="contradicts", note=PAYLOADS[4], author=author
    )
    Note.objects.create(claim=claim, body=PAYLOADS[1] + PAYLOADS[6], author=author)
    Note.objects.create(link=link, body=PAYLOADS[0] + PAYLOADS[2], author=author)
    EntityAlias.objects.create(alias=PAYLOADS[2], canonical=PAYLOADS[6])
    row = make_suggestion(claim, other_claim, reason=PAYLOADS[0])
    row.status, row.status_reason = "dismissed", PAYLOADS[6] + PAYLOADS[4]
    row.save()
    page.add_init_script("window.__alerts = []; window.alert = (m) => window.__alerts.push(m);")
    paths = [
        "/",
        f"/articles/{article.pk}/",
        f"/compare/{article.pk}/{other.pk}/",
        "/stories/",
        f"/stories/{story.pk}/",
        f"/stories/{story.pk}/facts/",
        "/conflicts/?status=all",
        "/aliases/",
        f"/claims/{claim.pk}/notes/",
        f"/links/{link.pk}/notes/",
        f"/links/{link.pk}/history/",
        f"/conflicts/{row.pk}/history/",
        f"/articles/{article.pk}/history/",
        "/?q=alert",
    ]
    for path in paths:
        page.goto(page.base + path)
        page.mouse.move(200, 200)
        page.mouse.move(400, 300)
        assert page.evaluate("window.__alerts") == [], path
        assert page.locator("img[src=x], svg[onload], [onmouseover]").count() == 0, path
        assert page.locator("a[href^='data:']").count() == 0, path
        assert page.locator("a[href^='javascript:']").count() == 0, path


# The elements that reach past the window's right edge, for the failure message.
WIDE = """() => [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
    .slice(0, 8)
    .map(e => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`)"""


def _pages_of(articles) -> list[str]:
    from claims.models import Article

    a, b = articles
    story = Article.objects.get(pk=a).story_id
    return [
        "/",
        f"/articles/{a}/",
        f"/compare/{a}/{b}/",
        "/conflicts/",
        "/stories/",
        f"/stories/{story}/",
        f"/stories/{story}/facts/",
        "/ingest/",
    ]


def test_every_page_fits_a_phone(page, articles):
    page.set_viewport_size({"width": 390, "height": 844})
    for path in _pages_of(articles):
        page.goto(page.base + path)
        wide = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert wide <= 0, (f"{path} scrolls sideways by {wide}px at 390px", page.evaluate(WIDE))
        screenshot(page, "phone" + re.sub(r"\d+", "N", path).replace("/", "_").rstrip("_"))


def test_the_dark_theme_follows_the_system_and_stays_accessible(page, articles):
    page.emulate_media(color_scheme="dark")
    for path in _pages_of(articles):
        page.goto(page.base + path)
        background = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
        assert background == "rgb(18, 23, 28)", (path, background)
        assert serious_violations(page) == [], path
        screenshot(page, "dark" + re.sub(r"\d+", "N", path).replace("/", "_").rstrip("_"))


def test_a_highlight_in_the_reader_opens_its_claim_by_enter_and_by_click(page, articles):
    from claims.models import Claim

    a, _ = articles
    page.goto(f"{page.base}/articles/{a}/")
    marks = page.locator("main .article-text mark.claim[data-claim-start]")
    first = marks.nth(1)
    first.focus()
    page.keyboard.press("Enter")
    claim = Claim.objects.get(pk=first.get_attribute("data-claim-start"))
    expect(page.locator("#claim-panel blockquote.claim-quote")).to_have_text(claim.text)
    second = marks.nth(3)
    second.click()
    other = Claim.objects.get(pk=second.get_attribute("data-claim-start"))
    expect(page.locator("#claim-panel blockquote.claim-quote")).to_have_text(other.text)


def test_question_mark_lists_the_keyboard_shortcuts(page):
    page.goto(page.base + "/")
    dialog = page.locator("#shortcuts")
    expect(dialog).to_be_hidden()
    page.keyboard.press("?")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("Shift")
    assert serious_violations(page) == []
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    page.locator("#id_q").focus()
    page.keyboard.press("?")
    expect(dialog).to_be_hidden()
    assert page.locator("#id_q").input_value() == "?", "typed into a field, it is a character"


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


def test_an_upload_of_several_files_follows_each_to_done_without_a_reload(page, tmp_path):
    from .workers import start_worker, stop

    files = []
    for n, (place, dead) in enumerate([("Brindle", 4), ("Harrow", 9), ("Oakmere", 12)]):
        path = tmp_path / f"report-{n}.txt"
        path.write_text(f"Bridge collapse in {place}\n\nOfficials said {dead} people died.\n")
        files.append(str(path))
    page.goto(f"{page.base}/ingest/")
    page.set_input_files("#id_files", files)
    page.click("text=Upload and ingest")
    rows = page.locator("#results tbody tr")
    expect(rows).to_have_count(3)
    expect(page.locator("#results [data-no-worker]")).to_be_visible()  # none runs yet
    page.evaluate("window.__same_page = true")
    worker = start_worker()
    try:
        expect(page.locator('#results tr[data-job="done"]')).to_have_count(3, timeout=60_000)
    finally:
        stop(worker)
    assert page.evaluate("window.__same_page") is True  # no reload
    expect(page.locator("#results .job-summary")).to_contain_text("All 3 finished")
    expect(page.locator("#results a", has_text="Bridge collapse in Harrow")).to_be_visible()
    screenshot(page, "ingest-jobs-done")
