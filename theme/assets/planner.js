// credcat: the qualification planner on pathway and qualification pages (theme/catalog/partials/claims.html).
// The page lists every step server-side; this script only adds up what remains once the learner
// ticks what they hold. The ticks live in the address (?have=<ref>,<ref>), so a reload, Back or a
// shared link shows the same plan; nothing is stored elsewhere and nothing is sent anywhere.
import { element } from "./common.js";

const PARAM = "have";

function number(value) {
  return value === undefined ? null : Number(value);
}

function formatted(value) {
  return Math.round(value * 10) / 10 === Math.round(value) ? String(Math.round(value)) : value.toFixed(1);
}

function heldInAddress() {
  const value = new URLSearchParams(window.location.search).get(PARAM);
  return new Set(value ? value.split(",").filter(Boolean) : []);
}

function writeAddress(held) {
  const params = new URLSearchParams(window.location.search);
  if (held.size) params.set(PARAM, [...held].sort().join(","));
  else params.delete(PARAM);
  const query = params.toString().replace(/%2C/g, ",").replace(/%2F/g, "/");
  window.history.replaceState(null, "", window.location.pathname + (query ? `?${query}` : "") + window.location.hash);
}

// What a step still asks for: `needed` more of the unticked items; the totals count the
// smallest `needed` of them (a learner picks the lightest options), so they are "at least".
function remainingOf(fieldset) {
  const boxes = [...fieldset.querySelectorAll("input[name=have]")];
  const choose = Number(fieldset.dataset.choose || boxes.length);
  const held = boxes.filter((box) => box.checked).length;
  const needed = Math.max(0, choose - held);
  const open = boxes.filter((box) => !box.checked);
  const lightest = [...open].sort((a, b) => number(a.dataset.hours) - number(b.dataset.hours)).slice(0, needed);
  return { needed, open, counted: needed ? lightest : [], choice: needed > 0 && open.length > needed };
}

function render(form) {
  const steps = [...form.querySelectorAll("fieldset[data-choose]")].map(remainingOf);
  const totals = { hours: 0, cost: 0, ects: 0, credits: 0, confirmed: 0, unknownCost: 0 };
  const list = form.querySelector("[data-remaining-list]");
  list.replaceChildren();
  for (const step of steps) {
    if (!step.needed) continue;
    const legend = step.open[0].closest("fieldset").querySelector("legend").textContent;
    const names = step.open.map((box) => box.closest("li").querySelector(".cc-planner__name").textContent);
    list.append(element("li", "", `${legend}: ${names.join(step.choice ? " or " : ", ")}`));
    for (const box of step.counted) {
      totals.hours += number(box.dataset.hours) || 0;
      totals.ects += number(box.dataset.ects) || 0;
      totals.credits += number(box.dataset.credits) || 0;
      if (box.dataset.cost === undefined) totals.unknownCost += 1;
      else totals.cost += number(box.dataset.cost);
      if (box.hasAttribute("data-confirmed")) totals.confirmed += 1;
    }
  }
  const counted = steps.reduce((sum, step) => sum + step.counted.length, 0);
  if (!counted) list.append(element("li", "", "Nothing: you hold everything this route asks for."));
  const atLeast = steps.some((step) => step.choice) ? "at least " : "";
  const currency = form.dataset.currency;
  const cost = totals.cost ? `about ${currency} ${Math.round(totals.cost).toLocaleString("en")}` : (totals.unknownCost ? "" : "nothing");
  const costText = [cost, totals.unknownCost ? `${totals.unknownCost} cost(s) not known` : ""].filter(Boolean).join(" + ");
  const shown = {
    hours: `${atLeast}${formatted(totals.hours)}`,
    cost: costText,
    ects: formatted(totals.ects),
    credits: formatted(totals.credits),
    confirmed: `${totals.confirmed} of ${counted}`,
  };
  for (const [key, value] of Object.entries(shown)) form.querySelector(`[data-total="${key}"]`).textContent = value;
  form.querySelector("[data-remaining]").hidden = false;
}

function start() {
  const forms = [...document.querySelectorAll("form[data-planner]")];
  const restore = () => {
    const held = heldInAddress();
    for (const box of document.querySelectorAll("form[data-planner] input[name=have]")) box.checked = held.has(box.value);
    forms.forEach(render);
  };
  for (const form of forms) {
    form.addEventListener("submit", (event) => event.preventDefault());
    form.addEventListener("change", (event) => {
      const box = event.target;
      if (!(box instanceof HTMLInputElement) || box.name !== PARAM) return;
      // One listing may sit in several planners of the page: a tick holds it everywhere.
      for (const twin of document.querySelectorAll(`form[data-planner] input[name=have]`)) {
        if (twin.value === box.value) twin.checked = box.checked;
      }
      const held = new Set([...document.querySelectorAll("form[data-planner] input[name=have]:checked")].map((b) => b.value));
      writeAddress(held);
      forms.forEach(render);
    });
  }
  restore();
  window.addEventListener("pageshow", restore);
  window.addEventListener("popstate", restore);
}

start();
