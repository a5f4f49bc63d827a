/* The reading beacon (docs/READERSHIP.md): once a story's page is shown to the reader, tell this
 * site, and no one else, that it was read — an empty POST to the address in data-beacon. No cookie,
 * no identifier, nothing stored in the browser. A page prerendered by the browser waits until the
 * reader actually opens it; without JavaScript (robots, mostly) nothing is sent. */
(function () {
  "use strict";
  var script = document.currentScript;
  var address = script && script.dataset.beacon;
  if (!address || typeof navigator.sendBeacon !== "function") {
    return;
  }
  function send() {
    navigator.sendBeacon(address);
  }
  if (document.prerendering) {
    document.addEventListener("prerenderingchange", send, { once: true });
  } else {
    send();
  }
})();
