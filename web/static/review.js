// The review page, progressively enhanced (issue 9): select text in the
// source to copy it into the field last clicked. Without this script every
// field is corrected by typing, and "Show in the source" links still jump to
// the highlighted span.
(function () {
  "use strict";
  var source = document.getElementById("review-source-text");
  if (!source) return;
  var target = null;

  document.querySelectorAll("input[data-selectable]").forEach(function (input) {
    input.addEventListener("focus", function () {
      if (target) target.classList.remove("selection-target");
      target = input;
      input.classList.add("selection-target");
    });
  });

  // A selection made inside the source fills the remembered field.
  function take() {
    if (!target) return;
    var selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return;
    var range = selection.getRangeAt(0);
    if (!source.contains(range.commonAncestorContainer)) return;
    var text = selection.toString().replace(/\s+/g, " ").trim();
    if (!text) return;
    target.value = text;
    target.dispatchEvent(new Event("input", { bubbles: true }));
  }
  source.addEventListener("mouseup", take);
  source.addEventListener("keyup", function (event) {
    if (event.shiftKey) take();
  });

  // Clicking a field's link shows every mark of that field, not only the first.
  document.querySelectorAll("a.span-link[data-span-field]").forEach(function (link) {
    link.addEventListener("click", function () {
      var name = link.getAttribute("data-span-field");
      source.querySelectorAll("mark.shown").forEach(function (m) { m.classList.remove("shown"); });
      source.querySelectorAll("mark[data-fields]").forEach(function (m) {
        if (m.getAttribute("data-fields").split(" ").indexOf(name) >= 0) m.classList.add("shown");
      });
    });
  });
})();
