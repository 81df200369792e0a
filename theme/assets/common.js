// credcat: what the site's scripts share (catalog.js on every page, search.js, compare.js).
// They import it as one module, so a page holds one instance of it: one selection state.
// theme/embed.js runs on other people's pages as a classic script and keeps its own builder.

// An element with an optional class and text; text always goes in as textContent.
export function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// The compare selection: up to MAX listing refs in localStorage, shown by every
// "Add to compare" button and by a tray that links to the compare page.
const KEY = "credcat.compare";
const MAX = 4;

function siteBase() {
  const config = document.getElementById("__config");
  const base = config ? JSON.parse(config.textContent).base : ".";
  return base.replace(/\/?$/, "/");
}

export function read() {
  try {
    const stored = JSON.parse(window.localStorage.getItem(KEY) || "[]");
    return Array.isArray(stored) ? stored.filter((ref) => typeof ref === "string").slice(0, MAX) : [];
  } catch (error) {
    return [];
  }
}

export function write(refs) {
  try {
    window.localStorage.setItem(KEY, JSON.stringify(refs.slice(0, MAX)));
  } catch (error) {
    /* storage may be off (private mode): the selection then lives only in the compare URL */
  }
  sync(document);
}

// Add `ref` to the selection, or take it out if it is in.
export function toggle(ref) {
  const refs = read();
  const at = refs.indexOf(ref);
  if (at === -1) {
    if (refs.length < MAX) refs.push(ref);
  } else {
    refs.splice(at, 1);
  }
  write(refs);
}

function compareUrl(refs) {
  return siteBase() + "compare/?c=" + refs.map(encodeURIComponent).join(",");
}

// Show the selection on the compare buttons under `root`, and in the tray.
export function sync(root) {
  const refs = read();
  root.querySelectorAll(".cc-compare-toggle").forEach((button) => {
    const chosen = refs.indexOf(button.dataset.compare) !== -1;
    button.hidden = false;
    button.setAttribute("aria-pressed", chosen ? "true" : "false");
    button.textContent = chosen ? "Selected for compare" : "Add to compare";
    button.disabled = !chosen && refs.length >= MAX;
  });
  drawTray(refs);
}

function drawTray(refs) {
  let tray = document.getElementById("cc-tray");
  if (!refs.length || document.getElementById("cc-compare")) {
    if (tray) tray.remove();
    return;
  }
  if (!tray) {
    tray = element("div", "cc-tray");
    tray.id = "cc-tray";
    tray.setAttribute("role", "region");
    tray.setAttribute("aria-label", "Compare selection");
    document.body.appendChild(tray);
  }
  tray.replaceChildren();
  const link = element("a", "", "Compare " + refs.length + (refs.length === 1 ? " credential" : " credentials"));
  link.href = compareUrl(refs);
  const clear = element("button", "", "Clear");
  clear.type = "button";
  clear.addEventListener("click", () => write([]));
  tray.append(link, clear);
}
