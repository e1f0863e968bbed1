// The results page while its analysis is pending (#analysis-state[data-pending]): every few
// seconds it asks for the page again and, once the analysis there is newer, shows it. The
// analysis runs by itself in the background after votes arrive; nobody has to reload.
"use strict";
(() => {
  const state = document.getElementById("analysis-state");
  if (!state || !state.hasAttribute("data-pending")) return;
  const seen = state.getAttribute("data-analysis") || "";
  let tries = 0;
  const check = async () => {
    tries += 1;
    try {
      const answer = await fetch(window.location.href, { credentials: "same-origin" });
      if (answer.ok) {
        const page = new DOMParser().parseFromString(await answer.text(), "text/html");
        const fresh = page.getElementById("analysis-state");
        if (fresh && (fresh.getAttribute("data-analysis") || "") !== seen) {
          window.location.reload();
          return;
        }
      }
    } catch (error) {
      // offline for a moment: try again at the next tick
    }
    if (tries < 200) window.setTimeout(check, tries < 10 ? 3000 : 10000);
  };
  window.setTimeout(check, 3000);
})();
