// A link to a heading of a document published as pages of chapters leads
// to the document's own page, whose contents hold the heading's ID in the
// entry of its chapter: go on to the heading on that chapter's page.
function follow() {
  let id;
  try {
    id = decodeURIComponent(location.hash.slice(1));
  } catch {
    return;
  }
  const at = id && document.getElementById(id);
  const entry = at && at.tagName === "SPAN" && at.closest("[data-chapter]");
  if (entry) location.replace(entry.dataset.chapter + location.hash);
}
follow();
addEventListener("hashchange", follow);
