/* Newsdesk in the browser, on every page: htmx's errors and busy states in words, the
 * panel's saved message clearing itself, the "?" list of shortcuts, and forms that ask
 * before changing a lot. Selections and links are in claims.js, uploads in upload.js.
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
})();
