// The scene form: cities from the gazetteer while a place is typed, as the input's datalist.
// Without this script the form still works: the server offers its own choices on a place it
// cannot settle.
(function () {
  "use strict";
  var input = document.querySelector("input[data-suggest]");
  if (!input) { return; }
  var list = document.getElementById(input.getAttribute("list"));
  var timer = null;
  var asked = "";
  function show(found) {
    var options = found.map(function (place) {
      var option = document.createElement("option");
      option.value = place.query;
      option.label = place.label;
      return option;
    });
    list.replaceChildren.apply(list, options);
  }
  input.addEventListener("input", function () {
    clearTimeout(timer);
    // one request per pause in typing, not per key
    timer = setTimeout(function () {
      var typed = input.value.trim();
      if (!typed || typed === asked) { return; }
      asked = typed;
      fetch(input.dataset.suggest + "?q=" + encodeURIComponent(typed), {
        credentials: "same-origin",
        headers: { Accept: "application/json" }
      })
        .then(function (response) { return response.ok ? response.json() : []; })
        .then(function (found) { if (input.value.trim() === typed) { show(found); } })
        .catch(function () { asked = ""; });
    }, 200);
  });
}());
