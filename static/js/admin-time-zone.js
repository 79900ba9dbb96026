/* The newsroom's time zone is printed beside each time input (newsroom/time_zone.py), and
   the admin reads typed times in that zone. Django's DateTimeShortcuts would add "Note: You
   are N hours ahead of server time" when the browser's zone differs, which reads as if the
   input followed the browser: replace that note with nothing. "Now" and "Today" keep using
   the page's data-admin-utc-offset, so they still give the newsroom's time.
   DateTimeShortcuts adds its notes on the window's load event; this runs before that. On the
   story page it is fetched later (admin-date-shortcuts.js), which announces it with
   "newsroom:date-shortcuts" before it adds anything. */
"use strict";
(() => {
  function silenceServerTimeNote() {
    if (window.DateTimeShortcuts) {
      window.DateTimeShortcuts.addTimezoneWarning = () => {};
    }
  }
  silenceServerTimeNote();
  document.addEventListener("DOMContentLoaded", silenceServerTimeNote);
  document.addEventListener("newsroom:date-shortcuts", silenceServerTimeNote);
})();
