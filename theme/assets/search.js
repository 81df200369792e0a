// credcat search page: Pagefind's JS API as a catalog browser. The URL holds the state
// (?q=words&industry=Information&sort=hours:asc), so every view can be bookmarked and shared.
// Filters are OR within one facet and AND across facets; counts say how many results ticking
// a value would give. An empty query with filters browses the catalog.
// The filter index (a list of pages per value of every facet) is most of what a first search
// would download at 10,000 listings, so it loads only when filters are asked for.
// A large catalog is indexed in shards (config.shards: more Pagefind bundles after pagefind/):
// each is its own Pagefind instance, all are searched together, counts add up, and sorted
// results are merged by the sort value each record carries in its meta (sort_<key>).
import { element, sync } from "./common.js";

const root = document.getElementById("cc-search");
const config = JSON.parse(document.getElementById("cc-search-config").textContent);
const siteRoot = new URL(root.dataset.base, window.location.href);
const form = root.querySelector("form");
const queryInput = document.getElementById("cc-q");
const sortSelect = document.getElementById("cc-sort");
const filterBox = document.getElementById("cc-filters");
const countLine = document.getElementById("cc-result-count");
const activeBox = document.getElementById("cc-active-filters");
const resultList = document.getElementById("cc-results");
const moreButton = document.getElementById("cc-more");
const SHOWN_VALUES = 8;
const WIDE = "(min-width: 45em)";
const filterLabels = new Map(config.filters);

const state = readState();
const expanded = new Set();
let results = resultsOf([]);
let shown = 0;
let runNumber = 0;
let filtersLoaded = false;

const shards = [];
for (const bundle of ["pagefind/", ...config.shards]) {
  const shard = await import(new URL(bundle + "pagefind.js", siteRoot).href);
  await shard.options({ baseUrl: siteRoot.pathname, excerptLength: 30, noWorker: true });
  await shard.init();
  shards.push(shard);
}
const pagefind = { search: searchShards, filters: async () => addCounts(await Promise.all(shards.map((shard) => shard.filters()))) };
if (Object.keys(state.filters).length) await loadFilters();

// On a phone the filters fold away above the results; on wider screens they stay open beside them.
document.getElementById("cc-filter-panel").open = window.matchMedia(WIDE).matches;
queryInput.value = state.q;
sortSelect.value = state.sort;
form.addEventListener("submit", (event) => {
  event.preventDefault();
  state.q = queryInput.value.trim();
  state.sort = sortSelect.value;
  update();
});
sortSelect.addEventListener("change", () => {
  state.sort = sortSelect.value;
  update();
});
let typing;
queryInput.addEventListener("input", () => {
  window.clearTimeout(typing);
  typing = window.setTimeout(() => {
    state.q = queryInput.value.trim();
    update();
  }, 250);
});
moreButton.addEventListener("click", () => showMore());
await update(false);

async function loadFilters() {
  await pagefind.filters(); // searches report facet counts only once the filter index is loaded
  filtersLoaded = true;
}

function filterOffer() {
  const button = element("button", "md-button", "Show filters and counts");
  button.type = "button";
  button.addEventListener("click", async () => {
    button.disabled = true;
    await loadFilters();
    await update(false);
    filterBox.querySelector("input")?.focus();
  });
  const note = element("p", "cc-note", Array.from(filterLabels.values()).join(", ") + ".");
  return [button, note];
}

function readState() {
  const params = new URLSearchParams(window.location.search);
  const filters = {};
  for (const [key] of config.filters) {
    const values = params.getAll(key).filter(Boolean);
    if (values.length) filters[key] = values;
  }
  return { q: (params.get("q") || "").trim(), sort: params.get("sort") || "", filters };
}

function writeState() {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  for (const [key, values] of Object.entries(state.filters)) {
    for (const value of values) params.append(key, value);
  }
  if (state.sort) params.set("sort", state.sort);
  const query = params.toString();
  window.history.replaceState(null, "", query ? "?" + query : window.location.pathname);
}

