// Delegate keys with WebCrypto: an Ed25519 key pair made in this browser, the private key not
// extractable and kept in IndexedDB; only the raw public key goes to the server. Signing signs
// the exact statement bytes the page shows (sent base64, so no byte changes on the way).
(function () {
  "use strict";
  const DB = "astana-keys", STORE = "keys";
  function db() {
    return new Promise(function (resolve, reject) {
      const open = indexedDB.open(DB, 1);
      open.onupgradeneeded = function () { open.result.createObjectStore(STORE); };
      open.onsuccess = function () { resolve(open.result); };
      open.onerror = function () { reject(open.error); };
    });
  }
  function put(key, value) {
    return db().then(function (d) {
      return new Promise(function (resolve, reject) {
        const tx = d.transaction(STORE, "readwrite");
        tx.objectStore(STORE).put(value, key);
        tx.oncomplete = resolve; tx.onerror = function () { reject(tx.error); };
      });
    });
  }
  function get(key) {
    return db().then(function (d) {
      return new Promise(function (resolve, reject) {
        const request = d.transaction(STORE).objectStore(STORE).get(key);
        request.onsuccess = function () { resolve(request.result); };
        request.onerror = function () { reject(request.error); };
      });
    });
  }
  function hex(buffer) {
    return Array.from(new Uint8Array(buffer)).map(function (b) { return b.toString(16).padStart(2, "0"); }).join("");
  }
  function bytesOf(b64) { return Uint8Array.from(atob(b64), function (c) { return c.charCodeAt(0); }); }
  function b64(buffer) { return btoa(String.fromCharCode.apply(null, new Uint8Array(buffer))); }

  const make = document.getElementById("make-key");
  if (make) {
    make.addEventListener("click", async function () {
      const status = document.getElementById("key-status");
      try {
        const pair = await crypto.subtle.generateKey({ name: "Ed25519" }, false, ["sign", "verify"]);
        const publicHex = hex(await crypto.subtle.exportKey("raw", pair.publicKey));
        await put(publicHex, pair);
        document.getElementById("public-key").value = publicHex;
        status.textContent = publicHex;
        document.getElementById("key-form").submit();
      } catch (error) {
        status.textContent = "This browser cannot make Ed25519 keys: " + error;
      }
    });
  }
  document.querySelectorAll("tr.key[data-public-key]").forEach(async function (row) {
    const found = await get(row.dataset.publicKey);
    row.querySelector(".local").textContent = found ? "✓" : "—";
  });

  const signButton = document.getElementById("sign-button");
  if (signButton) {
    signButton.addEventListener("click", async function () {
      const form = document.getElementById("sign-form");
      const status = document.getElementById("sign-status");
      const approved = JSON.parse(form.dataset.approved || "[]");
      let pair = null;
      for (const publicHex of approved) {
        pair = await get(publicHex);
        if (pair) break;
      }
      if (!pair) {
        status.textContent = "No approved key of yours is in this browser.";
        return;
      }
      const signature = await crypto.subtle.sign({ name: "Ed25519" }, pair.privateKey, bytesOf(form.dataset.statement));
      document.getElementById("signature").value = b64(signature);
      form.submit();
    });
  }
})();
