// The Publish button says what it will do: "Schedule for 14:30, Tue 8 Dec" while a time is
// typed in "Publish at" (date + 24-hour time), "Publish now" (or "Publish update") when the
// time is empty. The time is read in the newsroom's zone by the server; this only echoes it.
(() => {
  "use strict";

  const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
  const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const TIME = /^([01]?[0-9]|2[0-3]):([0-5][0-9])$/;
  const DATE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;

  function scheduleLabel(day, time) {
    const d = DATE.exec(day);
    const t = TIME.exec(time);
    if (!d || !t) return null;
    const date = new Date(Date.UTC(+d[1], +d[2] - 1, +d[3]));
    const hour = t[1].padStart(2, "0");
    return "Schedule for " + hour + ":" + t[2] + ", " + DAYS[date.getUTCDay()] + " " +
      date.getUTCDate() + " " + MONTHS[date.getUTCMonth()];
  }

  document.addEventListener("DOMContentLoaded", () => {
    const button = document.querySelector("button.workflow-publish[data-publish-label]");
    const day = document.getElementById("workflow-at-date");
    const time = document.getElementById("workflow-at-time");
    if (!button || !day || !time) return;

    function update() {
      const typed = day.value.trim() || time.value.trim();
      const label = typed ? scheduleLabel(day.value.trim(), time.value.trim()) : null;
      if (!typed) {
        button.textContent = button.dataset.publishLabel;
      } else {
        // A half-typed or invalid time still says it schedules: it will not publish at once.
        button.textContent = label || "Schedule (type the date and a time, HH:MM)";
      }
    }

    day.addEventListener("input", update);
    day.addEventListener("change", update);
    time.addEventListener("input", update);
    update();
  });
})();