function pagefindFilters(except) {
  const filters = {};
  for (const [key, values] of Object.entries(state.filters)) {
    if (key !== except && values.length) filters[key] = { any: values };
  }
  return filters;
}

function sortOption() {
  if (!state.sort) return undefined;
  const [key, direction] = state.sort.split(":");
  return { [key]: direction === "desc" ? "desc" : "asc" };
}

async function update(remember = true) {
  const run = ++runNumber;
  if (remember) writeState();
  const term = state.q || null;
  if (term === null && !Object.keys(state.filters).length) {
    // Listing everything would load the whole word index: ask for words or filters instead.
    const counts = filtersLoaded ? await pagefind.filters() : null;
    if (run !== runNumber) return;
    results = resultsOf([]);
    shown = 0;
    drawFilters(counts);
    drawActive();
    resultList.replaceChildren();
    countLine.textContent = `${config.total} credentials in the catalog: type a word or pick filters to see them.`;
    afterCards();
    return;
  }
  const search = await pagefind.search(term, { filters: pagefindFilters(), sort: sortOption() });
  if (run !== runNumber || search === null) return;
  // A facet with ticked values counts as if its own values were not ticked, so its other
  // values show what adding them would give.
  const counts = filtersLoaded ? { ...search.filters } : null;
  for (const key of counts ? Object.keys(state.filters) : []) {
    const without = await pagefind.search(term, { filters: pagefindFilters(key) });
    if (run !== runNumber) return;
    counts[key] = without.filters[key] || {};
  }
  results = search.results;
  shown = 0;
  const cards = await nextCards();
  if (run !== runNumber) return;
  drawFilters(counts);
  drawActive();
  resultList.replaceChildren(...cards);
  countLine.textContent = describeCount(results.length);
  afterCards();
}

function describeCount(count) {
  const noun = count === 1 ? "credential" : "credentials";
  return state.q ? `${count} ${noun} found for “${state.q}”` : `${count} ${noun} match the filters`;
}

async function nextCards() {
  const records = await results.next(config.pageSize);
  shown += records.length;
  return records.map(resultCard);
}

async function searchShards(term, options) {
  const found = await Promise.all(shards.map((shard) => shard.search(term, options)));
  if (found.includes(null)) return null;
  const filters = addCounts(found.map((search) => search.filters));
  if (found.length === 1) return { filters, results: resultsOf(found[0].results) };
  if (!options.sort) {
    return { filters, results: resultsOf(found.flatMap((search) => search.results).sort((a, b) => b.score - a.score)) };
  }
  const [key, direction] = Object.entries(options.sort)[0];
  return { filters, results: mergedBySort(found.map((search) => search.results), "sort_" + key, direction === "desc" ? -1 : 1) };
}

function addCounts(countsOfEachShard) {
  const total = {};
  for (const counts of countsOfEachShard) {
    for (const [key, values] of Object.entries(counts || {})) {
      total[key] ??= {};
      for (const [value, count] of Object.entries(values)) total[key][value] = (total[key][value] || 0) + count;
    }
  }
  return total;
}

// Results in their order; next(n) loads the data of the next n.
function resultsOf(list) {
  let position = 0;
  return {
    length: list.length,
    async next(count) {
      const batch = list.slice(position, position + count);
      position += batch.length;
      return Promise.all(batch.map((result) => result.data()));
    },
  };
}

// Each shard's results are already in sort order: take the best head each time, loading a
// result's data only when it reaches the head of its shard.
function mergedBySort(lists, metaKey, sign) {
  const queues = lists.map((list) => ({ list, position: 0, head: null }));
  const value = (record) => Number(record.meta[metaKey]);
  return {
    length: lists.reduce((sum, list) => sum + list.length, 0),
    async next(count) {
      const taken = [];
      while (taken.length < count) {
        const waiting = queues.filter((queue) => queue.position < queue.list.length);
        if (!waiting.length) break;
        await Promise.all(waiting.filter((queue) => queue.head === null).map(async (queue) => {
          queue.head = await queue.list[queue.position].data();
        }));
        let best = waiting[0];
        for (const queue of waiting) {
          if (sign * (value(queue.head) - value(best.head)) < 0) best = queue;
        }
        taken.push(best.head);
        best.position += 1;
        best.head = null;
      }
      return taken;
    },
  };
}

