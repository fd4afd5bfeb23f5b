// Search for the knowledge base. It queries, in the reader's browser, the
// index that the generator writes under search/ (see the Go package
// generator/internal/search, whose folding and word rules this file
// repeats): index.json first, then only the word files and text files
// that a query needs.
(() => {
  "use strict";
  const root = document.getElementById("search");
  if (!root) return;
  const form = root.querySelector("form");
  const input = document.getElementById("search-q");
  const status = document.getElementById("search-status");
  const list = document.getElementById("search-results");
  const more = document.getElementById("search-more");
  const filters = ["kind", "country", "topic"].map((name) => form.elements[name]);
  const dir = root.dataset.index;
  const base = root.dataset.base;
  const perPage = 20;
  // The page gives the script its words in the page's language: say
  // fills one, picking a plural form by the language's rules.
  const messages = JSON.parse(root.dataset.words);
  const plurals = new Intl.PluralRules(document.documentElement.lang);
  const say = (key, values = {}) => {
    let s = messages[key];
    if (typeof s === "object") s = s[plurals.select(values.count)] ?? s.other;
    return s.replace(/\{(\w+)\}/g, (m, name) => values[name] ?? m);
  };

  const extraFolds = { "ı": "i", "ø": "o", "ł": "l", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th", "ð": "d" };
  const stopwords = new Set(("a an and are as at be but by for from has have in is it its of on or that the " +
    "their this to was were which will with").split(" "));
  const wordRe = /[\p{L}\p{Nd}\p{Mn}]+/gu;
  const fold = (s) => s.normalize("NFD").replace(/\p{Mn}/gu, "").toLowerCase()
    .replace(/[ıøłđßæœþð]/g, (c) => extraFolds[c]);
  const words = (s) => (s.match(wordRe) || []).map(fold)
    .filter((w) => [...w].length >= 2 && !stopwords.has(w));
  // A plural query word also finds the singular: "agreements" is looked
  // up as the prefix "agreement".
  const stem = (w) => (w.length > 3 && w.endsWith("s") && !w.endsWith("ss") ? w.slice(0, -1) : w);
  // lowerBound returns the first position in sorted at which w could go.
  const lowerBound = (sorted, w) => {
    let lo = 0, hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] < w) lo = mid + 1; else hi = mid;
    }
    return lo;
  };

  const fetchJSON = (url) => fetch(url).then((r) => {
    if (!r.ok) throw new Error(url + ": " + r.status);
    return r.json();
  });
  let index = null;
  const loadIndex = () => (index ??= fetchJSON(dir + "index.json").then((ix) => {
    if (ix.v !== 1) throw new Error("search index version " + ix.v);
    ix.countryOf = new Map(ix.countries.map(([, path], i) => [path, i]));
    ix.topicOf = new Map(ix.topics.map(([, path], i) => [path, i]));
    return ix;
  }));
  const cache = new Map();
  const load = (file, parse) => {
    if (!cache.has(file)) cache.set(file, fetchJSON(dir + file).then(parse));
    return cache.get(file);
  };
  // bucket is the word file of the words that begin as w does: a 32-bit
  // FNV-1a hash of the UTF-8 of its first two letters, as index.go has it.
  const encoder = new TextEncoder();
  const bucket = (ix, w) => {
    let h = 0x811c9dc5;
    for (const b of encoder.encode([...w].slice(0, 2).join(""))) h = Math.imul(h ^ b, 0x01000193) >>> 0;
    return h % ix.buckets;
  };
  const loadWords = (ix, w) => load("words/" + bucket(ix, w) + ".json",
    (postings) => ({ postings, keys: Object.keys(postings).sort() }));
  const loadText = (ix, doc) => load("text/" + Math.floor(doc / ix.group) + ".json", (t) => t);

  // score returns each document's score for the query, 0 where a word is
  // missing: every word must match, as a prefix of an indexed word, and
  // a whole word counts twice as much as a prefix.
  async function score(ix, stems) {
    const files = await Promise.all(stems.map((w) => loadWords(ix, w)));
    let total = null;
    stems.forEach((w, n) => {
      const per = new Float32Array(ix.docs.length);
      const { keys, postings } = files[n];
      for (let k = lowerBound(keys, w); k < keys.length && keys[k].startsWith(w); k++) {
        const weight = keys[k] === w || keys[k] === w + "s" ? 1 : 0.5;
        const p = postings[keys[k]];
        for (let j = 0, d = 0; j < p.length; j += 2) {
          d += p[j];
          per[d] = Math.max(per[d], p[j + 1] * weight);
        }
      }
      if (total === null) total = per;
      else for (let d = 0; d < total.length; d++) total[d] = total[d] && per[d] ? total[d] + per[d] : 0;
    });
    return total;
  }

  function accept(ix) {
    const [kind, country, topic] = filters.map((f) => f.value);
    const k = kind === "" ? -1 : Number(kind);
    const c = country === "" ? -1 : ix.countryOf.get(country) ?? -2;
    const t = topic === "" ? -1 : ix.topicOf.get(topic) ?? -2;
    return (doc) => (k < 0 || doc[2] === k) && (c === -1 || doc[5].includes(c)) && (t === -1 || doc[6].includes(t));
  }

  const escape = (s) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);

  // mark returns text as HTML with the words that match stems marked, or
  // null if none does; with width, only a window of about that many
  // characters around the first match.
  function mark(text, stems, width) {
    const found = [];
    for (const m of text.matchAll(wordRe)) {
      const f = fold(m[0]);
      if (stems.some((w) => f.startsWith(w))) found.push([m.index, m.index + m[0].length]);
    }
    if (!found.length) return null;
    let from = 0, to = text.length;
    if (width && text.length > width) {
      from = Math.max(0, found[0][0] - width / 3);
      if (from > 0) from = text.indexOf(" ", from) + 1;
      to = Math.min(text.length, from + width);
      if (to < text.length) to = Math.max(found[0][1], text.lastIndexOf(" ", to));
    }
    let html = from > 0 ? "… " : "", at = from;
    for (const [a, b] of found) {
      if (a < from || b > to) continue;
      html += escape(text.slice(at, a)) + "<mark>" + escape(text.slice(a, b)) + "</mark>";
      at = b;
    }
    html += escape(text.slice(at, to)) + (to < text.length ? " …" : "");
    return html;
  }

  let hits = [], shown = 0, stems = [], ix = null, run = 0;

  async function search() {
    const q = input.value;
    const mine = ++run;
    const started = performance.now();
    const params = new URLSearchParams();
    if (q) params.set("q", q);
    filters.forEach((f) => f.value && params.set(f.name, f.value));
    history.replaceState(null, "", params.size ? "?" + params : location.pathname);
    const ws = [...new Set(words(q))];
    if (!ws.length) {
      hits = [];
      list.replaceChildren();
      more.hidden = true;
      status.textContent = q.trim() ? say("search.tooShort") : "";
      return;
    }
    try {
      ix = await loadIndex();
      stems = ws.map(stem);
      const scores = await score(ix, stems);
      if (mine !== run) return;
      const ok = accept(ix);
      hits = [];
      scores.forEach((s, d) => { if (s > 0 && ok(ix.docs[d])) hits.push(d); });
      hits.sort((a, b) => scores[b] - scores[a] || (ix.docs[b][3] > ix.docs[a][3]) - (ix.docs[b][3] < ix.docs[a][3]) || a - b);
    } catch (err) {
      status.textContent = say("search.unavailable", { error: err.message });
      return;
    }
    list.replaceChildren();
    shown = 0;
    showMore();
    const n = hits.length;
    status.textContent = n === 0 ? say("search.noResults", { query: q.trim() }) :
      say("search.results", { count: n, query: q.trim() });
    list.dataset.ms = (performance.now() - started).toFixed(1);
  }

  function showMore() {
    const page = hits.slice(shown, shown + perPage);
    shown += page.length;
    more.hidden = shown >= hits.length;
    for (const d of page) {
      const [path, title, kind, iso, date] = ix.docs[d];
      const li = document.createElement("li");
      li.className = "item";
      li.innerHTML = '<span class="kind">' + escape(ix.kinds[kind]) + "</span> " +
        '<a class="item-title" href="' + escape(base + path) + '">' + (mark(title, stems, 0) ?? escape(title)) + "</a>" +
        (iso ? '<p class="meta"><span><time datetime="' + escape(iso) + '">' + escape(date) + "</time></span></p>" : "") +
        '<p class="snippet"></p>';
      list.append(li);
      const terms = stems;
      loadText(ix, d).then((texts) => {
        if (terms !== stems) return;
        const [summary, text] = texts[d % ix.group];
        li.lastChild.innerHTML = mark(summary, terms, 220) ?? mark(text, terms, 220) ?? escape(summary || text.slice(0, 220));
      }, () => {});
    }
  }

  // Arrows move between the query and the results; Escape clears.
  root.addEventListener("keydown", (e) => {
    const links = [...list.querySelectorAll("a")];
    const at = links.indexOf(document.activeElement);
    if (e.key === "ArrowDown" && (e.target === input || at >= 0)) {
      links[at + 1]?.focus();
      e.preventDefault();
    } else if (e.key === "ArrowUp" && at >= 0) {
      (at === 0 ? input : links[at - 1]).focus();
      e.preventDefault();
    } else if (e.key === "Escape") {
      input.value = "";
      input.focus();
      search();
    }
  });
  form.addEventListener("submit", (e) => { e.preventDefault(); search(); });
  input.addEventListener("input", search);
  filters.forEach((f) => f.addEventListener("change", search));
  more.addEventListener("click", () => {
    const next = shown;
    showMore();
    list.querySelectorAll("a")[next]?.focus();
  });

  const params = new URLSearchParams(location.search);
  input.value = params.get("q") ?? "";
  filters.forEach((f) => { f.value = params.get(f.name) ?? ""; });
  input.focus();
  if (input.value) search();
  else loadIndex().catch(() => {});
})();
