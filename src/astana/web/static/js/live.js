// Live updates of a round: server-sent events from the database-backed feed. Every change
// (a proposal tabled, a revision issued, a position recorded) appears in the live region
// within a second; pages whose text changed say so, and forms keep what was typed.
(function () {
  "use strict";
  const live = document.getElementById("live");
  if (!live || !window.EventSource) return;
  const feed = document.getElementById("feed");
  const kinds = ["revision.issue", "proposal.table", "proposal.withdraw", "proposal.support",
    "proposal.oppose", "proposal.draft", "position.set", "provision.agree_ad_referendum",
    "provision.confirm"];
  let last = live.dataset.after || "r0";
  let delay = 0;
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
  // The browser reconnects by itself when a stream ends. A stream refused (429: this account
  // has too many open; 503: the server has) or failing closes for good: try again later,
  // waiting longer each time (15 s, 30 s, ... up to 5 min, with jitter), from the last event.
  function connect() {
    const source = new EventSource(live.dataset.events + "?after=" + encodeURIComponent(last));
    kinds.forEach(function (kind) {
      source.addEventListener(kind, function (event) {
        if (event.lastEventId) last = event.lastEventId;
        show(event);
      });
    });
    source.addEventListener("open", function () { delay = 0; });
    source.addEventListener("error", function () {
      if (source.readyState !== EventSource.CLOSED) return;
      source.close();
      delay = Math.min(delay ? delay * 2 : 15000, 300000);
      setTimeout(connect, delay / 2 + Math.random() * delay / 2);
    });
  }
  connect();
})();
