"""Every page in Chromium: accessibility, hostile text, phones, the dark theme, the reader,
search and the shortcuts overlay."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from claims.models import Link

from .helpers import (
    SENTENCE_A,
    drag_select,
    needs_chromium,
    screenshot,
    serious_violations,
)

pytestmark = needs_chromium


def test_pages_have_no_serious_accessibility_violations(page, articles):
    a, b = articles
    story = _pages_of(articles)
    for name, path in [
        ("list", "/"),
        ("reader", f"/articles/{a}/"),
        ("compare-page", f"/compare/{a}/{b}/"),
        ("ingest", "/ingest/"),
        ("stories", "/stories/"),
        ("story", story[5]),
        ("fact-table", story[6]),
        ("fact", story[8]),
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

    from ..factories import make_article, make_claim, make_suggestion

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
    from claims.story_figures import story_facts

    a, b = articles
    story = Article.objects.get(pk=a).story
    fact = story_facts(story)[0].claims[0].pk
    return [
        "/",
        f"/articles/{a}/",
        f"/compare/{a}/{b}/",
        "/conflicts/",
        "/stories/",
        f"/stories/{story.pk}/",
        f"/stories/{story.pk}/facts/",
        f"/stories/{story.pk}/facts/?by=source",
        f"/stories/{story.pk}/facts/{fact}/",
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


def test_two_articles_ticked_on_the_list_open_side_by_side(page, articles):
    a, b = articles
    page.goto(f"{page.base}/")
    for pk in (a, b):
        page.check(f'input[name="articles"][value="{pk}"]')
    page.get_by_role("button", name="Compare the two ticked").click()
    page.wait_for_url(re.compile(rf"/compare/({a}/{b}|{b}/{a})/"))
    expect(page.locator(".compare .column")).to_have_count(2)


def test_an_analyst_sets_an_articles_outlet_and_date(page, articles):
    from claims.models import Article

    a, _ = articles
    page.goto(f"{page.base}/articles/{a}/edit/")
    page.fill("#id_outlet", "The Example Gazette")
    page.fill("#id_published", "2018-02-14")
    page.get_by_role("button", name=re.compile("Save")).click()
    page.wait_for_url(re.compile(rf"/articles/{a}/"))
    expect(page.locator("body")).to_contain_text("The Example Gazette")
    article = Article.objects.select_related("outlet").get(pk=a)
    assert (article.outlet.name, str(article.published)) == ("The Example Gazette", "2018-02-14")
