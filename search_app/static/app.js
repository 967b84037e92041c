// Taiyaku pages: small keyboard helpers. Everything works without this file.
(function () {
  "use strict";
  function searchBox() {
    return document.querySelector("form.search input[type=search]");
  }
  // "/" focuses the search box from anywhere (unless already typing in a field).
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var typing = target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" ||
      target.tagName === "SELECT" || target.isContentEditable);
    if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      var box = searchBox();
      if (box) {
        event.preventDefault();
        box.focus();
        box.select();
      }
    }
    if (event.key === "Escape" && target === searchBox()) {
      target.blur();
    }
  });
  // Focus on load (the autofocus attribute does it too; this also puts the caret at the end
  // of an existing query so it can be refined at once).
  // Facets and the document outline are open on wide screens and folded on phones, so
  // the first result (or the text) comes first; the summary line opens them.
  var wide = window.matchMedia("(min-width: 761px)");
  function fold() {
    var boxes = document.querySelectorAll("details[data-open-wide]");
    for (var i = 0; i < boxes.length; i++) boxes[i].open = wide.matches;
  }
  if (wide.addEventListener) wide.addEventListener("change", fold);
  // A permalink's clause sits between its neighbours: bring it into view.
  function showCurrent() {
    var current = document.querySelector("article.hit.current");
    if (current && !window.location.hash) current.scrollIntoView({ block: "center" });
  }
  // "Cite": the clause's citation (document number + article) to the clipboard; where the
  // Clipboard API is missing (plain http), a selected textarea and the copy command.
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "visually-hidden";
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); } finally { document.body.removeChild(area); }
    return Promise.resolve();
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button.cite") : null;
    if (!button) return;
    copyText(button.getAttribute("data-cite")).then(function () {
      button.setAttribute("data-done", "");
      button.textContent = button.getAttribute("data-copied");
    });
  });
  document.addEventListener("DOMContentLoaded", function () {
    fold();
    showCurrent();
    var box = searchBox();
    if (box && box.hasAttribute("autofocus") && document.activeElement !== box) {
      box.focus();
      var end = box.value.length;
      box.setSelectionRange(end, end);
    }
  });
})();
