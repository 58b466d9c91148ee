// Forms that help: loaded on every page (no inline script; the CSP stays strict).
// Without this file every form still works; it only moves focus and re-announces.
(function () {
  "use strict";

  // The server validates every form and lists all its errors in one summary, so the
  // browser's own one-field-at-a-time bubbles are switched off where a script runs.
  function serverValidation() {
    document.querySelectorAll("form[method='post']").forEach(function (form) {
      form.noValidate = true;
    });
  }

  // Focus the first error summary, so keyboard and screen-reader users start at the
  // list of what went wrong; each link in it moves focus to its field.
  function focusErrorSummary() {
    var summary = document.querySelector("[data-error-summary], [data-confirm-step]");
    if (!summary) return false;
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      var target = link && document.getElementById(decodeURIComponent(link.hash.slice(1)));
      if (!target) return;
      event.preventDefault();
      target.focus();
      target.scrollIntoView({ block: "center" });
    });
    return true;
  }

  // A live region only announces what changes after the page has loaded, so the
  // success messages a redirect brings are put back a moment later to be heard.
  function announceMessages() {
    document.querySelectorAll("[data-messages]").forEach(function (region) {
      var items = Array.prototype.slice.call(region.childNodes);
      items.forEach(function (node) { region.removeChild(node); });
      window.setTimeout(function () {
        items.forEach(function (node) { region.appendChild(node); });
      }, 250);
    });
  }

  function start() {
    serverValidation();
    focusErrorSummary();
    announceMessages();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
