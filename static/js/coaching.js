/* Coaching: add, remove and reorder rows of the plan editor's formsets.
   Without JavaScript the page still works: empty extra rows, order numbers, "remove" boxes. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function renumber(list) {
    var n = 1;
    list.querySelectorAll(":scope > .plan-row").forEach(function (row) {
      var del = row.querySelector('input[type=checkbox][name$="-DELETE"]');
      var order = row.querySelector("input.row-order");
      if (!order) { return; }
      if (del && del.checked) { return; }
      var filled = Array.prototype.some.call(
        row.querySelectorAll("input[type=text], textarea, input[type=date], input[type=number]:not(.row-order)"),
        function (el) { return el.value.trim() !== ""; }
      );
      if (filled) { order.value = n; n += 1; }
    });
  }

  /* A fieldset holds one formset; its rows sit in one list, or (the SWOT editor) in one
     list per category, each with its own "add" button that files the new row there. */
  function setup(fieldset) {
    var prefix = fieldset.dataset.prefix;
    var template = fieldset.querySelector("template.row-template");
    var total = fieldset.querySelector('input[name="' + prefix + '-TOTAL_FORMS"]');
    var max = fieldset.querySelector('input[name="' + prefix + '-MAX_NUM_FORMS"]');

    fieldset.querySelectorAll(".js-add-row").forEach(function (add) {
      if (!template || !total) { return; }
      var group = add.parentElement.closest("[data-category]") || fieldset;
      var list = group.querySelector(".rows-list");
      add.addEventListener("click", function () {
        var index = parseInt(total.value, 10);
        if (max && index >= parseInt(max.value, 10)) { return; }
        var html = template.innerHTML.replace(/__prefix__/g, String(index));
        var holder = document.createElement("div");
        holder.innerHTML = html.trim();
        var row = holder.firstElementChild;
        var category = row.querySelector('select[name$="-category"]');
        if (category && add.dataset.category) { category.value = add.dataset.category; }
        list.appendChild(row);
        total.value = index + 1;
        var first = row.querySelector("input[type=text], textarea, select");
        if (first) { first.focus(); }
      });
    });

    fieldset.querySelectorAll(".rows-list").forEach(function (list) {
      list.addEventListener("click", function (event) {
        var button = event.target.closest(".js-up, .js-down");
        if (!button) { return; }
        var row = button.closest(".plan-row");
        if (button.classList.contains("js-up") && row.previousElementSibling) {
          list.insertBefore(row, row.previousElementSibling);
        } else if (button.classList.contains("js-down") && row.nextElementSibling) {
          list.insertBefore(row.nextElementSibling, row);
        }
        renumber(list);
        button.focus();
      });

      list.addEventListener("change", function (event) {
        if (event.target.matches('input[name$="-DELETE"]')) {
          event.target.closest(".plan-row").classList.toggle("row-removed", event.target.checked);
        }
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("fieldset.rows").forEach(setup);
  });
})();
