// credcat: the compare selection shared by every page. "Add to compare" buttons toggle a
// listing in localStorage; a small tray links to the compare page with the selection in its URL.
(function () {
  "use strict";
  var KEY = "credcat.compare";
  var MAX = 4;

  function siteBase() {
    var config = document.getElementById("__config");
    var base = config ? JSON.parse(config.textContent).base : ".";
    return base.replace(/\/?$/, "/");
  }

  function read() {
    try {
      var stored = JSON.parse(window.localStorage.getItem(KEY) || "[]");
      return Array.isArray(stored) ? stored.filter(function (ref) { return typeof ref === "string"; }).slice(0, MAX) : [];
    } catch (error) {
      return [];
    }
  }

  function write(refs) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(refs.slice(0, MAX)));
    } catch (error) {
      /* storage may be off (private mode): the selection then lives only in the compare URL */
    }
    sync(document);
  }

  function compareUrl(refs) {
    return siteBase() + "compare/?c=" + refs.map(encodeURIComponent).join(",");
  }

  function sync(root) {
    var refs = read();
    root.querySelectorAll(".cc-compare-toggle").forEach(function (button) {
      var chosen = refs.indexOf(button.dataset.compare) !== -1;
      button.hidden = false;
      button.setAttribute("aria-pressed", chosen ? "true" : "false");
      button.textContent = chosen ? "Selected for compare" : "Add to compare";
      button.disabled = !chosen && refs.length >= MAX;
    });
    drawTray(refs);
  }

  function drawTray(refs) {
    var tray = document.getElementById("cc-tray");
    if (!refs.length || document.getElementById("cc-compare")) {
      if (tray) tray.remove();
      return;
    }
    if (!tray) {
      tray = document.createElement("div");
      tray.id = "cc-tray";
      tray.className = "cc-tray";
      tray.setAttribute("role", "region");
      tray.setAttribute("aria-label", "Compare selection");
      document.body.appendChild(tray);
    }
    tray.replaceChildren();
    var link = document.createElement("a");
    link.href = compareUrl(refs);
    link.textContent = "Compare " + refs.length + (refs.length === 1 ? " credential" : " credentials");
    var clear = document.createElement("button");
    clear.type = "button";
    clear.textContent = "Clear";
    clear.addEventListener("click", function () { write([]); });
    tray.append(link, clear);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest(".cc-compare-toggle") : null;
    if (!button) return;
    var refs = read();
    var ref = button.dataset.compare;
    var at = refs.indexOf(ref);
    if (at === -1) {
      if (refs.length < MAX) refs.push(ref);
    } else {
      refs.splice(at, 1);
    }
    write(refs);
  });

  window.credcatCompare = { read: read, write: write, sync: sync, compareUrl: compareUrl, max: MAX };
  sync(document);
})();
