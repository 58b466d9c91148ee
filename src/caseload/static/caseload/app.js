// caseload's one script of its own (no inline script: the Content-Security-Policy allows
// only files from this site). An error summary (components/error_summary.html) takes
// focus when the page loads, so a screen reader reads what to fix first.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector("[data-error-summary]");
  if (summary) summary.focus();
});
