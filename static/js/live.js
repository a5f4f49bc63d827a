/* Following a live story without reloading (templates/live/entries.html, live.reader.live_updates).
 *
 * Every data-every seconds the page asks the story's polling address — the same for every reader of
 * the edition, so the edge answers nearly all of them — for its newest entries, and keeps those newer
 * than the newest it shows (data-latest). New ones are not put on the page by themselves: the polite
 * live region announces them ("1 new update", in the page's language: the answer carries the words
 * for each count) with a button, and a click shows them at the top of the list. Nothing moves under the reader's eyes: the
 * notice sits in a fixed corner and takes no room; when the list's top is above the window, the
 * window is scrolled by what was added, so the text being read stays where it was. Entries withdrawn
 * since the page was built are taken off. Without this file the page shows every entry it was built
 * with, and a reload gets the rest. No inline script (the Content-Security-Policy allows this
 * site's files only); the entries' markup is the server's own, sanitized when saved.
 */
(function () {
  "use strict";

  var notice = document.querySelector(".live-notice[data-updates]");
  var list = document.querySelector(".live-entries");
  if (!notice || !list || !window.fetch) {
    return;
  }
  var button = notice.querySelector(".live-show");
  var every = Math.max(1, parseInt(notice.getAttribute("data-every"), 10) || 15) * 1000;
  var waiting = null; // the last answer with entries not shown yet

  function latest() {
    return parseInt(notice.getAttribute("data-latest"), 10) || 0;
  }

  function withdraw(keys) {
    keys.forEach(function (key) {
      var gone = document.querySelectorAll('.live-entry[data-key="' + key + '"]');
      Array.prototype.forEach.call(gone, function (element) {
        element.parentNode.removeChild(element);
      });
    });
  }

  function newer(answer) {
    var shown = latest();
    var fresh = (answer.entries || []).filter(function (entry) {
      return entry.sequence > shown;
    });
    return {
      entries: fresh,
      latest: answer.latest,
      // A full answer that starts after the newest shown: entries in between only a reload brings.
      gap: fresh.length > 0 && fresh.length >= (answer.recent || Infinity) && answer.oldest > shown + 1,
      label: (answer.labels || {})[String(fresh.length)] || ""
    };
  }

  function poll() {
    fetch(notice.getAttribute("data-updates"), { headers: { Accept: "application/json" }, credentials: "omit" })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (answer) {
        if (answer) {
          withdraw(answer.withdrawn || []);
          var found = newer(answer);
          if (found.entries.length > 0) {
            waiting = found;
            button.textContent = found.label;
            button.hidden = false;
          }
          if (answer.open === false) {
            return; // the coverage closed: nothing more will come
          }
        }
        window.setTimeout(poll, every);
      })
      .catch(function () {
        window.setTimeout(poll, every);
      });
  }

  button.addEventListener("click", function () {
    if (!waiting) {
      return;
    }
    if (waiting.gap) {
      window.location.reload();
      return;
    }
    var template = document.createElement("template");
    template.innerHTML = waiting.entries.map(function (entry) {
      return entry.html;
    }).join("");
    var added = Array.prototype.slice.call(template.content.children);
    var empty = list.querySelector(".live-empty");
    if (empty) {
      empty.parentNode.removeChild(empty);
    }
    var before = list.getBoundingClientRect();
    var aboveWindow = before.top < 0;
    var height = before.height;
    list.insertBefore(template.content, list.firstChild);
    if (aboveWindow) {
      window.scrollBy(0, list.getBoundingClientRect().height - height);
    }
    notice.setAttribute("data-latest", String(waiting.latest));
    waiting = null;
    button.hidden = true;
    button.textContent = "";
    if (added.length) {
      added[0].focus({ preventScroll: true });
    }
  });

  window.setTimeout(poll, every);
})();
