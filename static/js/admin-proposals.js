// The sourcing assistant's proposals on the story page, handled in place: Accept, Dismiss,
// "Accept it" beside a finding, and Edit's "Accept with these changes" post to the proposal's
// own address through NewsroomFetch (static/js/newsroom-fetch.js) instead of submitting the
// story form. The answer (sources/admin/in_place.py) redraws the proposals, the story's
// sources and the standards findings, and says what happened in #proposals-status. The story
// form is never touched, so what is typed in it stays, unsaved. A refused Edit keeps what was
// typed in its fields and marks the fields to correct. Without this script the buttons submit
// the story form (which saves it, then handles the proposal) and Edit's form posts by itself.
(() => {
  "use strict";

  const PANELS = { proposals: "proposals-body", sources: "story-sources", findings: "story-findings" };

  const say = (text, failed) => {
    NewsroomFetch.show(document.getElementById("proposals-status"), text, {
      failedClass: "proposals-status-failed",
      failed,
      hide: true,
    });
  };

  const redraw = (panels) => {
    for (const [name, html] of Object.entries(panels || {})) {
      const current = document.getElementById(PANELS[name]);
      if (!current) continue;
      const fresh = document.createElement("template");
      fresh.innerHTML = html.trim();
      current.replaceWith(fresh.content);
    }
  };

  const markFields = (form, errors) => {
    for (const note of form.querySelectorAll(".proposal-field-error")) {
      note.hidden = true;
      note.textContent = "";
    }
    for (const field of form.querySelectorAll("[aria-invalid]")) field.removeAttribute("aria-invalid");
    for (const [name, messages] of Object.entries(errors || {})) {
      const input = form.querySelector(`[name$="-${name}"]`);
      if (!input) continue;
      input.setAttribute("aria-invalid", "true");
      input.setAttribute("aria-describedby", `${input.id}-error`);
      const note = document.getElementById(`${input.id}-error`);
      if (note) {
        note.textContent = ` ${messages.join(" ")}`;
        note.hidden = false;
      }
    }
  };

  const send = async (url, body, { busy, form } = {}) => {
    if (busy) busy.disabled = true;
    say("Working…", false);
    let answer;
    try {
      answer = await NewsroomFetch.post(url, body);
    } catch (error) {
      say("The server could not be reached: nothing was changed. Try again.", true);
      if (busy) busy.disabled = false;
      return;
    }
    if (busy) busy.disabled = false;
    if (!answer.ok) {
      if (form) markFields(form, answer.data.errors);
      say(answer.data.error, true);
      return;
    }
    redraw(answer.data.panels);
    if (answer.data.attribution) noteAttribution(answer.data.attribution);
    say(answer.data.message, false);
  };

  // The attributions' rows belong to the story form, which is left as it is: say there
  // that one was added, and count it.
  const noteAttribution = (text) => {
    const group = document.getElementById("attributions-group");
    if (!group) return;
    const note = document.createElement("p");
    note.className = "attr-accepted";
    note.textContent = text;
    const heading = group.querySelector(".inline-heading");
    if (heading) heading.after(note);
    const count = group.querySelector(".attr-count");
    if (count) count.textContent = String(Number(count.textContent || 0) + 1);
  };

  document.addEventListener("click", (event) => {
    const button = event.target.closest("button[name=_proposal][data-url]");
    if (!button) return;
    event.preventDefault();
    // Dismissing a proposal of an anonymous source carries the reason typed beside it.
    const reason = button.closest("li.proposal")?.querySelector("[data-dismiss-reason]");
    const body = reason && button.value.startsWith("dismiss:") ? { [reason.name]: reason.value } : {};
    send(button.dataset.url, body, { busy: button });
  });

  document.addEventListener("submit", (event) => {
    const form = event.target.closest("form.proposal-edit-form");
    if (!form) return;
    event.preventDefault();
    send(form.action, new FormData(form), {
      busy: form.querySelector("button[type=submit]"),
      form,
    });
  });
})();
