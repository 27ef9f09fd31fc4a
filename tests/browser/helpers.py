"""What the browser tests share: Debian's Chromium and its flags, the sample sentences
they link, and steps (a mouse drag over text, Tab to an element, axe, screenshots)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings

from claims.models import Link

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

needs_chromium = pytest.mark.skipif(
    not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists() and os.environ.get("CI") != "true",
    reason="Debian's chromium is not installed (make test installs it)",
)


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
    # Without a reload (column a redrawn for its new claim, column b's paragraph of
    # the target swapped out of band), then after one: the same highlights.
    for reload in (False, True):
        if reload:
            page.reload()
        page.wait_for_selector('.article-text[data-side="b"] mark.rel-contradicts')
        marked = page.eval_on_selector_all(
            ".article-text mark.rel-contradicts",
            "ms => ms.map(m => m.closest('.article-text').dataset.side + ':' + m.textContent)",
        )
        assert f"a:{SENTENCE_A}" in marked and f"b:{CLAIM_B}" in marked
