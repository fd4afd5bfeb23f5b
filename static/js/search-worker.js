// The search worker: it reads the index that the generator writes under
// search/ (see the Go package generator/internal/search, whose folding
// and word rules this file repeats) and answers the queries of the search
// page (search.js). It runs beside the page so that parsing the index and
// scoring every document never holds up what the reader sees: index.json
// first, then only the word files and text files that a query needs.
"use strict";

const perPage = 20;
let dir = "";
let base = "";
// plurals picks the plural form of a count in the page's language, for
// the page to say how many results there are.
let plurals = null;

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

const encoder = new TextEncoder();
const fnv = (bytes) => {
  let h = 0x811c9dc5;
  for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h;
};
// fnvString is fnv of the UTF-8 of s, without encoding it when it is ASCII,
// as paths mostly are.
const fnvString = (s) => {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) return fnv(encoder.encode(s));
    h = Math.imul(h ^ c, 0x01000193) >>> 0;
  }
  return h;
};

const fetchJSON = (url) => fetch(url).then((r) => {
  if (!r.ok) throw new Error(url + ": " + r.status);
  return r.json();
});
// A file that failed to load is asked for again by the next query that
// needs it, as a phone's network may have come back.
let index = null;
const loadIndex = () => (index ??= fetchJSON(dir + "index.json").catch((err) => {
  index = null;
  throw err;
}).then((ix) => {
  if (ix.v !== 2) throw new Error("search index version " + ix.v);
  ix.countryOf = new Map(ix.countries.map(([, path], i) => [path, i]));
  ix.topicOf = new Map(ix.topics.map(([, path], i) => [path, i]));
  number(ix);
  // newer ranks each document by date, newest first, for ties of score.
  const byDate = ix.docs.map((_, d) => d)
    .sort((a, b) => (ix.docs[b][3] > ix.docs[a][3]) - (ix.docs[b][3] < ix.docs[a][3]) || a - b);
  ix.newer = new Int32Array(ix.docs.length);
  byDate.forEach((d, i) => { ix.newer[d] = i; });
  return ix;
}));
// number gives each document the number by which the word and text files
// know it, as place.go does: the first number free from a hash of its
// path, documents taken by hash, then by path (as bytes, as Go compares
// strings). slot[d] is the number of docs[d], at[n] the document numbered n.
function number(ix) {
  const n = ix.docs.length;
  // The first of 64, 96, 128, 192, 256... that is at least 1.25 n.
  let size = 0;
  for (let s = 64; !size; s *= 2) size = 5 * n <= 4 * s ? s : 5 * n <= 6 * s ? s * 3 / 2 : 0;
  // The documents of each hash, as lists linked through next.
  const first = new Int32Array(size).fill(-1), next = new Int32Array(n);
  for (let d = n - 1; d >= 0; d--) {
    const h = fnvString(ix.docs[d][0]);
    const home = ((h ^ (h >>> 16)) >>> 0) % size;
    next[d] = first[home];
    first[home] = d;
  }
  const bytes = (a, b) => {
    const x = encoder.encode(ix.docs[a][0]), y = encoder.encode(ix.docs[b][0]);
    for (let i = 0; i < x.length && i < y.length; i++) if (x[i] !== y[i]) return x[i] - y[i];
    return x.length - y.length;
  };
  ix.slot = new Int32Array(n);
  let last = -1;
  const same = [];
  for (let home = 0; home < size; home++) {
    same.length = 0;
    for (let d = first[home]; d >= 0; d = next[d]) same.push(d);
    if (same.length > 1) same.sort(bytes);
    for (const d of same) last = ix.slot[d] = Math.max(home, last + 1);
  }
  ix.at = new Int32Array(last + 1);
  ix.slot.forEach((s, d) => { ix.at[s] = d; });
}

