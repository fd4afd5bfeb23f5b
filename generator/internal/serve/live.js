// Live reload for the development server: reloads the page after each
// successful build that made a newer generation of the site than the
// page's, swaps stylesheets when only they changed, and shows the build's
// errors over the page until they are fixed. It tells the server which
// page it is on, which a build writes first.
(() => {
  "use strict";
  const id = "kb-error-overlay";
  let generation = Number(document.currentScript.dataset.generation);
  const events = new EventSource("/_kb/events?page=" + encodeURIComponent(location.pathname));
  let broken = false;

  function hide() {
    const o = document.getElementById(id);
    if (o) o.remove();
  }

  function show(errors) {
    hide();
    const o = document.createElement("div");
    o.id = id;
    o.setAttribute("role", "alert");
    o.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;" +
      "background:rgba(20,20,20,.92);color:#fff;font:14px/1.5 ui-monospace,monospace;padding:2rem";
    const h = document.createElement("h2");
    h.textContent = errors.length === 1 ? "The build failed: 1 error" : `The build failed: ${errors.length} errors`;
    h.style.cssText = "color:#fca5a5;font:bold 18px/1.4 system-ui,sans-serif;margin:0 0 1rem";
    o.append(h);
    const list = document.createElement("ul");
    list.style.cssText = "list-style:none;padding:0;margin:0";
    for (const e of errors) {
      const li = document.createElement("li");
      li.style.margin = ".5rem 0";
      if (e.path) {
        const a = document.createElement("a");
        a.href = `/_kb/source/${e.path}` + (e.line ? `#L${e.line}` : "");
        a.textContent = e.pos;
        a.style.color = "#93c5fd";
        li.append(a, ": ");
      }
      li.append(e.msg);
      list.append(li);
    }
    o.append(list);
    document.body.append(o);
  }

  events.addEventListener("errors", (ev) => {
    broken = true;
    show(JSON.parse(ev.data));
  });
  // "ok" comes first on every connection: a page from an older build than
  // the one served now missed its reload. A page written early by the
  // build still running is newer than what "ok" says.
  const newer = (ev) => broken || JSON.parse(ev.data).generation > generation;
  events.addEventListener("ok", (ev) => {
    if (newer(ev)) location.reload();
  });
  events.addEventListener("reload", (ev) => {
    if (newer(ev)) location.reload();
  });
  events.addEventListener("css", (ev) => {
    generation = JSON.parse(ev.data).generation;
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      const url = new URL(link.href);
      url.searchParams.set("kb", Date.now());
      link.href = url.toString();
    }
  });
})();
