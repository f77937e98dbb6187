// Small enhancements only: every page works without this file.
(function () {
  "use strict";
  // Videos: load the player of the video host only after the visitor asks for it.
  document.querySelectorAll("[data-video-load]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var frame = document.createElement("div");
      frame.className = "portal-video__frame";
      var iframe = document.createElement("iframe");
      iframe.src = button.dataset.src + (button.dataset.src.indexOf("?") < 0 ? "?" : "&") + "autoplay=1";
      iframe.title = button.dataset.title;
      iframe.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
      iframe.setAttribute("allowfullscreen", "");
      frame.appendChild(iframe);
      button.closest("[data-video]").insertBefore(frame, button.parentElement);
      button.parentElement.remove();
      iframe.focus();
    });
  });
})();
