/* "Copy link" and the browser's own share sheet for the share box (templates/includes/share.html).
 *
 * The box works without this file: its links are plain links to each service's share address, with
 * no third-party script. This shows the two buttons only where they work: "Copy link" with the
 * Clipboard API, "More…" with the Web Share API (navigator.share). Nothing is sent anywhere else.
 */
(function () {
  "use strict";

  function say(box, text) {
    var status = box.querySelector(".share-status");
    if (status) {
      status.textContent = text;
    }
  }

  document.querySelectorAll(".share").forEach(function (box) {
    var copy = box.querySelector(".share-copy");
    var native = box.querySelector(".share-native");
    if (copy && navigator.clipboard && window.isSecureContext) {
      copy.parentNode.hidden = false;
      copy.addEventListener("click", function () {
        navigator.clipboard.writeText(copy.dataset.url).then(function () {
          say(box, copy.dataset.done);
        });
      });
    }
    if (native && typeof navigator.share === "function") {
      native.parentNode.hidden = false;
      native.addEventListener("click", function () {
        navigator.share({ title: native.dataset.title, url: native.dataset.url }).catch(function () {});
      });
    }
  });
})();
