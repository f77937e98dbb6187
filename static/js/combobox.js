// One accessible combobox (WAI-ARIA 1.2 combobox with a listbox) for any text field wrapped in
// <div data-combobox data-combobox-url="/api/...">. What was typed is sent as ?q= (debounced);
// the answer is a JSON list of {label, waarde | value, url}.
//   data-combobox-kies="invullen" (default): choosing puts waarde/value in the field and submits
//   the form; "volgen": choosing follows the suggestion's url.
// Keys: arrow down/up move through the list, Enter chooses, Escape closes. A polite live region
// says how many suggestions there are. Without this file the field is a plain text field and the
// server resolves what was typed. Delegated from the document, so fields that kaart.js swaps in
// work too.
(function () {
  "use strict";

  var WACHT = 150; // ms after the last key before asking the server
  var teller = 0;

  function Combobox(wortel) {
    this.wortel = wortel;
    this.veld = wortel.querySelector("input");
    this.url = wortel.getAttribute("data-combobox-url");
    this.volgen = wortel.getAttribute("data-combobox-kies") === "volgen";
    this.items = [];
    this.actief = -1;
    this.vraag = 0;
    teller += 1;
    var id = (this.veld.id || "combobox-" + teller) + "-lijst";
    this.lijst = document.createElement("ul");
    this.lijst.id = id;
    this.lijst.className = "combobox__lijst";
    this.lijst.setAttribute("role", "listbox");
    this.lijst.setAttribute("aria-label", "Suggesties");
    this.lijst.hidden = true;
    this.melding = document.createElement("p");
    this.melding.className = "visually-hidden";
    this.melding.setAttribute("role", "status");
    wortel.appendChild(this.lijst);
    wortel.appendChild(this.melding);
    var veld = this.veld;
    veld.setAttribute("role", "combobox");
    veld.setAttribute("aria-autocomplete", "list");
    veld.setAttribute("aria-expanded", "false");
    veld.setAttribute("aria-controls", id);
    var self = this;
    veld.addEventListener("input", function () {
      window.clearTimeout(self.wachten);
      self.wachten = window.setTimeout(function () {
        self.haal();
      }, WACHT);
    });
    veld.addEventListener("keydown", function (event) {
      self.toets(event);
    });
    veld.addEventListener("blur", function () {
      self.sluit();
    });
    this.lijst.addEventListener("mousedown", function (event) {
      event.preventDefault(); // keep the focus in the field
    });
    this.lijst.addEventListener("click", function (event) {
      var optie = event.target.closest("[role=option]");
      if (optie) self.kies(Number(optie.getAttribute("data-index")));
    });
  }

  Combobox.prototype.haal = function () {
    var q = this.veld.value.trim();
    var nummer = (this.vraag += 1);
    var self = this;
    if (q.length < 2) {
      this.toon([]);
      return;
    }
    window
      .fetch(this.url + "?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
      .then(function (antwoord) {
        return antwoord.ok ? antwoord.json() : [];
      })
      .then(function (items) {
        if (nummer === self.vraag) self.toon(Array.isArray(items) ? items : []);
      })
      .catch(function () {
        self.toon([]);
      });
  };

  Combobox.prototype.toon = function (items) {
    this.items = items;
    this.actief = -1;
    this.lijst.textContent = "";
    var basis = this.lijst.id + "-";
    items.forEach(function (item, i) {
      var optie = document.createElement("li");
      optie.id = basis + i;
      optie.className = "combobox__optie";
      optie.setAttribute("role", "option");
      optie.setAttribute("aria-selected", "false");
      optie.setAttribute("data-index", String(i));
      optie.textContent = item.label;
      this.lijst.appendChild(optie);
    }, this);
    var open = items.length > 0;
    this.lijst.hidden = !open;
    this.veld.setAttribute("aria-expanded", open ? "true" : "false");
    this.veld.removeAttribute("aria-activedescendant");
    if (this.veld.value.trim().length >= 2) {
      this.melding.textContent = open
        ? items.length + (items.length === 1 ? " suggestie" : " suggesties") +
          ". Kies met pijltje omlaag en Enter."
        : "Geen suggesties.";
    }
  };

  Combobox.prototype.sluit = function () {
    this.lijst.hidden = true;
    this.actief = -1;
    this.veld.setAttribute("aria-expanded", "false");
    this.veld.removeAttribute("aria-activedescendant");
  };

  Combobox.prototype.ga = function (index) {
    var opties = this.lijst.children;
    if (!opties.length) return;
    this.lijst.hidden = false;
    this.veld.setAttribute("aria-expanded", "true");
    if (this.actief >= 0) opties[this.actief].setAttribute("aria-selected", "false");
    this.actief = (index + opties.length) % opties.length;
    var optie = opties[this.actief];
    optie.setAttribute("aria-selected", "true");
    this.veld.setAttribute("aria-activedescendant", optie.id);
    if (optie.scrollIntoView) optie.scrollIntoView({ block: "nearest" });
  };

  Combobox.prototype.toets = function (event) {
    var open = !this.lijst.hidden;
    if (event.key === "ArrowDown") {
      event.preventDefault();
      this.ga(open ? this.actief + 1 : 0);
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      this.ga(open ? this.actief - 1 : -1);
    } else if (event.key === "Enter" && open && this.actief >= 0) {
      event.preventDefault();
      this.kies(this.actief);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      this.sluit();
    }
  };

  Combobox.prototype.kies = function (index) {
    var item = this.items[index];
    if (!item) return;
    this.sluit();
    if (this.volgen && item.url) {
      window.location.assign(item.url);
      return;
    }
    this.veld.value = item.waarde || item.value || item.label;
    this.melding.textContent = item.label + " gekozen.";
    var formulier = this.veld.form;
    if (formulier && formulier.requestSubmit) formulier.requestSubmit();
    else if (formulier) formulier.submit();
  };

  function start(event) {
    var wortel = event.target.closest && event.target.closest("[data-combobox]");
    if (!wortel || wortel.combobox || !wortel.querySelector("input") || !window.fetch) return;
    wortel.combobox = new Combobox(wortel);
  }

  document.addEventListener("focusin", start);
  var actief = document.activeElement;
  if (actief) start({ target: actief });
})();
