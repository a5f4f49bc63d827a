// Each cell of the article's tables of bylines and interviewees carries its column's name, so that on
// a narrow screen, where the rows are stacked, every field keeps its label (admin.css, issue 16).
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  for (const table of document.querySelectorAll(".inline-group .tabular table")) {
    const names = [...table.querySelectorAll("thead th")].map((th) => th.textContent.trim());
    for (const row of table.querySelectorAll("tbody tr.form-row")) {
      [...row.children].forEach((cell, i) => {
        if (names[i]) cell.dataset.label = names[i];
      });
    }
  }
});
