/* Inzendingen: small enhancements of the public forms; every form works without this file.
   1. Move focus to the error summary, so screen readers read the errors first.
   2. Solve the form's proof-of-work puzzle in the background (see inzendingen/spam.py): find the
      number n with SHA-256(salt + n) = the given hash. Without it the form still works. */
(function () {
  "use strict";

  var samenvatting = document.getElementById("foutmeldingen");
  if (samenvatting) {
    samenvatting.focus();
  }

  var veld = document.querySelector("[data-rekenpuzzel]");
  if (!veld || !window.crypto || !window.crypto.subtle || !window.TextEncoder) {
    return;
  }
  var salt = veld.getAttribute("data-salt");
  var uitkomst = veld.getAttribute("data-uitkomst");
  var max = parseInt(veld.getAttribute("data-max"), 10) || 0;
  var encoder = new TextEncoder();

  function hex(buffer) {
    var bytes = new Uint8Array(buffer);
    var tekst = "";
    for (var i = 0; i < bytes.length; i++) {
      tekst += (bytes[i] < 16 ? "0" : "") + bytes[i].toString(16);
    }
    return tekst;
  }

  function probeer(van) {
    var tot = Math.min(van + 500, max + 1);
    var pogingen = [];
    for (var n = van; n < tot; n++) {
      pogingen.push(window.crypto.subtle.digest("SHA-256", encoder.encode(salt + n)));
    }
    Promise.all(pogingen).then(function (hashes) {
      for (var i = 0; i < hashes.length; i++) {
        if (hex(hashes[i]) === uitkomst) {
          veld.value = String(van + i);
          return;
        }
      }
      if (tot <= max) {
        window.setTimeout(function () {
          probeer(tot);
        }, 0);
      }
    });
  }

  probeer(0);
})();
