"""Fixtures of the browser tests: one Chromium per session, a signed-in analyst's page
on the live server, the sample pair ingested."""

from __future__ import annotations

import os

import pytest

from ..conftest import ARTICLE_A, ARTICLE_B
from .helpers import CHROMIUM, FLAGS, PASSWORD

# Waits use Playwright's expect(), not wait_for_function: a string predicate is evaluated
# with eval, which the Content-Security-Policy refuses, as it should.
# Playwright's sync API runs an event loop in this thread; the ORM calls made by the
# test itself between browser steps are still plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


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
    # Anything the Content-Security-Policy blocks is a page that relies on inline code;
    # any other error in the console (an out-of-band swap without its target, a script
    # error) is a page that half works. Refused requests (a 400 a test provokes, which
    # the page shows in words) are not.
    blocked: list[str] = []
    refused = ("Failed to load resource", "Response Status Error Code 4")

    def seen(message) -> None:
        if "Content Security Policy" in message.text or (
            message.type == "error" and not any(r in message.text for r in refused)
        ):
            blocked.append(f"{message.text} at {message.location}")

    page.on("console", seen)
    page.on("pageerror", lambda error: blocked.append(f"script error: {error}"))
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

    from ..conftest import sample_input

    results = ingest([sample_input(corpus, ARTICLE_A), sample_input(corpus, ARTICLE_B)])
    return results[0].article, results[1].article
