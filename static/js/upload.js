/* Uploads on the ingest page, in parts with a progress bar. */
(() => {
  "use strict";

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
