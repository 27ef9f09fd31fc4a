/* Newsdesk in the browser: selections as code-point offsets, the link panel, keyboard
 * selection, link highlighting and per-file upload progress.
 *
 * Offsets are Unicode code points into the stored article text. JavaScript strings
 * count UTF-16 units, so every length here is counted with the string iterator. Each
 * paragraph element carries the offset where it starts (data-start) and contains
 * nothing but the article's own text, so text before a point in a paragraph is its
 * offset from the paragraph's start.
 */
(() => {
  "use strict";

  if (window.htmx) {
    // Swap 4xx answers too: they carry the message the panel shows. 5xx keep the page.
    htmx.config.responseHandling = [
      { code: "204", swap: false },
      { code: "[23]..", swap: true },
      { code: "4..", swap: true, error: true },
      { code: "...", swap: false, error: true },
    ];
    document.addEventListener("htmx:responseError", (event) => {
      const xhr = event.detail.xhr;
      if (xhr.status >= 500 && event.detail.target) {
        event.detail.target.innerHTML =
          '<p class="error" role="alert">Something went wrong on our side; nothing was saved. Please try again.</p>';
      }
    });
    const busyButtons = new WeakMap();
    // A request on its way is announced to assistive technology as well,
    // and a form's submit button is disabled until the answer comes: no double posts.
    document.addEventListener("htmx:beforeRequest", (event) => {
      const elt = event.detail.elt;
      elt.setAttribute("aria-busy", "true");
      const button = elt.matches("form") && elt.querySelector("button[type=submit]");
      if (button) {
        button.disabled = true;
        busyButtons.set(elt, button);
      }
    });
    document.addEventListener("htmx:afterRequest", (event) => {
      const elt = event.detail.elt;
      elt.removeAttribute("aria-busy");
      const button = busyButtons.get(elt);
      if (button) {
        button.disabled = false;
        busyButtons.delete(elt);
      }
    });
    // A panel that only says "Link saved." clears itself: it never stays in the way.
    document.addEventListener("htmx:afterSwap", (event) => {
      const panel = document.getElementById("link-panel");
      if (!panel || event.detail.target !== panel) return;
      const message = panel.querySelector(":scope > .success:only-child");
      // one with an Undo button stays longer: long enough to change one's mind
      const wait = message && message.querySelector("form") ? 20000 : 4000;
      if (message) setTimeout(() => { if (panel.contains(message)) panel.innerHTML = ""; }, wait);
    });
    document.addEventListener("htmx:sendError", (event) => {
      if (event.detail.target) {
        event.detail.target.innerHTML =
          '<p class="error" role="alert">The server could not be reached. Check your connection and try again.</p>';
      }
    });
  }

  // "?" anywhere but in a field lists the keyboard shortcuts.
  document.addEventListener("keydown", (event) => {
    if (event.key !== "?" || event.target.closest("input, textarea, select, [contenteditable]")) {
      return;
    }
    const dialog = document.getElementById("shortcuts");
    if (dialog && !dialog.open) {
      event.preventDefault();
      dialog.showModal();
    }
  });

  // Forms that change a lot at once (merging stories) ask first: data-confirm="...".
  document.addEventListener("submit", (event) => {
    const form = event.target.closest("form[data-confirm]");
    if (form && !window.confirm(form.dataset.confirm)) event.preventDefault();
  });

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
    if (target) params.set("target", target);
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
      });
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

  // A link made, edited or deleted: the server names the highlights whose relation
  // changed in a column it did not redraw, as [start, classes] (views/links.py).
  document.addEventListener("newsdesk:highlights", (event) => {
    for (const [side, marks] of Object.entries(event.detail.sides || {})) {
      const root = document.querySelector(`.compare .article-text[data-side="${side}"]`);
      if (!root) continue;
      for (const [start, classes] of marks) {
        const mark = root.querySelector(`mark[data-start="${start}"]`);
        if (!mark) continue;
        const active = mark.classList.contains("active");
        mark.className = classes;
        mark.classList.toggle("active", active);
      }
    }
  });

  // Highlight claims in both columns and scroll each column (not the page) to the first
  // of them; the page moves only when the columns are out of sight.
  function showClaims(ids) {
    document.querySelectorAll("mark.claim.active").forEach((m) => m.classList.remove("active"));
    for (const root of document.querySelectorAll(".compare .article-text")) {
      const marks = [...root.querySelectorAll("mark.claim")].filter((m) =>
        m.dataset.claims.split(" ").some((id) => ids.includes(id)),
      );
      marks.forEach((m) => m.classList.add("active"));
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

  // Uploads: the selection goes in parts of a few files (a progress bar for the bytes);
  // each part is queued at once, and the first part's batch is named by the others, so
  // the results region follows all of them until the workers are done.
  const PART_FILES = 50;
  const PART_BYTES = 8 * 1024 * 1024;

  document.addEventListener("submit", (event) => {
    const form = event.target.closest("[data-upload-form]");
    if (!form || !window.FormData) return;
    const input = form.querySelector('input[type="file"]');
    if (!input.files.length) return;
    event.preventDefault();
    uploadInParts(form, [...input.files]);
  });

  function parts(files) {
    const out = [];
    let part = [];
    let bytes = 0;
    for (const file of files) {
      if (part.length && (part.length >= PART_FILES || bytes + file.size > PART_BYTES)) {
        out.push(part);
        part = [];
        bytes = 0;
      }
      part.push(file);
      bytes += file.size;
    }
    if (part.length) out.push(part);
    return out;
  }

  function sendPart(form, files, batch, onProgress) {
    return new Promise((resolve) => {
      const data = new FormData();
      for (const file of files) data.append("files", file);
      // the form's other fields (outlet, date) go with every part
      for (const field of form.querySelectorAll("input:not([type=file]):not([type=hidden]), select")) {
        if (field.name) data.append(field.name, field.value);
      }
      if (batch) data.append("batch", batch);
      const xhr = new XMLHttpRequest();
      xhr.open("POST", form.action);
      xhr.setRequestHeader("X-CSRFToken", form.querySelector("[name=csrfmiddlewaretoken]").value);
      xhr.setRequestHeader("HX-Request", "true");
      xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
      xhr.onload = () => resolve(xhr.status < 500 ? xhr.responseText : null);
      xhr.onerror = () => resolve(null);
      xhr.send(data);
    });
  }

  function showResults(html) {
    const found = new DOMParser().parseFromString(html, "text/html").getElementById("results");
    const results = document.getElementById("results");
    if (!found || !results) return null;
    const fresh = document.importNode(found, true);
    results.replaceWith(fresh);
    if (window.htmx) window.htmx.process(fresh);
    return fresh.dataset.batch || null;
  }

  async function uploadInParts(form, files) {
    const progress = form.querySelector("progress");
    const status = form.querySelector(".upload-status");
    const button = form.querySelector("button[type=submit]");
    const groups = parts(files);
    let batch = null;
    let sent = 0;
    let lost = 0;
    progress.hidden = false;
    button.disabled = true;
    for (const group of groups) {
      status.textContent = `Sending ${sent + 1}–${sent + group.length} of ${files.length}`;
      const html = await sendPart(form, group, batch, (part) => {
        progress.value = (sent + part * group.length) / files.length;
      });
      const named = html && showResults(html);
      if (named && !batch) document.getElementById("results").scrollIntoView({ block: "start" });
      if (named) batch = named;
      else lost += group.length;
      sent += group.length;
    }
    progress.value = 1;
    button.disabled = false;
    status.textContent = lost
      ? `${lost} of ${files.length} file${files.length > 1 ? "s" : ""} could not be sent; send ${lost > 1 ? "them" : "it"} again.`
      : `Sent: ${files.length} file${files.length > 1 ? "s" : ""}. The table below follows their analysis.`;
  }
})();
