// Live updates of a round: server-sent events from the database-backed feed. Every change
// (a proposal tabled, a revision issued, a position recorded) appears in the live region
// within a second; pages whose text changed say so, and forms keep what was typed.
(function () {
  "use strict";
  const live = document.getElementById("live");
  if (!live || !window.EventSource) return;
  const url = live.dataset.events + "?after=" + encodeURIComponent(live.dataset.after || "r0");
  const feed = document.getElementById("feed");
  const source = new EventSource(url);
  function show(event) {
    let data;
    try { data = JSON.parse(event.data); } catch (e) { return; }
    const item = document.createElement("p");
    item.className = "live-event";
    item.dataset.kind = data.kind;
    item.textContent = data.summary;
    live.prepend(item);
    if (feed) {
      const li = document.createElement("li");
      li.dataset.id = data.ref;
      li.textContent = data.summary;
      feed.prepend(li);
    }
    const version = document.getElementById("text-version");
    if (version && data.version && String(data.version) !== version.textContent) {
      live.classList.add("stale");
      version.textContent = version.textContent + " → " + data.version;
    }
  }
  ["revision.issue", "proposal.table", "proposal.withdraw", "proposal.support", "proposal.oppose",
   "proposal.draft", "position.set", "provision.agree_ad_referendum", "provision.confirm"]
    .forEach(function (kind) { source.addEventListener(kind, show); });
})();
