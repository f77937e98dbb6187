// The gemeenten chooser in the dienst form: a filter box over the grouped checkboxes.
// Without this script every province is a <details> with its gemeenten; nothing is lost.
(function () {
  "use strict";
  function koppel(blok) {
    const zoek = blok.querySelector("[data-kaart-gemeenten-zoek]");
    const invoer = zoek && zoek.querySelector("input");
    if (!invoer) return;
    zoek.hidden = false;
    invoer.addEventListener("input", function () {
      const tekst = invoer.value.trim().toLowerCase();
      blok.querySelectorAll("details").forEach(function (groep) {
        let zichtbaar = 0;
        groep.querySelectorAll("[data-naam]").forEach(function (optie) {
          const past = !tekst || optie.dataset.naam.includes(tekst);
          optie.hidden = !past;
          if (past) zichtbaar += 1;
        });
        groep.hidden = zichtbaar === 0;
        if (tekst) groep.open = zichtbaar > 0;
      });
    });
  }
  function start() {
    document.querySelectorAll("[data-kaart-gemeenten]").forEach(koppel);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
