// Sociale kaart: small enhancements on top of plain forms and links. Without this file the
// search, the filters, the drawer and compare all work through ordinary page loads.
//
// - Search page: a change of a filter or the sort order fetches the same URL, swaps the regions
//   marked data-kaart-regio, puts the new URL in the history (back button works) and announces
//   the number of results in the permanent status region.
// - Compare: the chosen services are kept for this browser tab (sessionStorage) and shown in a bar.
// - The place field and the search box suggest while typing: see combobox.js.
// - Bewaarlijst: "Bewaar" on cards and dienst pages keeps services in this browser
//   (localStorage, also after the tab is closed); /kaart/bewaarlijst/ opens with those ids.
// - Dienst page: a print button.
(function () {
  "use strict";

  var MAX_VERGELIJK = 4;
  var OPSLAG_SLEUTEL = "kaart-vergelijk";
  var BREED = window.matchMedia ? window.matchMedia("(min-width: 48em)") : null;

  // ---- Compare selection, kept per browser tab --------------------------------------------

  var geheugen = [];

  function leesKeuze() {
    try {
      var data = JSON.parse(window.sessionStorage.getItem(OPSLAG_SLEUTEL) || "[]");
      return Array.isArray(data) ? data.slice(0, MAX_VERGELIJK) : [];
    } catch (e) {
      return geheugen.slice();
    }
  }

  function bewaarKeuze(keuze) {
    geheugen = keuze.slice(0, MAX_VERGELIJK);
    try {
      window.sessionStorage.setItem(OPSLAG_SLEUTEL, JSON.stringify(geheugen));
    } catch (e) {
      // Private windows may refuse storage; the choice then lives until the page is left.
    }
  }

  function vergelijkUrl(basis, keuze) {
    var params = new URLSearchParams();
    keuze.forEach(function (item) {
      params.append("id", item.id);
    });
    // The compare page links back to this search.
    var terug = window.location.search.replace(/^\?/, "");
    if (terug) params.append("terug", terug);
    return basis + "?" + params.toString();
  }

  function VergelijkBalk(balk) {
    this.balk = balk;
    this.lijst = balk.querySelector("[data-kaart-balk-lijst]");
    this.melding = balk.querySelector("[data-kaart-balk-melding]");
    this.knop = balk.querySelector("[data-kaart-balk-knop]");
    this.basis = balk.getAttribute("data-kaart-vergelijk-url");
    var self = this;
    this.lijst.addEventListener("click", function (event) {
      var knop = event.target.closest("button[data-id]");
      if (!knop) return;
      var id = knop.getAttribute("data-id");
      bewaarKeuze(leesKeuze().filter(function (item) {
        return item.id !== id;
      }));
      self.melden(knop.getAttribute("data-naam") + " is uit de vergelijking gehaald.");
      self.toon();
      var volgende = self.lijst.querySelector("button[data-id]");
      (volgende || document.getElementById("kaart-resultaten-kop") || document.body).focus();
    });
  }

  VergelijkBalk.prototype.melden = function (tekst) {
    // Cleared first so the same sentence twice is still read out.
    var melding = this.melding;
    melding.textContent = "";
    window.setTimeout(function () {
      melding.textContent = tekst;
    }, 50);
  };

  VergelijkBalk.prototype.toon = function () {
    var keuze = leesKeuze();
    var gekozen = {};
    keuze.forEach(function (item) {
      gekozen[item.id] = true;
    });
    document.querySelectorAll("input[data-kaart-vergelijk]").forEach(function (vakje) {
      vakje.checked = Boolean(gekozen[vakje.value]);
    });
    this.lijst.textContent = "";
    keuze.forEach(function (item) {
      var li = document.createElement("li");
      var knop = document.createElement("button");
      knop.type = "button";
      knop.className = "kaart-chip";
      knop.setAttribute("data-id", item.id);
      knop.setAttribute("data-naam", item.naam);
      knop.textContent = item.naam;
      var uitleg = document.createElement("span");
      uitleg.className = "visually-hidden";
      uitleg.textContent = " uit de vergelijking halen";
      knop.appendChild(uitleg);
      li.appendChild(knop);
      this.lijst.appendChild(li);
    }, this);
    this.balk.hidden = keuze.length === 0;
    this.knop.href = vergelijkUrl(this.basis, keuze);
    this.knop.querySelector("[data-kaart-balk-aantal]").textContent = String(keuze.length);
  };

  VergelijkBalk.prototype.kies = function (vakje) {
    var keuze = leesKeuze().filter(function (item) {
      return item.id !== vakje.value;
    });
    var naam = vakje.getAttribute("data-naam");
    if (vakje.checked) {
      if (keuze.length >= MAX_VERGELIJK) {
        vakje.checked = false;
        this.melden("U kunt vier diensten tegelijk vergelijken. Haal er eerst een weg.");
        return;
      }
      keuze.push({ id: vakje.value, naam: naam });
      this.melden(naam + " is gekozen om te vergelijken. " + keuze.length + " van de vier gekozen.");
    } else {
      this.melden(naam + " is uit de vergelijking gehaald.");
    }
    bewaarKeuze(keuze);
    this.toon();
  };

  // ---- Search page: update results without a full reload ----------------------------------

  function ZoekPagina(wortel) {
    this.wortel = wortel;
    this.formulier = document.getElementById("kaart-zoekformulier");
    this.status = document.getElementById("kaart-status");
    this.lade = document.getElementById("kaart-filters");
    this.pad = new URL(this.formulier.action, window.location.href).pathname;
    this.bezig = null;
    var balk = document.getElementById("kaart-vergelijkbalk");
    this.balk = balk ? new VergelijkBalk(balk) : null;
    var self = this;

    this.formulier.addEventListener("submit", function (event) {
      event.preventDefault();
      var doel = event.submitter;
      var naarResultaten = !doel || doel.hasAttribute("data-kaart-toon");
      if (naarResultaten && self.lade && !self.breed()) self.lade.open = false;
      self.laad(self.urlVanFormulier(), { bewaar: true, focusResultaten: naarResultaten });
    });

    this.formulier.addEventListener("change", function (event) {
      var veld = event.target;
      if (veld.matches("input[data-kaart-vergelijk]")) {
        if (self.balk) self.balk.kies(veld);
        return;
      }
      if (veld.matches("input[type=checkbox], select")) {
        self.laad(self.urlVanFormulier(), { bewaar: true });
      }
    });

    this.wortel.addEventListener("click", function (event) {
      var link = event.target.closest("a[href]");
      if (!link || event.defaultPrevented || event.button !== 0) return;
      if (link.hasAttribute("data-kaart-bewaar")) return;
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      var doel = new URL(link.href, window.location.href);
      if (doel.origin !== window.location.origin || doel.pathname !== self.pad) return;
      event.preventDefault();
      self.laad(doel.pathname + doel.search, { bewaar: true, focusResultaten: true });
    });

    window.addEventListener("popstate", function (event) {
      if (event.state && event.state.kaart) {
        self.laad(window.location.pathname + window.location.search, { bewaar: false });
      }
    });

    if (BREED) {
      var volgScherm = function () {
        if (self.lade && self.breed()) self.lade.open = true;
      };
      volgScherm();
      if (BREED.addEventListener) BREED.addEventListener("change", volgScherm);
    }
    if (this.balk) {
      // Reading the stored choice (sessionStorage) can take milliseconds: in a task of its own,
      // so it does not lengthen the one that shows the page.
      var balkje = this.balk;
      window.setTimeout(function () {
        balkje.toon();
      }, 0);
    }
  }

  ZoekPagina.prototype.breed = function () {
    return BREED ? BREED.matches : true;
  };

  ZoekPagina.prototype.urlVanFormulier = function () {
    var params = new URLSearchParams();
    new FormData(this.formulier).forEach(function (waarde, naam) {
      if (typeof waarde === "string" && waarde.trim() !== "") params.append(naam, waarde.trim());
    });
    var query = params.toString();
    return this.pad + (query ? "?" + query : "");
  };

  ZoekPagina.prototype.laad = function (url, opties) {
    var self = this;
    if (this.bezig) this.bezig.abort();
    var controle = window.AbortController ? new AbortController() : null;
    this.bezig = controle;
    this.wortel.setAttribute("aria-busy", "true");
    window
      .fetch(url, {
        headers: { Accept: "text/html" },
        credentials: "same-origin",
        signal: controle ? controle.signal : undefined,
      })
      .then(function (antwoord) {
        if (antwoord.status >= 500) throw new Error("server " + antwoord.status);
        return antwoord.text();
      })
      .then(function (html) {
        if (self.bezig !== controle) return;
        self.bezig = null;
        var nieuw = new DOMParser().parseFromString(html, "text/html");
        var nieuweWortel = nieuw.querySelector("[data-kaart-zoeken]");
        if (!nieuweWortel) throw new Error("geen kaartpagina");
        var adres = nieuweWortel.getAttribute("data-kaart-url") || url;
        if (opties.bewaar) {
          // Mark the entry we leave as ours, so the back button comes back to it (see popstate).
          // Done here, not at load: history calls can take milliseconds the first paint can use.
          var staat = window.history.state;
          if (!staat || !staat.kaart) {
            window.history.replaceState({ kaart: true }, "", window.location.href);
          }
          window.history.pushState({ kaart: true }, "", adres);
        }
        document.title = nieuw.title;
        self.wissel(nieuw, opties);
      })
      .catch(function (fout) {
        if (fout && fout.name === "AbortError") return;
        // Something went wrong on the way: fall back to an ordinary page load.
        window.location.assign(url);
      })
      .then(function () {
        if (!self.bezig) self.wortel.removeAttribute("aria-busy");
      });
  };

  ZoekPagina.prototype.wissel = function (nieuw, opties) {
    var actief = document.activeElement;
    var actiefId = actief && actief !== document.body ? actief.id : "";
    var focusWeg = false;
    var openStand = {};
    document.querySelectorAll("[data-kaart-regio] details[id]").forEach(function (el) {
      openStand[el.id] = el.open;
    });

    document.querySelectorAll("[data-kaart-regio]").forEach(function (oud) {
      var vervanger = nieuw.getElementById(oud.id);
      if (!vervanger) return;
      if (oud.contains(actief)) focusWeg = true;
      oud.replaceWith(document.importNode(vervanger, true));
    });

    // The search box is outside the swapped regions: take over its value (a chip may clear it).
    var zoekveld = document.getElementById("kaart-q");
    var nieuwZoekveld = nieuw.getElementById("kaart-q");
    if (zoekveld && nieuwZoekveld && zoekveld !== actief) zoekveld.value = nieuwZoekveld.value;

    Object.keys(openStand).forEach(function (id) {
      var el = document.getElementById(id);
      // A group with a chosen value always stays open.
      if (el && !el.hasAttribute("data-kaart-gekozen")) el.open = openStand[id];
    });

    var telling = document.querySelector("[data-kaart-telling]");
    if (telling && this.status) {
      var status = this.status;
      status.textContent = "";
      window.setTimeout(function () {
        status.textContent = telling.textContent.replace(/\s+/g, " ").trim();
      }, 50);
    }

    var kop = document.getElementById("kaart-resultaten-kop");
    if (opties.focusResultaten && kop) {
      kop.focus();
      kop.scrollIntoView({ block: "start" });
    } else if (focusWeg) {
      var terug = actiefId ? document.getElementById(actiefId) : null;
      (terug || kop || this.wortel).focus();
    }
    if (this.balk) this.balk.toon();
    toonBewaard();
  };

  // ---- Bewaarlijst, kept in this browser ------------------------------------------------------
  // Without JavaScript the "Bewaar" links carry the ids in the URL (kaart/keuze.py); with it the
  // browser keeps them, and the links become buttons that toggle a service on the list.

  var BEWAAR_SLEUTEL = "kaart-bewaarlijst";
  var MAX_BEWAAR = 8;

  function leesBewaard() {
    try {
      var data = JSON.parse(window.localStorage.getItem(BEWAAR_SLEUTEL) || "[]");
      return Array.isArray(data) ? data.map(String).slice(0, MAX_BEWAAR) : [];
    } catch (e) {
      return [];
    }
  }

  function bewaar(ids) {
    try {
      window.localStorage.setItem(BEWAAR_SLEUTEL, JSON.stringify(ids.slice(0, MAX_BEWAAR)));
    } catch (e) {
      // Storage refused (a private window): the list lives in the links instead.
    }
  }

  function lijstUrl(ids) {
    var params = new URLSearchParams();
    ids.forEach(function (id) {
      params.append("id", id);
    });
    var query = params.toString();
    return "/kaart/bewaarlijst/" + (query ? "?" + query : "");
  }

  function meldBewaar(tekst) {
    var melding = document.querySelector("[data-kaart-bewaar-melding]");
    if (!melding) return;
    melding.textContent = "";
    window.setTimeout(function () {
      melding.textContent = tekst;
    }, 50);
  }

  function toonBewaard() {
    var ids = leesBewaard();
    document.querySelectorAll("[data-kaart-bewaar]").forEach(function (knop) {
      var bewaard = ids.indexOf(knop.getAttribute("data-id")) >= 0;
      knop.setAttribute("role", "button");
      knop.setAttribute("aria-pressed", bewaard ? "true" : "false");
      knop.textContent = bewaard ? "Bewaard" : "Bewaar";
      var naam = document.createElement("span");
      naam.className = "visually-hidden";
      naam.textContent = " " + knop.getAttribute("data-naam");
      knop.appendChild(naam);
    });
    document.querySelectorAll("[data-kaart-bewaarlijst-link]").forEach(function (link) {
      link.href = lijstUrl(ids);
      var aantal = link.querySelector("[data-kaart-bewaar-aantal]");
      if (aantal) aantal.textContent = ids.length ? " (" + ids.length + ")" : "";
    });
  }

  document.addEventListener("click", function (event) {
    var knop = event.target.closest("[data-kaart-bewaar]");
    if (!knop) return;
    event.preventDefault();
    var id = knop.getAttribute("data-id");
    var naam = knop.getAttribute("data-naam");
    var ids = leesBewaard();
    if (ids.indexOf(id) >= 0) {
      ids = ids.filter(function (ander) {
        return ander !== id;
      });
      meldBewaar(naam + " is van uw bewaarlijst gehaald.");
    } else if (ids.length >= MAX_BEWAAR) {
      meldBewaar("Uw bewaarlijst is vol: er passen " + MAX_BEWAAR + " diensten op. Haal er eerst een weg.");
      return;
    } else {
      ids.push(id);
      meldBewaar(naam + " staat op uw bewaarlijst. U heeft " + ids.length + " diensten bewaard.");
    }
    bewaar(ids);
    toonBewaard();
  });

  // "Vergelijk" on a dienst page: this service joins the tab's compare choice.
  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-kaart-vergelijk-dienst]");
    if (!link) return;
    var id = link.getAttribute("data-id");
    var keuze = leesKeuze().filter(function (item) {
      return item.id !== id;
    });
    keuze.push({ id: id, naam: link.getAttribute("data-naam") });
    keuze = keuze.slice(-MAX_VERGELIJK);
    bewaarKeuze(keuze);
    event.preventDefault();
    window.location.assign(vergelijkUrl(link.pathname, keuze));
  });

  // On the bewaarlijst page: open the stored list; offer a shared list to be taken over.
  var lijstPagina = document.querySelector("[data-kaart-bewaarlijst]");
  if (lijstPagina) {
    var getoond = (lijstPagina.getAttribute("data-ids") || "").split(",").filter(Boolean);
    var eigen = leesBewaard();
    var inAdres = new URLSearchParams(window.location.search).getAll("id").length > 0;
    if (!inAdres && eigen.length) {
      window.location.replace(lijstUrl(eigen));
    } else if (getoond.join(",") !== eigen.join(",")) {
      var deel = lijstPagina.querySelector("[data-kaart-deel]");
      if (deel && getoond.length) {
        deel.hidden = false;
        deel.querySelector("button").addEventListener("click", function () {
          var samen = eigen.concat(getoond.filter(function (id) {
            return eigen.indexOf(id) < 0;
          }));
          bewaar(samen);
          window.location.assign(lijstUrl(samen));
        });
      }
    }
    lijstPagina.addEventListener("click", function (event) {
      var weg = event.target.closest("[data-kaart-weghalen]");
      if (!weg) return;
      var id = weg.getAttribute("data-id");
      bewaar(leesBewaard().filter(function (ander) {
        return ander !== id;
      }));
    });
  }

  // ---- Start -------------------------------------------------------------------------------

  var zoekWortel = document.querySelector("[data-kaart-zoeken]");
  if (zoekWortel && window.fetch && window.DOMParser && window.history.pushState) {
    document.documentElement.classList.add("kaart-js");
    new ZoekPagina(zoekWortel);
  }

  // On the compare page: what is shown becomes the choice, so the bar on /kaart/ agrees.
  var vergelijkPagina = document.querySelector("[data-kaart-vergelijking]");
  if (vergelijkPagina) {
    var getoond = [];
    vergelijkPagina.querySelectorAll("[data-kaart-gekozen-dienst]").forEach(function (el) {
      getoond.push({ id: el.getAttribute("data-id"), naam: el.getAttribute("data-naam") });
    });
    bewaarKeuze(getoond);
  }

  toonBewaard();

  document.querySelectorAll("[data-kaart-print]").forEach(function (knop) {
    knop.hidden = false;
    knop.addEventListener("click", function () {
      window.print();
    });
  });
})();
