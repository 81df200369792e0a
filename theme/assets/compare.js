// credcat compare page: two to four listings side by side. The selection is the URL
// (?c=provider/id,provider/id); each listing's facts come from the site's own JSON files,
// which hold about 64 listings each: the file of a listing is the CRC-32 of its ref modulo
// the number of files, as pages.compare_file works it out. The selection is also kept where
// every page's "Add to compare" buttons see it (common.js). Rows where the listings differ
// are marked in words and colour, and can be shown alone; retired listings are left out.
import { element, read, write } from "./common.js";

const root = document.getElementById("cc-compare");
const config = JSON.parse(document.getElementById("cc-compare-config").textContent);
const siteRoot = new URL(root.dataset.base, window.location.href);
const table = document.getElementById("cc-compare-table");
const REF = /^[a-z0-9]+(-[a-z0-9]+)*\/[a-z0-9]+(-[a-z0-9]+)*$/;
// Each row: its label and the text of one listing's cell (the compare records of facets.py).
const ROWS = [
  ["Provider", (r) => r.provider],
  ["Type", (r) => r.type],
  ["Status", (r) => r.status],
  ["Cost", (r) => r.cost],
  ["All-in cost, first time", (r) => r.all_in],
  ["Format", (r) => r.mode],
  ["Location", (r) => r.location || "Not stated"],
  ["Workload", (r) => `${r.hours} hours` + (r.ects ? ` · ${r.ects} ECTS` : "")],
  ["Level", (r) => r.level],
  ["Languages", (r) => r.languages.join(", ")],
  ["Assessment", (r) => r.assessment],
  ["Quality assurance", (r) => r.quality],
  ["Valid for", (r) => r.validity],
  ["Pathways", (r) => (r.pathways.length ? r.pathways.join("; ") : "None in this catalog")],
  ["Information completeness", (r) => `${r.transparency} EU elements`],
  ["Last verified", (r) => r.verified],
  ["Summary", (r) => r.summary],
];
let onlyDifferences = false;

window.addEventListener("DOMContentLoaded", start);
window.addEventListener("resize", showScrollCue);

function selectionFromUrl() {
  const value = new URLSearchParams(window.location.search).get("c") || "";
  return [...new Set(value.split(",").map((ref) => ref.trim()).filter((ref) => REF.test(ref)))].slice(0, config.max);
}

function remember(refs) {
  const query = refs.length ? "?c=" + refs.join(",") : "";
  window.history.replaceState(null, "", window.location.pathname + query);
  write(refs);
}

async function start() {
  let refs = selectionFromUrl();
  if (!refs.length) {
    refs = read().filter((ref) => REF.test(ref));
    if (refs.length) remember(refs);
  } else {
    write(refs);
  }
  await draw(refs);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, byte) => {
  let crc = byte;
  for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  return crc >>> 0;
});
const dataFiles = new Map();

function crc32(text) {
  let crc = 0xffffffff;
  for (const byte of new TextEncoder().encode(text)) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function dataFile(number) {
  if (!dataFiles.has(number)) {
    const url = new URL(config.data + number + ".json", siteRoot);
    dataFiles.set(number, fetch(url).then((response) => (response.ok ? response.json() : {})));
  }
  return dataFiles.get(number);
}

async function load(ref) {
  const records = await dataFile(crc32(ref) % config.files);
  return Object.hasOwn(records, ref) ? records[ref] : null;
}

// A table cell; `scope` ("col" or "row") makes a <th> the header of its column or row.
function cell(tag, text, scope) {
  const node = element(tag, "", text);
  if (scope) node.scope = scope;
  return node;
}

async function draw(refs) {
  const found = (await Promise.all(refs.map(load))).filter(Boolean);
  const retired = found.filter((record) => record.retired);
  const records = found.filter((record) => !record.retired);
  if (retired.length) {
    // A retired listing is no longer offered: it leaves the selection (and the address).
    const kept = refs.filter((ref) => !retired.some((record) => record.ref === ref));
    remember(kept);
    refs = kept;
  }
  const notes = retired.map((record) => element("p", "cc-note", `${record.name} is retired (no longer offered), so it is not compared.`));
  if (!records.length) {
    table.replaceChildren(element("p", "", "Nothing selected yet."), ...notes);
    return;
  }
  const grid = element("table", "cc-compare-grid");
  const caption = element("caption", "cc-visually-hidden", `${records.length} credential${records.length === 1 ? "" : "s"} side by side`);
  const head = element("thead");
  const headRow = element("tr");
  headRow.append(cell("td"));
  for (const record of records) {
    const th = cell("th", undefined, "col");
    const link = element("a", "", record.name);
    link.href = new URL(record.url, siteRoot).href;
    const remove = element("button", "cc-filter__more", "Remove");
    remove.type = "button";
    remove.setAttribute("aria-label", `Remove ${record.name} from the comparison`);
    remove.addEventListener("click", () => {
      const kept = refs.filter((ref) => ref !== record.ref);
      remember(kept);
      draw(kept);
    });
    th.append(link, element("br"), remove);
    headRow.append(th);
  }
  head.append(headRow);
  const body = element("tbody");
  let differing = 0;
  for (const [label, value] of ROWS) {
    const texts = records.map((record) => String(value(record)));
    const differs = records.length > 1 && new Set(texts).size > 1;
    const row = element("tr", differs ? "cc-differs" : "cc-same");
    const header = cell("th", label, "row");
    if (differs) {
      differing++;
      header.append(" ", element("span", "cc-differs__mark", "differs"));
    }
    row.append(header);
    for (const text of texts) row.append(cell("td", text));
    body.append(row);
  }
  const enrolRow = element("tr", "cc-enrol");
  enrolRow.append(cell("th", "Enrol", "row"));
  for (const record of records) {
    const td = cell("td");
    if (!/^https?:\/\//.test(record.enrol)) {
      enrolRow.append(td);
      continue;
    }
    const link = element("a", "", "Provider's page");
    link.href = record.enrol;
    link.rel = "noopener nofollow";
    td.append(link);
    enrolRow.append(td);
  }
  body.append(enrolRow);
  grid.append(caption, head, body);
  grid.classList.toggle("cc-compare-grid--differences", onlyDifferences);
  if (records.length < 2) notes.push(element("p", "", "Add at least one more credential to compare."));
  const tools = [];
  if (records.length > 1) {
    const summary = element("p", "cc-compare__summary", `${differing} of ${ROWS.length} rows differ; they are marked “differs”.`);
    const toggle = element("label", "cc-compare__only");
    const box = element("input");
    box.type = "checkbox";
    box.checked = onlyDifferences;
    box.addEventListener("change", () => {
      onlyDifferences = box.checked;
      grid.classList.toggle("cc-compare-grid--differences", onlyDifferences);
    });
    toggle.append(box, " Show only the rows that differ");
    tools.push(summary, toggle);
  }
  const cue = element("p", "cc-compare__cue", "Scroll sideways to see every credential →");
  cue.hidden = true;
  const scroller = element("div", "cc-compare__scroll");
  scroller.tabIndex = 0;
  scroller.setAttribute("role", "region");
  scroller.setAttribute("aria-label", "Comparison table, scrolls sideways");
  scroller.append(grid);
  table.replaceChildren(...tools, cue, scroller, ...notes);
  showScrollCue();
}

// The cue shows only when the table is wider than its box (a phone, or four listings).
function showScrollCue() {
  const scroller = table.querySelector(".cc-compare__scroll");
  const cue = table.querySelector(".cc-compare__cue");
  if (scroller && cue) cue.hidden = scroller.scrollWidth <= scroller.clientWidth + 1;
}
