// credcat search page. The URL holds the state (?q=words&hours=Under+10+hours&sort=hours:asc&all=1),
// so every view can be bookmarked and shared, and each change is a history entry: Back undoes it.
//
// Before any words or filters the page browses the catalog from static files (browse.py):
// pages of cards in each sort order and the facet counts of the whole catalog, a few KB, so a
// first visit never loads Pagefind's filter index (most of a first search's bytes at 10,000
// listings). Words or filters go to Pagefind: filters are OR within one facet and AND across
// facets; counts say how many results ticking a value would give.
//
// Retired and suspended listings have Pagefind bundles of their own (config.inactive), searched
// only when asked for (?all=1), and their results always come after the others. A large catalog
// is indexed in shards (config.shards: more bundles after pagefind/): each is its own Pagefind
// instance, all are searched together, counts add up, and sorted results are merged by the sort
// value each record carries in its meta (sort_<key>).
import { element, sync } from "./common.js";

const root = document.getElementById("cc-search");
const config = JSON.parse(document.getElementById("cc-search-config").textContent);
const siteRoot = new URL(root.dataset.base, window.location.href);
const form = root.querySelector("form");
const queryInput = document.getElementById("cc-q");
const sortSelect = document.getElementById("cc-sort");
const allBox = document.getElementById("cc-all");
const filterBox = document.getElementById("cc-filters");
const filterPanel = document.getElementById("cc-filter-panel");
const openButton = document.getElementById("cc-filter-open");
const doneButton = document.getElementById("cc-filter-done");
const countLine = document.getElementById("cc-result-count");
const activeBox = document.getElementById("cc-active-filters");
const resultList = document.getElementById("cc-results");
const suggestionBox = document.getElementById("cc-suggestions");
const moreButton = document.getElementById("cc-more");
const SHOWN_VALUES = 8;
const SUGGESTED_HUBS = 8;
const NEAREST = 5;
const filterLabels = new Map(config.filters);

let state = readState();
const expanded = new Set();
let results = resultsOf([]);
let shown = 0;
let runNumber = 0;
let filtersLoaded = false;
// The browse files: index.json (pages per order, the first values of each facet) before any
// words; facets.json (every value's count, the subject and occupation hierarchy) when more is asked for.
let browseIndex = null;
let facetFile = null;
const tiers = { current: null, inactive: null };
let hubList = null;

queryInput.value = state.q;
sortSelect.value = state.sort;
allBox.checked = state.all;
form.addEventListener("submit", (event) => {
  event.preventDefault();
  window.clearTimeout(typing);
  change({ q: queryInput.value.trim(), sort: sortSelect.value });
});
sortSelect.addEventListener("change", () => change({ sort: sortSelect.value }));
allBox.addEventListener("change", () => change({ all: allBox.checked }));
let typing;
queryInput.addEventListener("input", () => {
  window.clearTimeout(typing);
  typing = window.setTimeout(() => change({ q: queryInput.value.trim() }, true), 400);
});
moreButton.addEventListener("click", () => showMore());
openButton.addEventListener("click", () => openSheet(true));
document.getElementById("cc-filter-close").addEventListener("click", () => openSheet(false));
doneButton.addEventListener("click", () => {
  openSheet(false);
  resultList.querySelector("a")?.focus();
});
window.addEventListener("popstate", () => {
  state = readState();
  typed = false;
  queryInput.value = state.q;
  sortSelect.value = state.sort;
  allBox.checked = state.all;
  update();
});
await update();

// --- state and history -------------------------------------------------------------------

function readState() {
  const params = new URLSearchParams(window.location.search);
  const filters = {};
  for (const [key] of config.filters) {
    const values = params.getAll(key).filter(Boolean);
    if (values.length) filters[key] = values;
  }
  const sort = params.get("sort") || "";
  return {
    q: (params.get("q") || "").trim(),
    sort: config.browseSorts[sort] || sort === "" ? sort : "",
    all: params.get("all") === "1",
    filters,
  };
}

function stateUrl() {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  for (const [key, values] of Object.entries(state.filters)) {
    for (const value of values) params.append(key, value);
  }
  if (state.sort) params.set("sort", state.sort);
  if (state.all) params.set("all", "1");
  const query = params.toString();
  return query ? "?" + query : window.location.pathname;
}

// Every change the learner makes is a history entry, so Back undoes it and the URL shares it;
// words typed one after another make one entry, not one per pause.
let typed = false;
function change(changes, typing = false) {
  const before = stateUrl();
  Object.assign(state, changes);
  const after = stateUrl();
  if (after !== before) {
    if (typing && typed) window.history.replaceState(null, "", after);
    else window.history.pushState(null, "", after);
  }
  typed = typing;
  return update();
}

