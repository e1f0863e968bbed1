// Drafting in the text: select words in a provision and a small form beside them offers to
// replace, delete, insert before or after, add an alternative or bracket them; a menu on each
// provision adds one after it, deletes, moves or rewrites it. Both fill the page's drafting
// form (a delegation's draft, or the mediator's proposal) and post it as it is: without this
// script that form works by itself. The form shows only the fields its kind of change uses,
// each labelled for that kind.
(function () {
  "use strict";

  // The translation form starts from the provision's text in the language chosen (as it
  // stands in the latest revision), so that a translator corrects rather than retypes.
  function prepareTranslation() {
    const form = document.getElementById("translation-form");
    if (!form || !form.dataset.sources || form.dataset.ready) return;
    form.dataset.ready = "yes";
    let sources;
    try { sources = JSON.parse(form.dataset.sources); } catch (e) { return; }
    const provision = form.elements.namedItem("provision");
    const language = form.elements.namedItem("language");
    const text = form.elements.namedItem("text");
    let filled = text.value;
    function fill() {
      if (text.value && text.value !== filled) return; // never over what was typed
      const found = (sources[provision.value] || {})[language.value] || "";
      text.value = found;
      filled = found;
    }
    provision.addEventListener("change", fill);
    language.addEventListener("change", fill);
    fill();
    // As the page's own value: the live room does not take it for the reader's typing.
    if (!text.defaultValue) text.defaultValue = text.value;
  }

  // The drafting forms: only the fields (and labels) of the kind chosen.
  function showKind(form) {
    const select = form.querySelector("[data-kind-select]");
    if (!select) return;
    const kind = select.value;
    form.querySelectorAll("[data-kinds]").forEach(function (field) {
      field.hidden = field.dataset.kinds.split(" ").indexOf(kind) < 0;
    });
    form.querySelectorAll("[data-label-for]").forEach(function (label) {
      label.hidden = label.dataset.labelFor !== kind;
    });
    form.querySelectorAll("[data-label-generic]").forEach(function (label) {
      label.hidden = true;
    });
  }
  // The live room (live.js) replaces a changed part of the page in place: what this script
  // adds is added again to whatever is new, and its listeners sit on the document.
  function prepare() {
    document.querySelectorAll("form[data-drafting]:not(.js)").forEach(function (form) {
      form.classList.add("js");
      showKind(form);
    });
    addMenuButtons();
    prepareTranslation();
  }
  document.addEventListener("change", function (event) {
    const select = event.target.closest && event.target.closest("[data-kind-select]");
    if (select && select.form) showKind(select.form);
  });

  const popup = document.getElementById("selection-draft");
  const menu = document.getElementById("provision-menu");
  // The drafting form, looked up each time (the live room may have put a new one in place).
  function target() {
    return popup ? document.getElementById(popup.dataset.target) : null;
  }

  function set(name, value) {
    const form = target();
    const field = form && form.elements.namedItem(name);
    if (field && "value" in field) field.value = value;
  }
  function choose(kind, provision, language) {
    set("kind", kind);
    set("provision", provision);
    if (language) set("language", language);
    ["words", "before", "text", "occurrence", "label", "move_after"].forEach(function (n) {
      set(n, "");
    });
    if (target()) showKind(target());
  }

  // The words selected, and where: one provision's own text, in one language's column.
  let chosen = null;
  let mode = null;
  function count(haystack, needle) {
    let n = 0;
    let at = haystack.indexOf(needle);
    while (at >= 0) { n += 1; at = haystack.indexOf(needle, at + needle.length); }
    return n;
  }
  function selected() {
    const selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
    const range = selection.getRangeAt(0);
    const start = range.startContainer.nodeType === 1 ? range.startContainer
      : range.startContainer.parentElement;
    const end = range.endContainer.nodeType === 1 ? range.endContainer
      : range.endContainer.parentElement;
    const content = start && start.closest(".provision > .content");
    if (!content || !end || end.closest(".provision > .content") !== content) return null;
    const words = selection.toString().replace(/\s+/g, " ").trim();
    if (!words) return null;
    const provision = content.closest("li.provision");
    const column = content.closest("[lang]");
    // Which appearance of these words is meant: those before the selection, plus one.
    const before = document.createRange();
    before.setStart(content, 0);
    before.setEnd(range.startContainer, range.startOffset);
    const prefix = before.toString().replace(/\s+/g, " ");
    return {
      words: words,
      provision: provision.dataset.provision,
      language: column ? column.getAttribute("lang") : "",
      occurrence: count(prefix, words) + 1,
      rect: range.getBoundingClientRect(),
    };
  }

  if (!popup || !target()) { prepareTranslation(); return; }
  const quote = popup.querySelector(".selection-quote");
  const wording = popup.querySelector(".selection-words");
  const justification = popup.querySelector(".selection-justification");
  const buttons = popup.querySelector(".selection-buttons");
  function place(box, rect) {
    box.hidden = false;
    const rtl = document.documentElement.dir === "rtl";
    const width = box.offsetWidth;
    let left = rtl ? rect.right - width : rect.left;
    left = Math.max(8, Math.min(left, document.documentElement.clientWidth - width - 8));
    box.style.left = (left + window.scrollX) + "px";
    box.style.top = (rect.bottom + window.scrollY + 6) + "px";
  }
  function close() {
    popup.hidden = true;
    chosen = null;
    mode = null;
  }
  function pick(newMode) {
    mode = newMode;
    popup.querySelectorAll("[data-mode]").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.dataset.mode === mode));
    });
    const typing = ["replace", "insert_before", "insert_after", "alternative"].indexOf(mode) >= 0;
    wording.hidden = !typing;
    popup.querySelectorAll("[data-label-mode]").forEach(function (label) {
      label.hidden = label.dataset.labelMode.split(" ").indexOf(mode) < 0;
    });
    justification.hidden = false;
    buttons.hidden = false;
    (typing ? wording : justification).querySelector("textarea").focus();
  }
  function open(found) {
    chosen = found;
    mode = null;
    quote.textContent = found.words;
    wording.hidden = true;
    justification.hidden = true;
    buttons.hidden = true;
    popup.querySelectorAll("[data-mode]").forEach(function (b) {
      b.setAttribute("aria-pressed", "false");
    });
    wording.querySelector("textarea").value = "";
    place(popup, found.rect);
  }
  function submit() {
    if (!chosen || !mode) return;
    const typed = wording.querySelector("textarea").value;
    const kinds = {
      replace: "replace_text", bracket: "replace_text", delete: "delete_words",
      insert_before: "insert_words", insert_after: "insert_words", alternative: "add_alternative",
    };
    choose(kinds[mode], chosen.provision, chosen.language);
    set(mode === "insert_before" ? "before" : "words", chosen.words);
    set("occurrence", String(chosen.occurrence));
    if (mode === "bracket") set("text", "[" + chosen.words + "]");
    else if (mode !== "delete") set("text", typed);
    set("justification", justification.querySelector("textarea").value);
    const form = target();
    if (!form) return;
    if (form.requestSubmit) form.requestSubmit(); else form.submit();
  }

  document.addEventListener("mouseup", function (event) {
    if (popup.contains(event.target) || (menu && menu.contains(event.target))) return;
    window.setTimeout(function () {
      const found = selected();
      if (found) open(found); else if (!popup.hidden && !mode) close();
    }, 0);
  });
  document.addEventListener("keyup", function (event) {
    if (event.key === "Escape") { close(); if (menu) menu.hidden = true; return; }
    if (popup.contains(event.target) || !event.shiftKey) return;
    const found = selected();
    if (found) open(found);
  });
  popup.querySelectorAll("[data-mode]").forEach(function (b) {
    b.addEventListener("click", function () { pick(b.dataset.mode); });
  });
  popup.querySelector(".selection-submit").addEventListener("click", submit);
  popup.querySelector(".selection-cancel").addEventListener("click", close);

  // A menu on each provision of the first column: add one after it, delete, move, rewrite.
  let menuFor = null;
  // Every language's column has them (side by side too): the language is the column's.
  function addMenuButtons() {
    const text = document.querySelector('[data-live-region="text"]');
    if (!menu || !text) return;
    const title = menu.querySelector(".provision-menu-label").textContent;
    text.querySelectorAll("[lang] li.provision:not([data-menu])").forEach(function (item) {
      item.dataset.menu = "";
      const label = item.querySelector(":scope > .label");
      const button = document.createElement("button");
      button.type = "button";
      button.className = "provision-menu-button";
      button.textContent = "⋯";
      button.title = title;
      button.setAttribute("aria-label", title + " " + (label ? label.textContent : ""));
      button.setAttribute("aria-haspopup", "menu");
      item.insertBefore(button, item.firstChild);
    });
  }
  document.addEventListener("click", function (event) {
    const button = event.target.closest && event.target.closest(".provision-menu-button");
    if (menu && button) {
      const item = button.closest("li.provision");
      const column = button.closest("[lang]");
      menuFor = { provision: item.dataset.provision, language: column.getAttribute("lang") };
      place(menu, button.getBoundingClientRect());
      const first = menu.querySelector("button");
      if (first) first.focus();
      return;
    }
    if (menu && !menu.hidden && !menu.contains(event.target)) menu.hidden = true;
  });
  if (menu) {
    menu.querySelectorAll("[data-provision-action]").forEach(function (b) {
      b.addEventListener("click", function () {
        const kind = b.dataset.provisionAction;
        if (kind === "translate") { translate(menuFor); return; }
        const form = target();
        if (!menuFor || !form) return;
        choose(kind, menuFor.provision, menuFor.language);
        menu.hidden = true;
        form.scrollIntoView({ block: "start" });
        const next = { insert_provision: "text", replace_text: "text", move_provision: "move_after" };
        const field = form.elements.namedItem(next[kind] || "justification");
        if (field && field.focus) field.focus();
      });
    });
  }
  // "Supply or correct this language version": the translation form, on this provision in
  // this column's language, starting from its present text.
  function translate(chosenFor) {
    const form = document.getElementById("translation-form");
    menu.hidden = true;
    if (!form || !chosenFor) return;
    const text = form.elements.namedItem("text");
    if (text.value === text.defaultValue) text.value = ""; // not typed: refilled below
    ["provision", "language"].forEach(function (name) {
      const field = form.elements.namedItem(name);
      field.value = chosenFor[name];
      field.dispatchEvent(new Event("change", { bubbles: true }));
    });
    form.scrollIntoView({ block: "start" });
    text.focus();
  }
  prepare();
  new MutationObserver(prepare).observe(document.body, { childList: true, subtree: true });
})();

