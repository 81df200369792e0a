/* credcat widget: credential cards from the catalog's api/v1 feeds, in a shadow root.
   <script src=".../embed.js" data-industry="construction" data-limit="5" async></script>
   or <credcat-list industry="construction" limit="5"></credcat-list> after loading this file.
   No dependencies; every value goes in through textContent or setAttribute, never parsed as HTML. */
(function () {
  "use strict";
  var script = document.currentScript;
  var OPTIONS = ["industry", "subject", "provider", "limit", "theme", "heading", "target", "catalog"];
  var SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
  var MAX_LIMIT = 50;
  var MAX_PAGES = 20;
  var STYLE =
    ":host{display:block;--bg:#fff;--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--link:#0b57d0;" +
    "font:15px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;color:var(--fg)}" +
    ":host([theme=dark]){--bg:#161b22;--fg:#e6edf3;--muted:#9da7b3;--line:#30363d;--link:#7cb7ff}" +
    "section{background:var(--bg);padding:.5rem .6rem;border-radius:10px}h2{font-size:1.05rem;margin:.25rem 0 .5rem}" +
    "ul{list-style:none;margin:0;padding:0;display:grid;gap:.6rem}" +
    "li{border:1px solid var(--line);border-radius:8px;padding:.7rem .9rem;background:var(--bg)}" +
    "h3{font-size:1rem;margin:0 0 .2rem}a{color:var(--link)}a:focus-visible{outline:2px solid var(--link);outline-offset:2px}" +
    "p{margin:0;color:var(--muted)}dl{display:flex;flex-wrap:wrap;gap:.2rem 1.2rem;margin:.4rem 0 0}" +
    "dt{font-size:.8rem;color:var(--muted)}dd{margin:0;font-weight:600}div{display:flex;flex-direction:column}" +
    ".note{color:var(--muted);padding:.5rem 0}";

  function scriptBase() {
    var source = script && script.src;
    if (!source) {
      var found = document.querySelector('script[src*="embed.js"]');
      source = found ? found.src : location.href;
    }
    return new URL(".", source).href;
  }
  var BASE = scriptBase();

  function element(tag, text, attributes) {
    var node = document.createElement(tag);
    if (text != null) node.textContent = String(text);
    for (var name in attributes || {}) node.setAttribute(name, attributes[name]);
    return node;
  }

  function money(amount, currency) {
    try {
      return new Intl.NumberFormat(undefined, {
        style: "currency",
        currency: currency,
        maximumFractionDigits: amount % 1 ? 2 : 0
      }).format(amount);
    } catch (error) {
      return amount + " " + currency;
    }
  }

  function costText(cost) {
    var price = cost.amount != null && cost.currency ? money(cost.amount, cost.currency) : "";
    switch (cost.model) {
      case "free": return "Free";
      case "free_learning_paid_certificate": return "Free to learn" + (price ? "; certificate " + price : "");
      case "subscription": return "Subscription" + (price ? " " + price : "");
      case "employer_sponsored": return "Employer-sponsored";
      default: return price || "Paid";
    }
  }

  function workloadText(workload) {
    var text = workload.hours + (workload.hours === 1 ? " hour" : " hours");
    return workload.ects ? text + " · " + workload.ects + " ECTS" : text;
  }

  function safeLink(link) {
    var url = new URL(link, BASE);
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : BASE;
  }

  function options(host) {
    var limit = parseInt(host.getAttribute("limit") || "5", 10);
    return {
      industry: host.getAttribute("industry"),
      subject: host.getAttribute("subject"),
      provider: host.getAttribute("provider"),
      limit: Math.min(Math.max(isNaN(limit) ? 5 : limit, 1), MAX_LIMIT),
      heading: host.getAttribute("heading"),
      target: host.getAttribute("target"),
      base: host.getAttribute("catalog") ? new URL(host.getAttribute("catalog"), location.href).href : BASE
    };
  }

  function firstFeed(chosen) {
    var facet = chosen.subject ? ["subjects", chosen.subject] : chosen.industry ? ["industries", chosen.industry] :
      chosen.provider ? ["providers", chosen.provider] : null;
    if (!facet) return "api/v1/recent.json";
    if (!SLUG.test(facet[1])) throw new Error("not a valid id: " + facet[1]);
    return "api/v1/" + facet[0] + "/" + facet[1] + ".json";
  }

  // The first feed already matches its own facet; the other options filter its cards.
  function matches(card, chosen) {
    return (!chosen.industry || card.industries.indexOf(chosen.industry) >= 0) &&
      (!chosen.provider || card.provider.id === chosen.provider);
  }

  function collect(chosen) {
    var cards = [];
    var pages = 0;
    function load(url) {
      pages += 1;
      return fetch(url, { credentials: "omit" }).then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      }).then(function (feed) {
        feed.credentials.forEach(function (card) {
          if (cards.length < chosen.limit && matches(card, chosen)) cards.push(card);
        });
        if (cards.length < chosen.limit && feed.next && pages < MAX_PAGES) return load(new URL(feed.next, chosen.base).href);
        return cards;
      });
    }
    return load(new URL(firstFeed(chosen), chosen.base).href);
  }

  function cardItem(card, chosen) {
    var item = element("li");
    var article = element("article", null, { "aria-label": card.name });
    var title = element("h3");
    var link = element("a", card.name, { href: safeLink(new URL(card.page_url, chosen.base).href) });
    if (chosen.target) {
      link.setAttribute("target", chosen.target);
      link.setAttribute("rel", "noopener");
    }
    title.appendChild(link);
    article.appendChild(title);
    article.appendChild(element("p", card.provider.name));
    var facts = element("dl");
    [["Cost", costText(card.cost)], ["Workload", workloadText(card.workload)]].forEach(function (fact) {
      var pair = element("div");
      pair.appendChild(element("dt", fact[0]));
      pair.appendChild(element("dd", fact[1]));
      facts.appendChild(pair);
    });
    article.appendChild(facts);
    item.appendChild(article);
    return item;
  }

  function render(host) {
    var root = host.shadowRoot || host.attachShadow({ mode: "open" });
    var chosen = options(host);
    var section = element("section", null, { "aria-busy": "true" });
    var heading = element("h2", chosen.heading || "Credentials", { id: "credcat-heading" });
    section.setAttribute("aria-labelledby", "credcat-heading");
    var status = element("p", "Loading credentials…", { class: "note", role: "status" });
    section.appendChild(heading);
    section.appendChild(status);
    root.replaceChildren(element("style", STYLE), section);
    var token = (host._credcatToken = {});
    Promise.resolve(chosen).then(collect).then(function (cards) {
      if (host._credcatToken !== token) return;
      section.setAttribute("aria-busy", "false");
      if (!cards.length) {
        status.textContent = "No credentials found.";
        return;
      }
      status.remove();
      var list = element("ul", null, { role: "list" });
      cards.forEach(function (card) { list.appendChild(cardItem(card, chosen)); });
      section.appendChild(list);
    }).catch(function () {
      if (host._credcatToken !== token) return;
      section.setAttribute("aria-busy", "false");
      status.textContent = "Credentials could not be loaded.";
    });
  }

  // Several attribute changes in one task render once.
  function schedule(host) {
    if (host._credcatQueued) return;
    host._credcatQueued = true;
    Promise.resolve().then(function () {
      host._credcatQueued = false;
      if (host.isConnected) render(host);
    });
  }

  if (!customElements.get("credcat-list")) {
    customElements.define("credcat-list", class extends HTMLElement {
      static get observedAttributes() { return OPTIONS; }
      connectedCallback() { schedule(this); }
      attributeChangedCallback() { if (this.isConnected) schedule(this); }
    });
  }

  if (script && OPTIONS.some(function (name) { return script.hasAttribute("data-" + name); })) {
    var list = document.createElement("credcat-list");
    OPTIONS.forEach(function (name) {
      if (script.hasAttribute("data-" + name)) list.setAttribute(name, script.getAttribute("data-" + name));
    });
    script.parentNode.insertBefore(list, script.nextSibling);
  }
})();
