// The frame's own script (no inline script: the Content-Security-Policy allows only
// files from this site); forms.js moves focus to an error summary and re-announces
// messages.
document.addEventListener("DOMContentLoaded", () => {
  // A table wider than the page scrolls sideways in its .table-wrap; keyboard users can
  // scroll it only if it can take focus, and then it needs a name (its caption's).
  for (const wrap of document.querySelectorAll(".table-wrap")) {
    if (wrap.scrollWidth > wrap.clientWidth && !wrap.hasAttribute("tabindex")) {
      const caption = wrap.querySelector("caption");
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", caption ? caption.textContent.trim() : document.title);
    }
  }
});
