// Search for the knowledge base: the form and its results. The index is
// read, and each query answered, by search-worker.js in a worker, so that
// the page stays responsive however large the site: this file sends the
// query and shows what comes back.
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
  // The page gives the script its words in the page's language: say
  // fills one, and of a plural string takes the form the worker chose
  // by the language's rules, so that the page need not load them.
  const messages = JSON.parse(root.dataset.words);
  const say = (key, values = {}) => {
    let s = messages[key];
    if (typeof s === "object") s = s[values.form] ?? s.other;
    return s.replace(/\{(\w+)\}/g, (m, name) => values[name] ?? m);
  };

  const worker = new Worker(root.dataset.worker);
  worker.postMessage({ type: "open", dir: root.dataset.index, base: root.dataset.base, lang: document.documentElement.lang });

  // run counts the queries sent, so that an answer to one the reader has
  // typed past is dropped; focusAt is the result to focus when the next
  // page of results arrives, after a click on "more".
  let run = 0, started = 0, query = "", focusAt = -1;

  function search() {
    const q = input.value;
    run++;
    focusAt = -1;
    started = performance.now();
    query = q.trim();
    const params = new URLSearchParams();
    if (q) params.set("q", q);
    filters.forEach((f) => f.value && params.set(f.name, f.value));
    const address = params.size ? "?" + params : "";
    if (address !== location.search) history.replaceState(null, "", address || location.pathname);
    const [kind, country, topic] = filters.map((f) => f.value);
    worker.postMessage({ type: "search", run, q, kind, country, topic });
  }

  // clear empties the results and says why, if anything.
  const clear = (says) => {
    list.replaceChildren();
    more.hidden = true;
    status.textContent = says;
  };
  const unavailable = (error) => say("search.unavailable", { error });
  worker.onerror = (e) => clear(unavailable(e.message || "the search worker did not start"));
  worker.onmessage = ({ data: m }) => {
    if (m.run !== run) return;
    switch (m.type) {
      case "short":
        clear(query ? say("search.tooShort") : "");
        break;
      case "error":
        clear(unavailable(m.error));
        break;
      case "page": {
        const items = m.rows.map((html) => '<li class="item">' + html + "</li>").join("");
        if (m.from === 0) list.innerHTML = items;
        else list.insertAdjacentHTML("beforeend", items);
        more.hidden = list.children.length >= m.total;
        if (m.from === 0) {
          status.textContent = m.total === 0 ? say("search.noResults", { query }) :
            say("search.results", { count: m.total, query, form: m.form });
          list.dataset.ms = (performance.now() - started).toFixed(1);
        }
        if (focusAt >= 0) {
          list.querySelectorAll("a")[focusAt]?.focus();
          focusAt = -1;
        }
        break;
      }
      case "snippet": {
        const li = list.children[m.at];
        if (li) li.lastChild.innerHTML = m.html;
        break;
      }
    }
  };

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
    focusAt = list.children.length;
    worker.postMessage({ type: "more", run });
  });

  const params = new URLSearchParams(location.search);
  input.value = params.get("q") ?? "";
  filters.forEach((f) => { f.value = params.get(f.name) ?? ""; });
  if (input.value) search();
})();
