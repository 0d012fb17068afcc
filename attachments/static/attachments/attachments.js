/* The attachments panel: a photo taken with the phone's camera goes straight in; choosing
   one file input clears the other, so the form sends the one just chosen. */
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches(".attachment-form input[type=file]")) { return; }
    var form = input.form;
    form.querySelectorAll("input[type=file]").forEach(function (other) {
      if (other !== input) { other.value = ""; }
    });
    if (input.classList.contains("js-attach-photo") && input.files.length) {
      form.querySelector("button[type=submit]").disabled = true;
      form.submit();
    }
  });
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.classList && form.classList.contains("attachment-form")) {
      var button = form.querySelector("button[type=submit]");
      window.setTimeout(function () { button.disabled = true; }, 0);
    }
  });
})();