// Ticking a narrower value of a hierarchical facet (a unit group under its major group)
// narrows: its broader values are unticked, as values of one facet add up otherwise.
function toggle(key, value, on) {
  const filters = { ...state.filters };
  const values = new Set(filters[key] || []);
  if (on) values.add(value);
  else values.delete(value);
  if (on) for (const broader of ancestorsOf(key, value)) values.delete(broader);
  if (values.size) filters[key] = [...values];
  else delete filters[key];
  return change({ filters });
}

function ancestorsOf(key, value) {
  const parents = facetFile?.parents[key] || {};
  const chain = [];
  for (let at = parents[value]; at && !chain.includes(at); at = parents[at]) chain.push(at);
  return chain;
}

// --- loading -----------------------------------------------------------------------------

async function loadIndex() {
  browseIndex ??= await fetchJson(config.browse + "index.json");
  return browseIndex;
}

async function loadFacetFile() {
  facetFile ??= await fetchJson(config.browse + "facets.json");
  return facetFile;
}

async function fetchJson(path) {
  const response = await fetch(new URL(path, siteRoot));
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
}

// The Pagefind instances of one tier ("current" or "inactive"), loaded on first use.
async function tier(name) {
  if (!tiers[name]) {
    const bundles = name === "current" ? ["pagefind/", ...config.shards] : config.inactive;
    tiers[name] = Promise.all(bundles.map(async (bundle) => {
      const shard = await import(new URL(bundle + "pagefind.js", siteRoot).href);
      await shard.options({ baseUrl: siteRoot.pathname, excerptLength: 30, noWorker: true });
      await shard.init();
      return shard;
    }));
  }
  return tiers[name];
}

async function searchedTiers() {
  const names = state.all && config.inactive.length ? ["current", "inactive"] : ["current"];
  return Promise.all(names.map(tier));
}

// Searches report facet counts only once the filter index is loaded: after the first filter or
// "Count results per filter", for every tier searched from then on (Pagefind loads it once).
async function loadFilters() {
  filtersLoaded = true;
  for (const shards of await searchedTiers()) await Promise.all(shards.map((shard) => shard.filters()));
}

// --- one view ----------------------------------------------------------------------------

async function update() {
  const run = ++runNumber;
  const browsing = !state.q && !Object.keys(state.filters).length;
  suggestionBox.hidden = true;
  suggestionBox.replaceChildren();
  markSorts(browsing);
  if (browsing) {
    await loadIndex();
    const full = state.all || expanded.size ? await loadFacetFile() : null;
    results = browseResults();
    shown = 0;
    const cards = await nextCards();
    if (run !== runNumber) return;
    drawFilters(full ? catalogCounts() : firstCounts(), true);
    drawActive();
    resultList.replaceChildren(...cards);
    countLine.textContent = describeBrowse(results.length);
    afterCards();
    return;
  }
  if (Object.keys(state.filters).length || filtersLoaded) await loadFilters();
  const term = state.q || null;
  const search = await searchTiers(term, pagefindFilters(), sortOption());
  if (run !== runNumber || search === null) return;
  // A facet with ticked values counts as if its own values were not ticked, so its other
  // values show what adding them would give.
  const counts = filtersLoaded ? { ...search.filters } : null;
  if (counts) await loadFacetFile(); // for the hierarchy of subjects and occupations
  for (const key of counts ? Object.keys(state.filters) : []) {
    const without = await searchTiers(term, pagefindFilters(key), undefined);
    if (run !== runNumber) return;
    counts[key] = without.filters[key] || {};
  }
  results = search.results;
  shown = 0;
  const cards = await nextCards();
  if (run !== runNumber) return;
  drawFilters(counts, false);
  drawActive();
  resultList.replaceChildren(...cards);
  countLine.textContent = describeCount(results.length);
  afterCards();
  if (!results.length) await suggest(run);
}

function describeBrowse(count) {
  const order = sortSelect.options[sortSelect.selectedIndex]?.textContent || "";
  const noun = count === 1 ? "credential" : "credentials";
  return `${count} ${noun} in the catalog${state.sort ? ", " + order.toLowerCase() : ", by name"}`;
}

