/* Never lose a word (docs/DRAFTS.md): the story's form is kept as a draft copy on the server every
   few seconds while it has unsaved changes, and in this browser (localStorage) at once, so that a
   closed tab, a crash or a lost connection loses nothing; the copy is offered back when the story is
   opened again. Leaving with unsaved changes warns. A workflow button saves the form first. */
(function () {
  "use strict";

  var panel = document.getElementById("draft-panel");
  var form = document.getElementById("article_form");
  if (!panel || !form || !form.elements.version) return;

  var TICK_MS = 2000;
  var editing = (window.NewsroomEditing = window.NewsroomEditing || {});
  editing.dirty = false;
  editing.locked = false;
  editing.submitting = false;

  var key = panel.dataset.storageKey;
  var pageVersion = parseInt(panel.dataset.version, 10);
  var statusLine = panel.querySelector(".draft-status");
  var offerBox = panel.querySelector(".draft-offer");
  var tokenInput = form.querySelector("input[name=csrfmiddlewaretoken]");
  var token = tokenInput ? tokenInput.value : "";
  var kept = JSON.parse(document.getElementById("draft-kept").textContent);

  var baseline = null; // the form as it was opened (serialized)
  var lastSeen = null; // the form at the last tick
  var pending = null; // fields waiting to go to the server, or "discard"
  var inFlight = false;
  var serverHasDraft = !!kept;
  var paused = false; // an offer is waiting for the person's choice

  function text(name, values) {
    var s = panel.dataset[name] || "";
    Object.keys(values || {}).forEach(function (k) { s = s.split("{" + k + "}").join(values[k]); });
    return s;
  }

  function say(message) { statusLine.textContent = message; }

  function clock(date) {
    return date.toLocaleTimeString(document.documentElement.lang || undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit" });
  }

  // --- the form as the browser would post it ----------------------------------------------------

  function skipped(el) {
    var type = el.type;
    return !el.name || el.disabled || el.name === "csrfmiddlewaretoken" || el.name.charAt(0) === "_" ||
      type === "file" || type === "submit" || type === "button" || type === "reset" || type === "image";
  }

  function serialize() {
    var out = [];
    Array.prototype.forEach.call(form.elements, function (el) {
      if (skipped(el)) return;
      if ((el.type === "checkbox" || el.type === "radio") && !el.checked) return;
      if (el.tagName === "SELECT") {
        Array.prototype.forEach.call(el.selectedOptions, function (o) { out.push([el.name, o.value, o.text]); });
        return;
      }
      out.push([el.name, el.value]);
    });
    return out;
  }

  function withoutVersion(fields) {
    return JSON.stringify(fields.filter(function (f) { return f[0] !== "version"; }).map(function (f) { return [f[0], f[1]]; }));
  }

  // --- the copy in this browser ------------------------------------------------------------------

  function readLocal() {
    try { return JSON.parse(window.localStorage.getItem(key) || "null"); } catch (e) { return null; }
  }
  function writeLocal(copy) {
    try { window.localStorage.setItem(key, JSON.stringify(copy)); } catch (e) { /* full or refused: the server copy remains */ }
  }
  function dropLocal() {
    try { window.localStorage.removeItem(key); } catch (e) { /* nothing kept */ }
  }

  // --- the copy on the server --------------------------------------------------------------------

  function post(url, body) {
    return fetch(url, {
      method: "POST", credentials: "same-origin", body: body,
      headers: { "Content-Type": "application/json", "X-CSRFToken": token, "X-Requested-With": "XMLHttpRequest" },
    });
  }

  function send() {
    if (!panel.dataset.keepUrl) { // a story not saved once: kept in this browser only
      if (pending !== null && pending !== "discard") say(text("textLocal"));
      pending = null;
      return;
    }
    if (inFlight || pending === null || editing.submitting) return;
    if (navigator.onLine === false) { say(text("textOffline")); return; }
    var sending = pending;
    inFlight = true;
    var request = sending === "discard"
      ? post(panel.dataset.discardUrl, "{}")
      : post(panel.dataset.keepUrl, JSON.stringify({ fields: sending, version: currentVersion() }));
    request.then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        inFlight = false;
        if (!response.ok) {
          // Refused (4xx): this copy will not be kept, say why. The server failing (5xx): try again.
          if (response.status < 500 && pending === sending) pending = null;
          say(text("textFailed", { error: data.error || response.status }));
          return;
        }
        if (pending === sending) pending = null;
        if (sending === "discard") {
          serverHasDraft = false;
          if (!editing.dirty) say(text("textSaved"));
          return;
        }
        serverHasDraft = true;
        var local = readLocal();
        if (local && JSON.stringify(local.fields) === JSON.stringify(sending)) { local.sent = true; writeLocal(local); }
        say(text("textKept", { time: clock(new Date(data.saved_at)) }));
        send();
      });
    }, function () {
      inFlight = false; // offline or the server did not answer: try again at the next tick
      say(text("textOffline"));
    });
  }

  function currentVersion() {
    var v = parseInt(form.elements.version.value, 10);
    return isNaN(v) ? pageVersion : v;
  }

  function tick() {
    if (baseline === null || editing.submitting) return;
    var fields = serialize();
    var snapshot = JSON.stringify(fields);
    editing.dirty = snapshot !== baseline;
    if (snapshot !== lastSeen && !paused) {
      lastSeen = snapshot;
      if (editing.dirty) {
        writeLocal({ fields: fields, version: currentVersion(), savedAt: Date.now(), sent: false });
        pending = fields;
        say(text("textUnsaved"));
      } else {
        dropLocal();
        pending = serverHasDraft ? "discard" : null;
        say(text("textSaved"));
      }
    }
    send();
  }

  // --- offering a kept copy back -----------------------------------------------------------------

  function setValue(el, value) {
    el.value = value;
    var wrap = el.closest(".prose-editor");
    Array.prototype.forEach.call(wrap ? wrap.querySelectorAll(".ProseMirror") : [], function (view) {
      if (view.editor && view.editor.commands) view.editor.commands.setContent(value);
    });
    el.value = value;
  }

  function restore(fields) {
    var values = {};
    var labels = {};
    fields.forEach(function (f) {
      (values[f[0]] = values[f[0]] || []).push(f[1]);
      if (f.length > 2) labels[f[0] + "\u0000" + f[1]] = f[2];
    });
    // Rows added with "Add another" before the copy was kept: add them again first.
    Object.keys(values).forEach(function (name) {
      var match = /^(.*)-TOTAL_FORMS$/.exec(name);
      var total = form.elements[name];
      if (!match || !total) return;
      var add = document.querySelector("#" + CSS.escape(match[1]) + "-group .add-row a");
      var guard = 100;
      while (add && parseInt(total.value, 10) < parseInt(values[name][0], 10) && guard--) add.click();
    });
    var seen = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (skipped(el) || /-TOTAL_FORMS$/.test(el.name)) return;
      var wanted = values[el.name];
      if (el.type === "checkbox" || el.type === "radio") {
        el.checked = !!wanted && wanted.indexOf(el.value) !== -1;
      } else if (el.tagName === "SELECT") {
        (wanted || []).forEach(function (value) {
          var exists = Array.prototype.some.call(el.options, function (o) { return o.value === value; });
          if (!exists) el.add(new Option(labels[el.name + "\u0000" + value] || value, value));
        });
        Array.prototype.forEach.call(el.options, function (o) { o.selected = !!wanted && wanted.indexOf(o.value) !== -1; });
        if (window.django && window.django.jQuery) window.django.jQuery(el).trigger("change");
      } else if (wanted) {
        var index = seen[el.name] || 0;
        seen[el.name] = index + 1;
        if (index < wanted.length) setValue(el, wanted[index]);
      }
    });
  }

  function offer(copy, when) {
    offerBox.querySelector(".draft-offer-text").textContent = text("textOffer", { time: clock(when) });
    var older = offerBox.querySelector(".draft-offer-older");
    older.textContent = text("textOlder");
    older.hidden = !(copy.version < pageVersion);
    offerBox.hidden = false;
    paused = true;
    say(text("textPaused"));
    offerBox.querySelector(".draft-restore").addEventListener("click", function () {
      restore(copy.fields);
      offerBox.hidden = true;
      paused = false;
      lastSeen = null;
      tick();
      say(text("textRestored"));
    });
    offerBox.querySelector(".draft-discard").addEventListener("click", function () {
      offerBox.hidden = true;
      paused = false;
      dropLocal();
      pending = "discard";
      lastSeen = null;
      tick();
      send();
    });
  }

  function start() {
    if (panel.dataset.forgetNew) { // the new story this browser kept was saved
      try { window.localStorage.removeItem(panel.dataset.newKey); } catch (e) { /* nothing kept */ }
    }
    baseline = lastSeen = JSON.stringify(serialize());
    // The form sent back unsaved (an error to correct): what it holds is not saved anywhere yet.
    if (panel.dataset.notSaved) baseline = lastSeen = "";
    var local = readLocal();
    if (local && local.submitted && local.version < pageVersion) { dropLocal(); local = null; } // it was saved
    var keptAt = kept ? Date.parse(kept.saved_at) : 0;
    var copy = null;
    var when = null;
    if (local && !local.sent && local.savedAt > keptAt) {
      copy = local; when = new Date(local.savedAt);
      pending = local.fields; // typed offline or just before the tab closed: send it now
    } else if (kept) {
      copy = kept; when = new Date(keptAt);
    }
    if (local && local.sent && !kept) dropLocal(); // the server let it go: saved or discarded
    if (copy && withoutVersion(copy.fields) !== withoutVersion(serialize())) {
      offer(copy, when);
    } else if (copy) {
      dropLocal(); // the same as the saved story
      pending = serverHasDraft ? "discard" : null;
    }
    if (!paused) say(text(panel.dataset.notSaved ? "textUnsaved" : "textSaved"));
    send();
    window.setInterval(tick, TICK_MS);
  }

  // --- leaving, saving, and steps that save first ------------------------------------------------

  window.addEventListener("beforeunload", function (event) {
    if (baseline !== null && !editing.submitting) tick();
    if (editing.dirty && !editing.submitting) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  window.addEventListener("pagehide", function () {
    if (editing.submitting || pending === null || pending === "discard" || !navigator.sendBeacon || !panel.dataset.keepUrl) return;
    var data = new FormData();
    data.append("csrfmiddlewaretoken", token);
    data.append("draft", JSON.stringify({ fields: pending, version: currentVersion() }));
    navigator.sendBeacon(panel.dataset.keepUrl, data);
  });

  window.addEventListener("online", function () { send(); });
  window.addEventListener("offline", function () { say(text("textOffline")); });

  function dropStepCopies() {
    Array.prototype.forEach.call(form.querySelectorAll("input[data-step-copy]"), function (el) { el.remove(); });
  }

  form.addEventListener("submit", function (event) {
    if (event.submitter) dropStepCopies(); // a save button: no step asked
    editing.submitting = true;
    var local = readLocal();
    if (local) { local.submitted = true; writeLocal(local); }
  });
  // A save the browser refused (a required field empty): the page stays, and so does the guard.
  form.addEventListener("invalid", function () { editing.submitting = false; dropStepCopies(); }, true);

  Array.prototype.forEach.call(document.querySelectorAll("form.workflow-action"), function (stepForm) {
    stepForm.addEventListener("submit", function (event) {
      if (editing.locked) return;
      event.preventDefault();
      var action = "";
      stepForm.classList.forEach(function (c) { if (c.indexOf("action-") === 0) action = c.slice(7); });
      dropStepCopies();
      function carry(name, value) {
        var input = document.createElement("input");
        input.type = "hidden";
        input.name = name;
        input.value = value;
        input.setAttribute("data-step-copy", "");
        form.appendChild(input);
      }
      carry("_workflow_step", action);
      Array.prototype.forEach.call(stepForm.elements, function (el) {
        if (!el.name || el.name === "csrfmiddlewaretoken" || el.type === "submit") return;
        if ((el.type === "checkbox" || el.type === "radio") && !el.checked) return;
        carry("_step-" + el.name, el.value);
      });
      if (form.requestSubmit) form.requestSubmit(); else form.submit();
    });
  });

  // The form as it was opened is read as soon as the page's scripts have run (the editor is made by
  // then), not at "load": on a slow connection pictures keep "load" waiting for seconds while the
  // reporter already types, and typing read into the baseline would never be kept.
  if (document.readyState !== "loading") window.setTimeout(start, 0);
  else document.addEventListener("DOMContentLoaded", function () { window.setTimeout(start, 0); });
})();
