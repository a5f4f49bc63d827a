// Embedded videos on an article page (embeds/templates/embeds/placeholder.html): the placeholder loads
// nothing from the third party; "Play here" appears only with this script and, on the reader's click,
// puts the provider's privacy-mode player in place of the card. Without the script, the link opens the
// post in a new tab. The players' hosts are the CSP's frame-src (embeds.providers.PLAYER_ORIGINS).
(function () {
  "use strict";
  if (window.newsroomEmbeds) return;
  window.newsroomEmbeds = true;
  function play(button) {
    var figure = button.closest("figure.embed");
    var frame = document.createElement("iframe");
    frame.src = button.getAttribute("data-player");
    frame.title = button.getAttribute("data-title") || "";
    frame.className = "embed-frame";
    frame.setAttribute("allow", "autoplay; encrypted-media; picture-in-picture; fullscreen");
    frame.setAttribute("allowfullscreen", "");
    frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
    var card = figure.querySelector(".embed-card");
    card.replaceWith(frame);
    button.remove();
    frame.focus();
  }
  // The script is named once per playable embed (embeds/placeholder.html): each button is set up once.
  function start() {
    document.querySelectorAll("figure.embed button.embed-play[hidden]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { play(button); });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