const cache = new Map();
const load = (file, parse) => {
  if (!cache.has(file)) {
    cache.set(file, fetchJSON(dir + file).catch((err) => {
      cache.delete(file);
      throw err;
    }).then(parse));
  }
  return cache.get(file);
};
// bucket is the word file of the words that begin as w does: a 32-bit
// FNV-1a hash of the UTF-8 of its first two letters, as index.go has it.
const bucket = (ix, w) => fnv(encoder.encode([...w].slice(0, 2).join(""))) % ix.buckets;
const loadWords = (ix, w) => load("words/" + bucket(ix, w) + ".json",
  (postings) => ({ postings, keys: Object.keys(postings).sort() }));
const loadText = (ix, doc) => load("text/" + Math.floor(ix.slot[doc] / ix.group) + ".json", (t) => t);

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
      for (let j = 0, n = 0; j < p.length; j += 2) {
        n += p[j];
        const d = ix.at[n];
        per[d] = Math.max(per[d], p[j + 1] * weight);
      }
    }
    if (total === null) total = per;
    else for (let d = 0; d < total.length; d++) total[d] = total[d] && per[d] ? total[d] + per[d] : 0;
  });
  return total;
}

// accept returns whether a document passes the query's filters.
function accept(ix, { kind, country, topic }) {
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

// The query being answered: its run number, as the page counts them, the
// documents it found, best first, its stems, and how many of its results
// the page has.
let run = 0, hits = [], stems = [], ix = null, next = 0;

// A task of its own lets the queries a reader typed meanwhile arrive, so
// that only the last is scored: scoring each query typed past would keep
// the worker from the one the reader waits for.
const yieldToMessages = () => new Promise((resolve) => setTimeout(resolve));

async function search(m) {
  run = m.run;
  await yieldToMessages();
  if (m.run !== run) return;
  const ws = [...new Set(words(m.q))];
  if (!ws.length) {
    hits = [];
    postMessage({ run: m.run, type: "short" });
    return;
  }
  try {
    const loaded = await loadIndex();
    const s = ws.map(stem);
    const scores = await score(loaded, s);
    if (m.run !== run) return;
    const ok = accept(loaded, m);
    const found = [];
    scores.forEach((v, d) => { if (v > 0 && ok(loaded.docs[d])) found.push(d); });
    found.sort((a, b) => scores[b] - scores[a] || loaded.newer[a] - loaded.newer[b]);
    ix = loaded;
    stems = s;
    hits = found;
    next = 0;
    page();
  } catch (err) {
    if (m.run !== run) return;
    hits = [];
    postMessage({ run: m.run, type: "error", error: err.message });
  }
}

// page sends the next results, as the HTML of the list's items, then the
// snippet of each as its text file arrives.
function page() {
  const from = next;
  const docs = hits.slice(from, from + perPage);
  next += docs.length;
  const rows = docs.map((d) => {
    const [path, title, kind, iso, date] = ix.docs[d];
    return '<span class="kind">' + escape(ix.kinds[kind]) + "</span> " +
      '<a class="item-title" href="' + escape(base + path) + '">' + (mark(title, stems, 0) ?? escape(title)) + "</a>" +
      (iso ? '<p class="meta"><span><time datetime="' + escape(iso) + '">' + escape(date) + "</time></span></p>" : "") +
      '<p class="snippet"></p>';
  });
  const mine = run, terms = stems;
  postMessage({ run: mine, type: "page", from, total: hits.length, form: plurals.select(hits.length), rows });
  docs.forEach((d, i) => loadText(ix, d).then((texts) => {
    if (mine !== run) return;
    const [summary, text] = texts[ix.slot[d] % ix.group];
    const html = mark(summary, terms, 220) ?? mark(text, terms, 220) ?? escape(summary || text.slice(0, 220));
    postMessage({ run: mine, type: "snippet", at: from + i, html });
  }, () => {}));
}

onmessage = ({ data: m }) => {
  switch (m.type) {
    case "open":
      dir = m.dir;
      base = m.base;
      plurals = new Intl.PluralRules(m.lang);
      loadIndex().catch(() => {});
      break;
    case "search":
      search(m);
      break;
    case "more":
      // The worker keeps count of the results shown, so that clicks
      // quicker than its answers still show each result once.
      if (m.run === run && next < hits.length) page();
      break;
  }
};
