/* Claims in the reader and the compare view: selections as code-point offsets, the
 * link panel, keyboard selection and showing linked claims.
 *
 * Offsets are Unicode code points into the stored article text. JavaScript strings
 * count UTF-16 units, so every length here is counted with the string iterator. Each
 * paragraph element carries the offset where it starts (data-start) and contains
 * nothing but the article's own text, so text before a point in a paragraph is its
 * offset from the paragraph's start.
 */
(() => {
  "use strict";

  const cpLength = (text) => {
    let n = 0;
    for (const _ of text) n++;
    return n;
  };

  /** UTF-16 index of the code point number `cp` in `text`. */
  const utf16Index = (text, cp) => {
    let units = 0;
    for (const ch of text) {
      if (cp-- <= 0) break;
      units += ch.length;
    }
    return units;
  };

  const paragraphsOf = (root) => [...root.querySelectorAll(".para")];
  const paraStart = (p) => Number(p.dataset.start);
  const paraEnd = (p) => paraStart(p) + cpLength(p.textContent);

  /** Code-point offset in the article of a DOM point inside column `root`. */
  function pointOffset(root, node, offset, isEnd) {
    const element = node.nodeType === Node.TEXT_NODE ? node.parentElement : node;
    const para = element && element.closest(".para");
    if (para && root.contains(para)) {
      const range = document.createRange();
      range.setStart(para, 0);
      range.setEnd(node, offset);
      return paraStart(para) + cpLength(range.toString());
    }
    // Between paragraphs: snap to the nearest paragraph edge inside the selection.
    const point = document.createRange();
    point.setStart(node, offset);
    const paras = paragraphsOf(root);
    if (isEnd) {
      const before = paras.filter((p) => point.comparePoint(p, p.childNodes.length) <= 0);
      return before.length ? paraEnd(before[before.length - 1]) : 0;
    }
    const after = paras.find((p) => point.comparePoint(p, 0) >= 0);
    return after ? paraStart(after) : paraEnd(paras[paras.length - 1]);
  }

  /** DOM point for a code-point offset in column `root` (the inverse of pointOffset). */
  function domPoint(root, cp) {
    const paras = paragraphsOf(root);
    const para = paras.find((p) => cp <= paraEnd(p)) || paras[paras.length - 1];
    let remaining = Math.max(0, cp - paraStart(para));
    const walker = document.createTreeWalker(para, NodeFilter.SHOW_TEXT);
    let last = null;
    while (walker.nextNode()) {
      const node = walker.currentNode;
      const length = cpLength(node.data);
      if (remaining <= length) return [node, utf16Index(node.data, remaining)];
      remaining -= length;
      last = node;
    }
    return last ? [last, last.data.length] : [para, 0];
  }

  /** The column's text as code points, rebuilt from the paragraphs and their offsets. */
  function columnText(root) {
    const chars = [];
    for (const p of paragraphsOf(root)) {
      while (chars.length < paraStart(p)) chars.push("\n");
      chars.push(...p.textContent);
    }
    return chars;
  }

  const selection = {}; // {root, start, end} of the span the panel is about
  let lastFocus = null;

  function selectRange(root, start, end) {
    const [startNode, startOffset] = domPoint(root, start);
    const [endNode, endOffset] = domPoint(root, end);
    window.getSelection().setBaseAndExtent(startNode, startOffset, endNode, endOffset);
    Object.assign(selection, { root, start, end });
  }

  function openPanel(root, start, end, target) {
    const compare = root.closest(".compare");
    if (!compare || compare.dataset.canLink !== "true") return;
    Object.assign(selection, { root, start, end });
    if (!document.getElementById("link-panel").contains(document.activeElement)) {
      lastFocus = document.activeElement;
    }
    // On a narrower screen the panel covers the column the selection came from, leaving
    // the other one free; on a wide one it sits in the rail beside both (CSS).
    document.getElementById("link-panel").dataset.over = root.dataset.side;
    const params = new URLSearchParams({ side: root.dataset.side, start, end });
    const panel = document.getElementById("link-panel");
    if (target) {
      params.set("target", target);
      // A new target for the same span keeps the relation and note already chosen, read
      // when the new form arrives (a choice made while it loads is not lost either).
      panel.addEventListener("htmx:beforeSwap", keepChoices, { once: true });
    }
    // settle:0ms: htmx wires up the new form in the swap itself, before the focus below
    // invites a keystroke (a quick Enter would otherwise post it without htmx).
    htmx
      .ajax("GET", `${compare.dataset.panelUrl}?${params}`, {
        target: "#link-panel",
        swap: "innerHTML settle:0ms",
      })
      .then(() => {
        const title = document.getElementById("panel-title");
        if (title && !target) title.focus();
        const chosen = document.querySelector('#link-panel input[name="target"]:checked');
        if (chosen && target) chosen.focus();
        if (target) restoreChoices();
      });
  }

  let kept = null; // {relation, note} of the panel's form before a new target replaced it
  function keepChoices() {
    const form = document.querySelector("#link-panel form");
    const relation = form && form.querySelector('input[name="relation"]:checked');
    const note = form && form.querySelector('textarea[name="note"]');
    kept = form ? { relation: relation && relation.value, note: note ? note.value : "" } : null;
  }
  function restoreChoices() {
    const form = document.querySelector("#link-panel form");
    if (!form || !kept) return;
    if (kept.relation) {
      const radio = form.querySelector(`input[name="relation"][value="${CSS.escape(kept.relation)}"]`);
      if (radio) radio.checked = true;
    }
    const note = form.querySelector('textarea[name="note"]');
    if (note && kept.note && !note.value) note.value = kept.note;
    kept = null;
  }

  function closePanel() {
    const panel = document.getElementById("link-panel");
    if (!panel || !panel.innerHTML.trim()) return;
    panel.innerHTML = "";
    if (lastFocus && document.contains(lastFocus)) lastFocus.focus();
  }

  const panelOpen = () => {
    const panel = document.getElementById("link-panel");
    return Boolean(panel && panel.querySelector("form"));
  };

  /** Offsets of the current DOM selection if it lies within one column. */
  function currentSelection() {
    const sel = window.getSelection();
    if (!sel || sel.isCollapsed || sel.rangeCount === 0) return null;
    const range = sel.getRangeAt(0);
    const startEl = range.startContainer.nodeType === Node.TEXT_NODE ? range.startContainer.parentElement : range.startContainer;
    const root = startEl && startEl.closest(".compare .article-text");
    if (!root || !root.contains(range.endContainer)) return null;
    const start = pointOffset(root, range.startContainer, range.startOffset, false);
    const end = pointOffset(root, range.endContainer, range.endOffset, true);
    return end > start ? { root, start, end } : null;
  }

  function claimOf(mark) {
    return mark.dataset.claimStart || mark.dataset.claims.split(" ")[0];
  }

  function spansOf(root) {
    const script = document.getElementById(`spans-${root.dataset.side}`);
    return script ? JSON.parse(script.textContent) : {};
  }

  function chooseClaim(mark, root) {
    // A claim in the other column, while the panel is open, becomes the link's target.
    if (panelOpen() && selection.root && selection.root.dataset.side !== root.dataset.side) {
      openPanel(selection.root, selection.start, selection.end, claimOf(mark));
      return;
    }
    const span = spansOf(root)[claimOf(mark)];
    if (!span) return;
    selectRange(root, span[0], span[1]);
    openPanel(root, span[0], span[1]);
  }

  // A focusable claim that takes focus on mousedown stops Chromium from starting a text
  // selection in a scrolled column; it stays reachable with Tab, just not by the mouse.
  document.addEventListener(
    "mousedown",
    (event) => {
      const mark = event.target.closest && event.target.closest(".compare mark.claim[tabindex]");
      if (!mark) return;
      mark.removeAttribute("tabindex");
      document.addEventListener("mouseup", () => mark.setAttribute("tabindex", "0"), { once: true });
    },
    true,
  );

  document.addEventListener("mouseup", (event) => {
    if (!event.target.closest || !event.target.closest(".compare .article-text")) return;
    setTimeout(() => {
      const found = currentSelection();
      if (found) {
        openPanel(found.root, found.start, found.end);
        return;
      }
      const mark = event.target.closest("mark.claim");
      const root = event.target.closest(".article-text");
      if (mark && panelOpen() && selection.root && selection.root !== root) chooseClaim(mark, root);
    }, 0);
  });

  /** Keyboard selection: Shift+Arrow moves the end by a word, Alt+Shift+Arrow the start. */
  function adjustSelection(root, key, moveStart) {
    if (selection.root !== root) return false;
    const chars = columnText(root);
    const isWord = (i) => i >= 0 && i < chars.length && /[\p{L}\p{N}]/u.test(chars[i]);
    let pos = moveStart ? selection.start : selection.end;
    const step = key === "ArrowRight" ? 1 : -1;
    if (step > 0) {
      while (pos < chars.length && !isWord(pos)) pos++;
      while (pos < chars.length && isWord(pos)) pos++;
    } else {
      while (pos > 0 && !isWord(pos - 1)) pos--;
      while (pos > 0 && isWord(pos - 1)) pos--;
    }
    const start = moveStart ? Math.min(pos, selection.end - 1) : selection.start;
    const end = moveStart ? selection.end : Math.max(pos, selection.start + 1);
    selectRange(root, start, end);
    return true;
  }

  /** The reader: a highlighted claim opens its details, by click or by Enter. */
  function openClaimDetails(mark) {
    if (!mark || mark.closest(".compare")) return false;
    const link = document.querySelector(`a.claim-text[data-claim="${mark.dataset.claimStart}"]`);
    if (!link) return false;
    link.click(); // htmx loads the panel; without htmx the link opens the claim's page
    return true;
  }
  document.addEventListener("click", (event) => {
    const mark = event.target.closest && event.target.closest("mark.claim[data-claim-start]");
    const selected = window.getSelection && !window.getSelection().isCollapsed;
    if (mark && !selected && openClaimDetails(mark)) event.preventDefault();
  });

  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      closePanel();
      return;
    }
    const readerMark = event.target.closest && event.target.closest("mark.claim[data-claim-start]");
    if (readerMark && (event.key === "Enter" || event.key === " ") && openClaimDetails(readerMark)) {
      event.preventDefault();
      return;
    }
    const root = event.target.closest && event.target.closest(".compare .article-text");
    if (!root) return;
    const mark = event.target.closest("mark.claim[data-claim-start]");
    if (mark && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      chooseClaim(mark, root);
    } else if (event.shiftKey && (event.key === "ArrowRight" || event.key === "ArrowLeft")) {
      if (adjustSelection(root, event.key, event.altKey)) event.preventDefault();
    } else if (event.key === "l" || event.key === "L") {
      const found = currentSelection();
      if (found) {
        event.preventDefault();
        openPanel(found.root, found.start, found.end);
      }
    }
  });

  document.addEventListener("click", (event) => {
    if (event.target.closest("[data-close-panel]")) {
      closePanel();
      return;
    }
    const show = event.target.closest("[data-show-link]");
    if (show) showClaims(show.dataset.showLink.split(" "));
  });

  // The claims last shown: a link written redraws the paragraphs of its ends (out of
  // band), and what was shown in them stays shown.
  let shown = [];
  const markShown = (root) => {
    const marks = [...root.querySelectorAll("mark.claim")].filter((m) =>
      m.dataset.claims.split(" ").some((id) => shown.includes(id)),
    );
    marks.forEach((m) => m.classList.add("active"));
    return marks;
  };
  for (const swapped of ["htmx:afterSwap", "htmx:oobAfterSwap"]) {
    document.addEventListener(swapped, () => {
      for (const root of document.querySelectorAll(".compare .article-text")) markShown(root);
    });
  }

  // Highlight claims in both columns and scroll each column (not the page) to the first
  // of them; the page moves only when the columns are out of sight.
  function showClaims(ids) {
    document.querySelectorAll("mark.claim.active").forEach((m) => m.classList.remove("active"));
    shown = ids;
    for (const root of document.querySelectorAll(".compare .article-text")) {
      const marks = markShown(root);
      if (!marks.length) continue;
      const offset = marks[0].getBoundingClientRect().top - root.getBoundingClientRect().top;
      root.scrollTop += offset - root.clientHeight / 2;
    }
    const columns = document.querySelector(".compare");
    const box = columns && columns.getBoundingClientRect();
    if (box && (box.bottom < 80 || box.top > window.innerHeight - 80)) {
      columns.scrollIntoView({ block: "start" });
    }
  }

  // The conflicts dashboard opens a comparison at both claims: /compare/a/b/?show=1,2
  const wanted = new URLSearchParams(window.location.search).get("show");
  if (wanted && document.querySelector(".compare")) showClaims(wanted.split(","));
})();
