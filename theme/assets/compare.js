// credcat compare page: two to four listings side by side. The selection is the URL
// (?c=provider/id,provider/id); each listing's facts come from the site's own JSON files,
// which hold about 64 listings each: the file of a listing is the CRC-32 of its ref modulo
// the number of files, as pages.compare_file works it out. The selection is also kept where
// every page's "Add to compare" buttons see it (common.js).
import { element, read, write } from "./common.js";

const root = document.getElementById("cc-compare");
const config = JSON.parse(document.getElementById("cc-compare-config").textContent);
const siteRoot = new URL(root.dataset.base, window.location.href);
const table = document.getElementById("cc-compare-table");
const REF = /^[a-z0-9]+(-[a-z0-9]+)*\/[a-z0-9]+(-[a-z0-9]+)*$/;
const ROWS = [
  ["Provider", (r) => r.provider],
  ["Type", (r) => r.type],
  ["Status", (r) => r.status],
  ["Cost", (r) => r.cost],
  ["Format", (r) => r.mode],
  ["Workload", (r) => `${r.hours} hours` + (r.ects ? ` · ${r.ects} ECTS` : "")],
  ["Level", (r) => r.level],
  ["Languages", (r) => r.languages.join(", ")],
  ["Assessment", (r) => r.assessment],
  ["Quality assurance", (r) => r.quality],
  ["EU transparency", (r) => r.transparency],
  ["Last verified", (r) => r.verified],
  ["Summary", (r) => r.summary],
];

window.addEventListener("DOMContentLoaded", start);

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
  const records = (await Promise.all(refs.map(load))).filter(Boolean);
  if (!records.length) {
    table.replaceChildren(element("p", "", "Nothing selected yet."));
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
  for (const [label, value] of ROWS) {
    const row = element("tr");
    row.append(cell("th", label, "row"));
    for (const record of records) row.append(cell("td", String(value(record))));
    body.append(row);
  }
  const enrolRow = element("tr");
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
  const notes = [];
  if (records.length < 2) notes.push(element("p", "", "Add at least one more credential to compare."));
  table.replaceChildren(grid, ...notes);
}
