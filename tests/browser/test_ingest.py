"""The ingest page in Chromium: an upload of several files followed to done."""

from __future__ import annotations

from playwright.sync_api import expect

from .helpers import (
    needs_chromium,
    screenshot,
)

pytestmark = needs_chromium


def test_an_upload_of_several_files_follows_each_to_done_without_a_reload(page, tmp_path):
    from ..workers import start_worker, stop

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
