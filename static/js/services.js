/* Centre services: small helps; every page works without them. */
(function () {
  "use strict";

  // The week picker shows the chosen week as soon as a date is picked.
  document.querySelectorAll("form.js-autosubmit input[type=date]").forEach(function (input) {
    input.addEventListener("change", function () {
      if (input.value) input.form.submit();
    });
  });

  // The needs-assessment form shows the average of the scores typed so far.
  var output = document.getElementById("score-average");
  if (output) {
    var inputs = document.querySelectorAll("input.score-input");
    var update = function () {
      var total = 0, count = 0;
      inputs.forEach(function (input) {
        var value = parseInt(input.value, 10);
        if (value >= 1 && value <= 5) { total += value; count += 1; }
      });
      output.textContent = count ? (total / count).toFixed(1) + " (" + count + "/" + inputs.length + ")" : "–";
    };
    inputs.forEach(function (input) { input.addEventListener("input", update); });
    update();
  }
})();
