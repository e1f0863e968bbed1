// "Back" links (a[data-back]) go back in the history when there is one; without script, or
// without history, they open their href (the page itself). A file, not an inline handler,
// so that the Content-Security-Policy needs no 'unsafe-inline'.
"use strict";
document.querySelectorAll("a[data-back]").forEach((link) => {
  link.addEventListener("click", (event) => {
    if (window.history.length > 1) {
      event.preventDefault();
      window.history.back();
    }
  });
});
