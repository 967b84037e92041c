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
  document.addEventListener("DOMContentLoaded", function () {
    var box = searchBox();
    if (box && box.hasAttribute("autofocus") && document.activeElement !== box) {
      box.focus();
      var end = box.value.length;
      box.setSelectionRange(end, end);
    }
  });
})();
