/* Every page: a table that scrolls sideways (a phone) can be reached and scrolled with the
   keyboard. Templates mark their .table-responsive wrappers themselves (tabindex, role,
   label); this names any wrapper left unmarked, after its caption or the heading before it. */
(function () {
  "use strict";

  function labelOf(wrapper) {
    var caption = wrapper.querySelector("caption");
    if (caption && caption.textContent.trim()) { return caption.textContent.trim(); }
    var node = wrapper;
    while (node) {
      var previous = node.previousElementSibling;
      while (previous) {
        if (/^H[1-6]$/.test(previous.tagName)) { return previous.textContent.trim(); }
        previous = previous.previousElementSibling;
      }
      node = node.parentElement;
      if (node && /^H[1-6]$/.test(node.tagName)) { return node.textContent.trim(); }
    }
    return document.title;
  }

  function mark() {
    document.querySelectorAll(".table-responsive:not([tabindex])").forEach(function (wrapper) {
      if (wrapper.scrollWidth <= wrapper.clientWidth) { return; }
      wrapper.setAttribute("tabindex", "0");
      wrapper.setAttribute("role", "region");
      if (!wrapper.hasAttribute("aria-label") && !wrapper.hasAttribute("aria-labelledby")) {
        wrapper.setAttribute("aria-label", labelOf(wrapper));
      }
    });
  }

  document.addEventListener("DOMContentLoaded", mark);
  window.addEventListener("resize", mark);
})();