async function showMore() {
  const run = runNumber;
  const cards = await nextCards();
  if (run !== runNumber) return;
  resultList.append(...cards);
  afterCards();
}

function afterCards() {
  moreButton.hidden = shown >= results.length;
  sync(resultList);
}

function resultCard(record) {
  const meta = record.meta;
  const item = element("li");
  const card = element("article", "cc-card" + (meta.status === "retired" ? " cc-card--retired" : ""));
  const ref = refOf(record.url);
  card.dataset.listing = ref;
  const title = element("h3", "cc-card__title");
  const link = element("a", "", meta.title);
  link.href = record.url;
  title.append(link);
  card.append(title, element("p", "cc-card__provider", meta.provider || ""));
  if (meta.status && meta.status !== "active") {
    const badges = element("p", "cc-card__badges");
    badges.append(element("span", "cc-badge cc-badge--" + meta.status, meta.status));
    card.append(badges);
  }
  card.append(element("p", "cc-card__summary", meta.summary || ""));
  const facts = element("ul", "cc-card__facts");
  for (const fact of [meta.type, meta.level, meta.hours ? meta.hours + " hours" : "", meta.cost, meta.mode]) {
    if (fact) facts.append(element("li", "", fact));
  }
  card.append(facts);
  const compare = element("button", "cc-compare-toggle", "Add to compare");
  compare.type = "button";
  compare.dataset.compare = ref;
  compare.setAttribute("aria-pressed", "false");
  card.append(compare);
  item.append(card);
  return item;
}

function refOf(url) {
  const path = new URL(url, window.location.href).pathname;
  const match = path.match(/credentials\/([^/]+)\/([^/]+)\/?$/);
  return match ? `${match[1]}/${match[2]}` : path;
}

function drawFilters(counts) {
  if (counts === null) {
    filterBox.replaceChildren(...filterOffer());
    return;
  }
  const groups = [];
  for (const [key, label] of config.filters) {
    const ticked = state.filters[key] || [];
    const values = Object.entries(counts[key] || {}).filter(([name, count]) => count > 0 || ticked.includes(name));
    for (const value of ticked) {
      if (!values.some(([name]) => name === value)) values.push([value, 0]);
    }
    if (!values.length) continue;
    values.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const fieldset = element("fieldset", "cc-filter");
    fieldset.append(element("legend", "", label));
    const visible = expanded.has(key) ? values : values.filter(([name], index) => index < SHOWN_VALUES || ticked.includes(name));
    for (const [value, count] of visible) {
      const row = element("label");
      const box = element("input");
      box.type = "checkbox";
      box.name = key;
      box.value = value;
      box.checked = ticked.includes(value);
      box.addEventListener("change", () => toggle(key, value, box.checked));
      row.append(box, element("span", "", value), element("span", "cc-count", String(count)));
      fieldset.append(row);
    }
    if (values.length > visible.length) {
      const more = element("button", "cc-filter__more", `Show all ${values.length}`);
      more.type = "button";
      more.addEventListener("click", () => {
        expanded.add(key);
        drawFilters(counts);
      });
      fieldset.append(more);
    }
    groups.push(fieldset);
  }
  filterBox.replaceChildren(...groups);
}

function drawActive() {
  const chips = [];
  for (const [key, values] of Object.entries(state.filters)) {
    for (const value of values) {
      const label = filterLabels.get(key);
      const chip = element("button", "", `${label}: ${value} ✕`);
      chip.type = "button";
      chip.setAttribute("aria-label", `Remove filter ${label}: ${value}`);
      chip.addEventListener("click", () => toggle(key, value, false));
      chips.push(chip);
    }
  }
  activeBox.replaceChildren(...chips);
}

function toggle(key, value, on) {
  const values = new Set(state.filters[key] || []);
  if (on) values.add(value);
  else values.delete(value);
  if (values.size) state.filters[key] = [...values];
  else delete state.filters[key];
  update();
}