function describeCount(count) {
  const noun = count === 1 ? "credential" : "credentials";
  const filtered = Object.keys(state.filters).length > 0;
  if (!count && state.q) return `No credentials match “${state.q}”${filtered ? " with these filters" : ""}.`;
  if (!count) return "No credentials match these filters.";
  return state.q ? `${count} ${noun} found for “${state.q}”` : `${count} ${noun} match the filters`;
}

function pagefindFilters(except) {
  const filters = {};
  for (const [key, values] of Object.entries(state.filters)) {
    if (key !== except && values.length) filters[key] = { any: values };
  }
  return filters;
}

// The Pagefind sort of the chosen order; orders only the browse files hold (name, recently
// verified) fall back to Pagefind's ranking once there are words or filters.
function sortOption() {
  const sort = config.pagefindSorts[state.sort];
  return sort ? { [sort[0]]: sort[1] } : undefined;
}

// Orders Pagefind cannot give are greyed out while searching.
function markSorts(browsing) {
  for (const option of sortSelect.options) {
    option.disabled = !browsing && option.value !== "" && !config.pagefindSorts[option.value];
  }
}

// --- browsing from the static files ------------------------------------------------------

// The catalog in the chosen order, a page of cards per file: the first `current` listings are
// the ones shown by default; with ?all=1 the retired and suspended ones follow.
function browseResults() {
  const folder = config.browseSorts[state.sort || "name:asc"];
  const length = state.all ? browseIndex.total : browseIndex.current;
  const size = browseIndex.pageSize;
  const loaded = new Map();
  let position = 0;
  return {
    length,
    async next(count) {
      const end = Math.min(length, position + count);
      const cards = [];
      for (let index = position; index < end; index++) {
        const page = Math.floor(index / size);
        if (!loaded.has(page)) loaded.set(page, fetchJson(`${config.browse}${folder}/${page}.json`));
        cards.push((await loaded.get(page))[index % size]);
      }
      position = end;
      return cards;
    },
  };
}

// Counts of the whole catalog: the first values of each facet, or all of them (facets.json).
function firstCounts() {
  return Object.fromEntries(Object.entries(browseIndex.counts).map(([key, first]) => [key, first.values]));
}

function catalogCounts() {
  const counts = structuredClone(facetFile.counts.current);
  if (state.all) {
    for (const [key, values] of Object.entries(facetFile.counts.inactive)) {
      counts[key] ??= {};
      for (const [value, count] of Object.entries(values)) counts[key][value] = (counts[key][value] || 0) + count;
    }
  }
  return counts;
}

// --- searching with Pagefind -------------------------------------------------------------

async function searchTiers(term, filters, sort) {
  const found = [];
  for (const shards of await searchedTiers()) {
    const search = await searchShards(shards, term, { filters, sort });
    if (search === null) return null;
    found.push(search);
  }
  return { filters: addCounts(found.map((search) => search.filters)), results: concatenated(found.map((search) => search.results)) };
}

async function searchShards(shards, term, options) {
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

// Pagefind results in their order; next(n) loads the data of the next n as cards.
function resultsOf(list) {
  let position = 0;
  return {
    length: list.length,
    async next(count) {
      const batch = list.slice(position, position + count);
      position += batch.length;
      return Promise.all(batch.map(async (result) => cardData(await result.data())));
    },
  };
}

// One tier's results after another's: retired listings never rank above current ones.
function concatenated(lists) {
  let at = 0;
  let usedOfThis = 0;
  return {
    length: lists.reduce((sum, list) => sum + list.length, 0),
    async next(count) {
      const taken = [];
      while (taken.length < count && at < lists.length) {
        const batch = await lists[at].next(count - taken.length);
        taken.push(...batch);
        usedOfThis += batch.length;
        if (usedOfThis >= lists[at].length) {
          at += 1;
          usedOfThis = 0;
        }
      }
      return taken;
    },
  };
}

// Each shard's results are already in sort order: take the best head each time, loading a
// result's data only when it reaches the head of its shard.
function mergedBySort(lists, metaKey, sign) {
  const queues = lists.map((list) => ({ list, position: 0, head: null }));
  const value = (record) => {
    const number = Number(record.meta[metaKey]);
    return Number.isNaN(number) ? record.meta[metaKey] : number;
  };
  const compare = (a, b) => (typeof a === "number" && typeof b === "number" ? a - b : String(a).localeCompare(String(b)));
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
          if (sign * compare(value(queue.head), value(best.head)) < 0) best = queue;
        }
        taken.push(cardData(best.head));
        best.position += 1;
        best.head = null;
      }
      return taken;
    },
  };
}

