// credcat: the compare selection on every page. "Add to compare" buttons toggle a listing
// in the selection (common.js keeps it in localStorage); a small tray links to the compare
// page with the selection in its URL. search.js and compare.js import the same common.js.
import { sync, toggle } from "./common.js";

document.addEventListener("click", (event) => {
  const button = event.target.closest ? event.target.closest(".cc-compare-toggle") : null;
  if (button) toggle(button.dataset.compare);
});

sync(document);
