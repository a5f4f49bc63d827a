/* Suggestions for the search form's tag, person and organization boxes (templates/articles/search.html).
 *
 * Each box (input[data-suggest]) has a <datalist>; as the reader types, this asks the edition's
 * /search/suggest/ for public names with a word starting with what was typed (after a pause, the
 * previous request cancelled) and fills the datalist, which the browser shows under the box. The
 * form works without this file: the server resolves whatever name is typed. No inline script and no
 * markup from the answer: options are built with the DOM (the Content-Security-Policy allows
 * scripts from this site only).
 */
(function () {
  "use strict";

  var PAUSE_MS = 250;
  var SHORTEST = 2;

  function fill(list, suggestions) {
    while (list.firstChild) {
      list.removeChild(list.firstChild);
    }
    suggestions.forEach(function (suggestion) {
      var option = document.createElement("option");
      option.value = suggestion.value;
      if (suggestion.label) {
        option.label = suggestion.label;
      }
      list.appendChild(option);
    });
  }

  function offered(list, text) {
    return Array.prototype.some.call(list.options, function (option) {
      return option.value === text;
    });
  }

  function attach(input) {
    var list = document.getElementById(input.getAttribute("list"));
    var address = input.getAttribute("data-suggest");
    if (!list || !address || !window.fetch) {
      return;
    }
    var known = {};
    var timer = null;
    var pending = null;

    function ask(text) {
      if (Object.prototype.hasOwnProperty.call(known, text)) {
        fill(list, known[text]);
        return;
      }
      if (pending && window.AbortController) {
        pending.abort();
      }
      pending = window.AbortController ? new AbortController() : null;
      fetch(address + "&q=" + encodeURIComponent(text), {
        headers: { Accept: "application/json" },
        signal: pending ? pending.signal : undefined,
      })
        .then(function (response) {
          return response.ok ? response.json() : { suggestions: [] };
        })
        .then(function (answer) {
          known[text] = answer.suggestions || [];
          if (input.value.trim() === text) {
            fill(list, known[text]);
          }
        })
        .catch(function () {
          /* cancelled or offline: the box still works as a plain text box */
        });
    }

    input.addEventListener("input", function () {
      var text = input.value.trim();
      window.clearTimeout(timer);
      if (text.length < SHORTEST) {
        fill(list, []);
        return;
      }
      if (offered(list, text)) {
        return; /* the reader chose a suggestion */
      }
      timer = window.setTimeout(function () {
        ask(text);
      }, PAUSE_MS);
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("input[data-suggest]"), attach);
})();
