// Hide questions that do not apply (a cabin class for a train). Without this script every
// question is shown with a note saying when it applies ("Only if ...", hidden while this script
// runs: the class "js" on <html>); the server ignores inapplicable answers.
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
  document.addEventListener("change", update);
  document.addEventListener("DOMContentLoaded", update);
})();
