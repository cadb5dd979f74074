(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) {
    return;
  }
  var cards = Array.prototype.slice.call(document.querySelectorAll(".card"));
  var texts = cards.map(function (card) { return card.textContent.toLowerCase(); });
  var kind = document.getElementById("filter-kind");
  var status = document.getElementById("filter-status");
  var source = document.getElementById("filter-source");
  var entity = document.getElementById("filter-entity");
  var search = document.getElementById("filter-search");
  var shown = document.getElementById("shown");
  var none = document.getElementById("no-match");

  function matches(card, i) {
    var query = search.value.trim().toLowerCase();
    return (!kind.value || card.dataset.kind === kind.value) &&
      (!status.value || card.dataset.status === status.value) &&
      (!source.value || JSON.parse(card.dataset.sources).indexOf(source.value) >= 0) &&
      (!entity.value || card.dataset.entity === entity.value) &&
      (!query || texts[i].indexOf(query) >= 0);
  }

  function update() {
    var count = 0;
    cards.forEach(function (card, i) {
      var visible = matches(card, i);
      card.hidden = !visible;
      if (visible) {
        count += 1;
      }
    });
    shown.textContent = count + " of " + cards.length + " findings shown";
    none.hidden = count > 0;
  }

  function reveal() {
    var target = location.hash ? document.getElementById(location.hash.slice(1)) : null;
    if (target && target.hidden) {
      form.reset();
      update();
      target.scrollIntoView();
    }
  }

  form.addEventListener("input", update);
  form.addEventListener("change", update);
  form.addEventListener("reset", function () { setTimeout(update, 0); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  window.addEventListener("hashchange", reveal);
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (details) { details.open = true; });
  });
  form.hidden = false;
  update();
})();