// A Pagefind record as the fields a card shows (the browse files carry the same fields).
function cardData(record) {
  const meta = record.meta;
  return {
    url: record.url, title: meta.title, translated: meta.translated || "", provider: meta.provider, summary: meta.summary,
    type: meta.type, level: meta.level, hours: meta.hours, cost: meta.cost, mode: meta.mode, pacing: meta.pacing, status: meta.status,
  };
}

// --- nothing found: what does exist -------------------------------------------------------

function words(text) {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

// A rough English stem, enough to match "welding" with "Welders": the word without its ending.
function stem(word) {
  const bare = word.replace(/(ings?|ers?|ed|ions?|s)$/, "");
  return bare.length >= 3 ? bare : word;
}

async function suggest(run) {
  hubList ??= await fetchJson(config.browse + "hubs.json");
  const asked = words(state.q).filter((word) => word.length >= 3);
  // Hubs by name (forgiving a slip of the keys), then by what their descriptions say they cover.
  const byName = (hub) => asked.some((word) => {
    const head = word.slice(0, Math.max(4, Math.ceil(word.length * 0.6)));
    return words(hub.name).some((name) => name.startsWith(stem(word)) || name.startsWith(head));
  });
  const byAbout = (hub) => asked.some((word) => stem(word).length >= 4 && words(hub.about || "").some((said) => stem(said) === stem(word)));
  const hubs = [...hubList.filter(byName), ...hubList.filter((hub) => !byName(hub) && byAbout(hub))].slice(0, SUGGESTED_HUBS);
  // The nearest listings: each word on its own, then each word's first letters, without filters.
  let nearest = [];
  for (const term of [...asked, ...asked.map((word) => word.slice(0, 4))]) {
    if (nearest.length >= NEAREST) break;
    const search = await searchTiers(term, {}, undefined);
    if (run !== runNumber) return;
    const more = (await search.results.next(NEAREST)).filter((card) => !nearest.some((known) => known.url === card.url));
    nearest = nearest.concat(more).slice(0, NEAREST);
  }
  const found = nearest.length > 0;
  if (!found) {
    await loadIndex();
    nearest = await browseResults().next(NEAREST);
  }
  if (run !== runNumber) return;
  const parts = [];
  if (hubs.length) {
    parts.push(element("h3", "", "Browse what the catalog has"));
    const list = element("ul", "cc-suggestions__hubs");
    for (const hub of hubs) {
      const item = element("li");
      const link = element("a", "", `${hub.kind}: ${hub.name}`);
      link.href = new URL(hub.url, siteRoot).href;
      item.append(link, " ", element("span", "cc-count", String(hub.count)));
      list.append(item);
    }
    parts.push(list);
  }
  const filtered = Object.keys(state.filters).length > 0;
  parts.push(element("h3", "", !found ? "Some listings in the catalog" : filtered ? "The nearest listings, without your filters" : "The nearest listings"));
  const list = element("ol", "cc-results");
  list.append(...nearest.map(resultCard));
  const browse = element("a", "", "Or browse the whole catalog");
  browse.href = window.location.pathname;
  browse.addEventListener("click", (event) => {
    event.preventDefault();
    queryInput.value = "";
    change({ q: "", filters: {} });
  });
  parts.push(list, element("p", "", ""));
  parts[parts.length - 1].append(browse);
  suggestionBox.replaceChildren(...parts);
  suggestionBox.hidden = false;
  sync(suggestionBox);
}

// --- drawing -----------------------------------------------------------------------------

async function nextCards() {
  const cards = await results.next(config.pageSize);
  shown += cards.length;
  return cards.map(resultCard);
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
  doneButton.textContent = `Show ${results.length} ${results.length === 1 ? "result" : "results"}`;
  const ticked = Object.values(state.filters).reduce((sum, values) => sum + values.length, 0);
  openButton.textContent = ticked ? `Filters (${ticked})` : "Filters";
  sync(resultList);
}

function openSheet(open) {
  filterPanel.classList.toggle("is-open", open);
  openButton.setAttribute("aria-expanded", String(open));
  document.documentElement.classList.toggle("cc-sheet-open", open);
  if (open) filterBox.querySelector("input, button")?.focus();
  else openButton.focus();
}

function resultCard(card) {
  const item = element("li");
  const article = element("article", "cc-card" + (card.status === "retired" ? " cc-card--retired" : ""));
  const ref = refOf(card.url);
  article.dataset.listing = ref;
  const title = element("h3", "cc-card__title");
  const link = element("a", "", card.title);
  link.href = new URL(card.url, siteRoot).href;
  title.append(link);
  article.append(title);
  if (card.translated) {
    const translated = element("p", "cc-card__translated", "In English: " + card.translated);
    translated.lang = "en";
    article.append(translated);
  }
  article.append(element("p", "cc-card__provider", card.provider || ""));
  if (card.status && card.status !== "active") {
    const badges = element("p", "cc-card__badges");
    badges.append(element("span", "cc-badge cc-badge--" + card.status, card.status));
    article.append(badges);
  }
  article.append(element("p", "cc-card__summary", card.summary || ""));
  const facts = element("ul", "cc-card__facts");
  for (const fact of [card.type, card.level, card.hours ? card.hours + " hours" : "", card.cost, card.mode, card.pacing]) {
    if (fact) facts.append(element("li", "", fact));
  }
  article.append(facts);
  if (card.status !== "retired") {
    const compare = element("button", "cc-compare-toggle", "Add to compare");
    compare.type = "button";
    compare.dataset.compare = ref;
    compare.setAttribute("aria-pressed", "false");
    article.append(compare);
  }
  item.append(article);
  return item;
}

function refOf(url) {
  const path = new URL(url, siteRoot).pathname;
  const match = path.match(/credentials\/([^/]+)\/([^/]+)\/?$/);
  return match ? `${match[1]}/${match[2]}` : path;
}

function filterOffer() {
  const button = element("button", "md-button", "Count results per filter");
  button.type = "button";
  button.addEventListener("click", async () => {
    button.disabled = true;
    await loadFilters();
    await update();
    filterBox.querySelector("input")?.focus();
  });
  return [button, element("p", "cc-note", Array.from(filterLabels.values()).join(", ") + ".")];
}

// Facet values in the order a learner reads them: a fixed order where the filter has one
// (workload buckets), else by count; a hierarchical filter (subject) shows its top level, and
// the narrower values of a ticked one under it.
function orderedValues(key, counts, ticked) {
  const values = Object.entries(counts[key] || {}).filter(([name, count]) => count > 0 || ticked.includes(name));
  for (const value of ticked) {
    if (!values.some(([name]) => name === value)) values.push([value, 0]);
  }
  const order = config.ordered[key];
  if (order) return values.sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0])).map(([name, count]) => [name, count, 0]);
  values.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const parents = facetFile?.parents[key];
  if (!parents) return values.map(([name, count]) => [name, count, 0]);
  const present = new Map(values);
  const shown = [];
  const open = (name) => ticked.some((value) => value === name || ancestorsOf(key, value).includes(name));
  const place = (name, depth) => {
    shown.push([name, present.get(name), depth]);
    if (!open(name)) return;
    for (const [child] of values) if (parents[child] === name) place(child, depth + 1);
  };
  for (const [name] of values) if (!parents[name] || !present.has(parents[name])) place(name, 0);
  return shown;
}

