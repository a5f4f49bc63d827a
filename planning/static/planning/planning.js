// Drag on the planning calendar (an item or a scheduled story to another day, same time) and on the
// board (an item to another column). Every card also has a form that works from the keyboard and
// without scripts; this only sends the same request when something is dropped.
(function () {
  "use strict";
  var status = document.getElementById("plan-status");
  var token = document.querySelector("input[name=csrfmiddlewaretoken]");
  function say(message) { if (status) { status.textContent = message; } }
  function send(url, fields, after) {
    var body = new FormData();
    Object.keys(fields).forEach(function (key) { body.append(key, fields[key]); });
    fetch(url, { method: "POST", body: body, credentials: "same-origin",
                 headers: { "Accept": "application/json", "X-CSRFToken": token ? token.value : "" } })
      .then(function (response) { return response.json(); })
      .then(function (answer) { say(answer.message); if (answer.ok) { after(); } })
      .catch(function () { say(document.documentElement.lang === "ar" ? "تعذّر الحفظ." : "Not saved."); });
  }
  var dragged = null;
  document.addEventListener("dragstart", function (event) {
    dragged = event.target.closest("[draggable=true]");
    if (dragged) { event.dataTransfer.setData("text/plain", dragged.dataset.pk); }
  });
  function target(event) { return event.target.closest(".plan-day-cell, .plan-column"); }
  document.addEventListener("dragover", function (event) { if (dragged && target(event)) { event.preventDefault(); } });
  document.addEventListener("dragenter", function (event) { var t = target(event); if (dragged && t) { t.classList.add("plan-drop"); } });
  document.addEventListener("dragleave", function (event) { var t = target(event); if (t) { t.classList.remove("plan-drop"); } });
  document.addEventListener("drop", function (event) {
    var cell = target(event);
    if (!dragged || !cell) { return; }
    event.preventDefault();
    cell.classList.remove("plan-drop");
    var card = dragged;
    dragged = null;
    if (cell.classList.contains("plan-day-cell")) {
      var calendar = cell.closest(".plan-calendar");
      // On the day view each hour is a cell: the entry takes that hour, and keeps its minutes.
      var time = cell.dataset.hour ? cell.dataset.hour + ":" + card.dataset.time.split(":")[1] : card.dataset.time;
      send(calendar.dataset.moveUrl, { kind: card.dataset.kind, pk: card.dataset.pk, when: cell.dataset.date + "T" + time },
           function () { cell.querySelector("ul").appendChild(card); });
    } else {
      var from = card.closest(".plan-column");
      send(card.dataset.moveUrl, { target: cell.dataset.state }, function () {
        cell.querySelector("ul").appendChild(card);
        [from, cell].forEach(function (column) {
          column.querySelector(".plan-count").textContent = column.querySelectorAll(".plan-card").length;
        });
      });
    }
  });
})();
