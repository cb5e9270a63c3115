// Hide questions that do not apply (a cabin class for a train). Without this script every
// question is shown with a note saying when it applies ("Only if ...", hidden while this script
// runs: the class "js" on <html>); the server ignores inapplicable answers.
// Suggest cities while a place is typed: the field's <datalist> is refilled from /places, whose
// queries resolve to one city each. Without the script the list offers the main cities, and an
// answer naming several cities comes back with them as choices beside the field.
(function () {
  document.documentElement.classList.add("js");
  function value(scope, name) {
    var checked = scope.querySelector('[name$=".' + name + '"]:checked, [name="' + name + '"]:checked');
    if (checked) return checked.value;
    var select = scope.querySelector('select[name$=".' + name + '"], select[name="' + name + '"]');
    return select ? select.value : "";
  }
  function update() {
    document.querySelectorAll(".field[data-if]").forEach(function (field) {
      var scope = field.closest("fieldset.item") || document;
      var wanted = field.getAttribute("data-in").split(" ");
      // a field the server marked stays in sight: an error is never hidden from the visitor
      field.hidden = !field.querySelector(".error") &&
        wanted.indexOf(value(scope, field.getAttribute("data-if"))) < 0;
    });
  }
  var timer = null;
  function suggest(input) {
    var list = document.getElementById(input.getAttribute("list"));
    var typed = input.value.trim();
    if (!list || !typed) return;
    fetch(input.getAttribute("data-complete") + "?q=" + encodeURIComponent(typed), { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (found) {
        if (!found || found.q !== input.value.trim() || !found.places.length) return;
        list.replaceChildren.apply(list, found.places.map(function (place) {
          var option = document.createElement("option");
          option.value = place.query;
          option.label = place.label;
          return option;
        }));
      })
      .catch(function () {});
  }
  document.addEventListener("input", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches("input[data-complete]")) return;
    clearTimeout(timer);
    timer = setTimeout(function () { suggest(input); }, 200);
  });
  document.addEventListener("change", update);
  document.addEventListener("DOMContentLoaded", update);
})();