function drawFilters(counts, browsing) {
  if (counts === null) {
    filterBox.replaceChildren(...filterOffer());
    return;
  }
  const groups = [];
  for (const [key, label] of config.filters) {
    const ticked = state.filters[key] || [];
    const values = orderedValues(key, counts, ticked);
    if (!values.length) continue;
    const fieldset = element("fieldset", "cc-filter");
    fieldset.append(element("legend", "", label));
    const visible = expanded.has(key) ? values : values.filter(([name], index) => index < SHOWN_VALUES || ticked.includes(name));
    for (const [value, count, depth] of visible) {
      const row = element("label");
      if (depth) row.style.paddingLeft = `${depth * 0.8}rem`;
      const box = element("input");
      box.type = "checkbox";
      box.name = key;
      box.value = value;
      box.checked = ticked.includes(value);
      box.addEventListener("change", () => toggle(key, value, box.checked));
      row.append(box, element("span", "", value), element("span", "cc-count", String(count)));
      fieldset.append(row);
    }
    const all = browsing && !facetFile ? browseIndex.counts[key]?.all || values.length : values.length;
    if (all > visible.length) {
      const more = element("button", "cc-filter__more", `Show all ${all}`);
      more.type = "button";
      more.addEventListener("click", async () => {
        expanded.add(key);
        if (browsing && !facetFile) await update();
        else drawFilters(counts, browsing);
        document.querySelector(`#cc-filters input[name="${key}"]`)?.focus();
      });
      fieldset.append(more);
    }
    groups.push(fieldset);
  }
  if (browsing) groups.push(element("p", "cc-note", "Counts of the whole catalog; a filter or a search counts again."));
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
