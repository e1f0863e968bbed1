// The live room: server-sent events from the database-backed feed. Every change (a proposal
// tabled, a revision issued, a position recorded, a vote) is announced in one line (#live),
// listed in the page's feed (#feed: the latest few, the older behind "show more"), and the
// page's marked regions ([data-live-region]) are read again and replaced in place: a page load
// of the same address, with the reader's own rights, for several events at once.
// A region where the reader is typing, or has changed a field, is kept as it is: a notice
// before it offers its new version. Scroll position and open <details> are kept.
(function () {
  "use strict";
  const live = document.getElementById("live");
  if (!live || !window.EventSource) return;
  const feed = document.getElementById("feed");
  const older = document.getElementById("feed-older");
  const more = document.getElementById("feed-more");
  const details = document.getElementById("feed-details");
  const fresh = document.getElementById("feed-new");
  const box = document.getElementById("feed-box");
  const kinds = ((box && box.dataset.kinds) || "").split(/\s+/).filter(Boolean);
  const page = live.dataset.page || "";
  const WAIT = 250; // ms: the events of one burst are read in one refresh
  let last = live.dataset.after || "r0";
  let delay = 0;
  let unseen = 0;

  // ---- the announcement and the feed ------------------------------------------------------
  function announce(data) {
    const item = document.createElement("p");
    item.className = "live-event";
    item.dataset.kind = data.kind;
    item.textContent = data.summary;
    live.replaceChildren(item); // one line, the latest change: never a wall
    live.classList.add("shown");
    clearTimeout(announce.timer);
    announce.timer = setTimeout(function () { live.classList.remove("shown"); }, 8000);
  }
  function listed(data) {
    if (!feed) return;
    const empty = feed.querySelector(".feed-empty");
    if (empty) empty.remove();
    const li = document.createElement("li");
    li.dataset.id = data.ref;
    const at = document.createElement("span");
    at.className = "meta";
    at.textContent = new Date().toISOString().slice(11, 19); // UTC, as the page lists
    li.append(at, " " + data.summary);
    feed.prepend(li);
    const shown = parseInt(feed.dataset.shown, 10) || 5;
    const kept = parseInt(feed.dataset.kept, 10) || 30;
    while (feed.children.length > shown && older) {
      older.prepend(feed.lastElementChild);
      if (more) more.hidden = false;
    }
    while (older && feed.children.length + older.children.length > kept) {
      older.lastElementChild.remove();
    }
    if (details && !details.open && fresh) {
      unseen += 1;
      fresh.textContent = "(" + fresh.dataset.label + " " + unseen + ")";
      fresh.hidden = false;
    }
  }
  if (details && fresh) {
    details.addEventListener("toggle", function () {
      if (!details.open) return;
      unseen = 0;
      fresh.hidden = true;
    });
  }
  function stale() {
    live.classList.add("stale", "shown");
    let note = live.querySelector(".live-reload");
    if (!note) {
      note = document.createElement("p");
      note.className = "live-reload";
      note.textContent = live.dataset.reload;
      live.append(note);
    }
    clearTimeout(announce.timer);
  }

  // ---- the regions ------------------------------------------------------------------------
  // What the server sent for each region, without the forms' anti-forgery tokens (new at
  // every page load): a region is replaced only when this changed.
  const known = new WeakMap();
  const held = new Map(); // name -> {node, html, note}: new content waiting for an edited region
  function normal(html) {
    return html.replace(/(name="csrfmiddlewaretoken" value=")[^"]*"/g, "$1\"");
  }
  function regions(root) {
    return Array.from(root.querySelectorAll("[data-live-region]")).filter(function (el) {
      return !el.parentElement.closest("[data-live-region]");
    });
  }
  regions(document).forEach(function (region) { known.set(region, normal(region.outerHTML)); });

  function changedField(field) {
    if (field.type === "hidden" || field.type === "submit" || field.type === "button") return false;
    if (field.type === "checkbox" || field.type === "radio") return field.checked !== field.defaultChecked;
    if (field.tagName === "SELECT") {
      let chosen = -1;
      for (let i = 0; i < field.options.length; i++) if (field.options[i].defaultSelected) chosen = i;
      if (chosen < 0 && !field.multiple) chosen = field.options.length ? 0 : -1;
      if (!field.multiple) return field.selectedIndex !== chosen;
      return Array.from(field.options).some(function (o) { return o.selected !== o.defaultSelected; });
    }
    return field.value !== field.defaultValue;
  }
  // Whether the reader is at work in a region: a field focused or changed, or a refusal with
  // what was typed shown to be put right.
  function edited(region) {
    const active = document.activeElement;
    if (active && region.contains(active) && active.matches("input, textarea, select, [contenteditable]")) {
      return true;
    }
    if (region.querySelector("[role=alert]")) return true;
    return Array.from(region.querySelectorAll("input, textarea, select")).some(changedField);
  }

  function swap(region, next, html) {
    let node;
    if (next) {
      node = document.importNode(next, true);
    } else { // gone from the page (a form the reader may no longer use): kept as a hidden mark
      node = document.createElement("div");
      node.dataset.liveRegion = region.dataset.liveRegion;
      node.hidden = true;
    }
    const before = Array.from(region.querySelectorAll("details"));
    const after = Array.from(node.querySelectorAll("details"));
    before.forEach(function (d, i) {
      const twin = d.id ? node.querySelector("#" + CSS.escape(d.id)) : (before.length === after.length ? after[i] : null);
      if (twin) twin.open = d.open;
    });
    const active = document.activeElement;
    const focused = active && region.contains(active) && active.id ? active.id : "";
    region.replaceWith(node);
    known.set(node, html);
    const waiting = held.get(node.dataset.liveRegion);
    if (waiting) { waiting.note.remove(); held.delete(node.dataset.liveRegion); }
    if (focused) {
      const again = document.getElementById(focused);
      if (again) again.focus({ preventScroll: true });
    }
  }

  function hold(region, next, html) {
    const name = region.dataset.liveRegion;
    let waiting = held.get(name);
    if (!waiting) {
      const note = document.createElement("p");
      note.className = "live-held";
      note.setAttribute("role", "status");
      note.dataset.liveFor = name;
      const text = document.createElement("span");
      text.textContent = live.dataset.held + " ";
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = live.dataset.apply;
      note.append(text, button);
      region.before(note);
      waiting = { note: note };
      button.addEventListener("click", function () {
        const current = document.querySelector('[data-live-region="' + CSS.escape(name) + '"]');
        if (current) swap(current, waiting.next, waiting.html);
      });
      held.set(name, waiting);
    }
    waiting.next = next;
    waiting.html = html;
  }

  // An element near the top of the window, to keep in its place while regions change above it.
  function anchor() {
    if (window.scrollY === 0) return null;
    const candidates = document.querySelectorAll("main [id], main h2, main h3, main [data-live-region]");
    for (const el of candidates) {
      const top = el.getBoundingClientRect().top;
      if (top >= 0) return { el: el, id: el.id, top: top, y: window.scrollY };
    }
    return { el: null, id: "", top: 0, y: window.scrollY };
  }
  function restore(mark) {
    if (!mark) return;
    let el = mark.el && mark.el.isConnected ? mark.el : null;
    if (!el && mark.id) el = document.getElementById(mark.id);
    if (el) window.scrollBy(0, el.getBoundingClientRect().top - mark.top);
    else window.scrollTo(0, mark.y);
  }

  function apply(doc) {
    const mark = anchor();
    const incoming = new Map();
    regions(doc).forEach(function (r) { incoming.set(r.dataset.liveRegion, r); });
    const here = new Set();
    regions(document).forEach(function (region) {
      const name = region.dataset.liveRegion;
      here.add(name);
      const next = incoming.get(name) || null;
      const html = next ? normal(next.outerHTML) : "";
      if (html === known.get(region)) return;
      if (edited(region)) hold(region, next, html);
      else swap(region, next, html);
    });
    restore(mark);
    // A part the page did not have (the page's shape changed): the reader reloads.
    for (const name of incoming.keys()) if (!here.has(name)) { stale(); break; }
  }

  let timer = 0;
  let busy = false;
  let again = false;
  function refresh() {
    timer = 0;
    if (busy) { again = true; return; }
    busy = true;
    fetch(page, { headers: { "X-Astana-Live": "refresh" }, credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        // Logged out (sent to the login page) or refused: the page says it changed.
        if (!response.ok || response.redirected) throw new Error(String(response.status));
        return response.text();
      })
      .then(function (html) { apply(new DOMParser().parseFromString(html, "text/html")); })
      .catch(stale)
      .finally(function () {
        busy = false;
        if (again) { again = false; schedule(); }
      });
  }
  // A page in a hidden tab reads itself again when it is shown; the pages of a room do not all
  // ask at the same instant (a little jitter within the second).
  let deferred = false;
  function schedule() {
    if (!page) { stale(); return; }
    if (document.hidden) { deferred = true; return; }
    if (!timer) timer = setTimeout(refresh, WAIT + Math.random() * 300);
  }
  document.addEventListener("visibilitychange", function () {
    if (!document.hidden && deferred) { deferred = false; schedule(); }
  });

  function show(event) {
    let data;
    try { data = JSON.parse(event.data); } catch (e) { return; }
    announce(data);
    listed(data);
    schedule();
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
