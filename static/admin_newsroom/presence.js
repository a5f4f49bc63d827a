/* Who else has this story open (docs/DRAFTS.md, "Presence"): the page tells the server every few
   seconds that it is open and whether its form has unsaved changes, and shows the others. An editor
   can take the story over with a note; the person it was taken from sees it at their next beat. */
(function () {
  "use strict";

  var panel = document.getElementById("presence-panel");
  if (!panel) return;
  var list = panel.querySelector(".presence-others");
  var takeover = panel.querySelector(".presence-takeover");
  var note = document.getElementById("presence-takeover-note");
  var errorLine = panel.querySelector(".presence-error");
  var banner = document.querySelector(".presence-taken-over");
  var tokenInput = document.querySelector("input[name=csrfmiddlewaretoken]");
  var token = tokenInput ? tokenInput.value : "";
  var canTakeOver = panel.dataset.canTakeOver === "1";
  var editing = (window.NewsroomEditing = window.NewsroomEditing || {});
  var target = null; // the person an editor is taking over from
  var done = "";

  function text(name, values) {
    var s = panel.dataset[name] || "";
    Object.keys(values || {}).forEach(function (k) { s = s.split("{" + k + "}").join(values[k]); });
    return s;
  }

  // A sentence with a person's name laid out on its own (<bdi>): an Arabic name in an English
  // sentence, or the other way round, cannot move the sentence's punctuation.
  function sentence(element, name, values) {
    element.textContent = "";
    var parts = text(name, values).split("{name}");
    parts.forEach(function (part, index) {
      if (index > 0) {
        var bdi = document.createElement("bdi");
        bdi.textContent = values.who;
        element.appendChild(bdi);
      }
      element.appendChild(document.createTextNode(part));
    });
  }

  function post(url, data) {
    return fetch(url, {
      method: "POST", credentials: "same-origin", body: JSON.stringify(data),
      headers: { "Content-Type": "application/json", "X-CSRFToken": token, "X-Requested-With": "XMLHttpRequest" },
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        if (!response.ok) throw new Error(body.error || String(response.status));
        return body;
      });
    });
  }

  function render(data) {
    list.textContent = "";
    data.others.forEach(function (other) {
      var item = document.createElement("li");
      item.className = "presence-other" + (other.unsaved ? " presence-unsaved" : "");
      var key = other.taken_over ? "textWasTakenOver" : !other.editing ? "textViewing" : other.unsaved ? "textUnsaved" : "textEditing";
      var line = document.createElement("span");
      sentence(line, key, { who: other.name });
      item.appendChild(line);
      if (canTakeOver && other.editing && !other.taken_over) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "button presence-take-over";
        sentence(button, "textTakeOver", { who: other.name });
        button.addEventListener("click", function () {
          target = other.id;
          takeover.hidden = false;
          errorLine.hidden = true;
          note.focus();
        });
        item.appendChild(button);
      }
      list.appendChild(item);
    });
    if (done) {
      var doneItem = document.createElement("li");
      doneItem.className = "presence-done";
      doneItem.textContent = done;
      list.appendChild(doneItem);
    }
    panel.hidden = data.others.length === 0 && !done;
    lock(data.taken_over);
  }

  function lock(taken) {
    editing.locked = !!taken;
    banner.hidden = !taken;
    if (taken) {
      sentence(banner.querySelector(".presence-taken-over-who"), "textTakenOver", { who: taken.by, time: taken.at });
      banner.querySelector(".presence-taken-over-note").textContent = taken.note;
      banner.querySelector(".presence-taken-over-kept").textContent = text("textKept");
    }
    var buttons = document.querySelectorAll("#article_form .submit-row input[type=submit], #article_form .submit-row button, form.workflow-action button");
    Array.prototype.forEach.call(buttons, function (button) { button.disabled = !!taken; });
  }

  function beat() {
    post(panel.dataset.beatUrl, { unsaved: !!editing.dirty }).then(render, function () { /* offline: try again */ });
  }

  panel.querySelector(".presence-takeover-confirm").addEventListener("click", function () {
    post(panel.dataset.takeOverUrl, { user: target, note: note.value }).then(function () {
      takeover.hidden = true;
      note.value = "";
      done = text("textDone");
      beat();
    }, function (error) {
      errorLine.textContent = error.message;
      errorLine.hidden = false;
    });
  });
  panel.querySelector(".presence-takeover-cancel").addEventListener("click", function () {
    takeover.hidden = true;
    target = null;
  });

  window.addEventListener("pagehide", function () {
    if (!navigator.sendBeacon) return;
    var data = new FormData();
    data.append("csrfmiddlewaretoken", token);
    navigator.sendBeacon(panel.dataset.leaveUrl, data);
  });

  beat();
  window.setInterval(beat, (parseInt(panel.dataset.beatSeconds, 10) || 5) * 1000);
})();
