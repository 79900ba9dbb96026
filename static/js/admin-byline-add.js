// "Add a byline" beside the story form's byline (templates/admin/articles/article/
// byline_inline.html). "Add me to the byline" and the editor's small form (name, kind,
// outlet) POST to the authors admin (authors/admin.py, rules in authors/bylines.py) through
// NewsroomFetch; the author it answers is put in a byline row of the story form (an empty
// row if there is one, else a new one), to be kept with the story's next save. A refusal is
// said in the box and what was typed stays. Enter in the box adds; it never saves the story.
(() => {
  "use strict";

  const GROUP = "author_links-group";

  function chosenAuthors(group) {
    return Array.from(group.querySelectorAll("tr.form-row:not(.empty-form) select[name$='-author']"))
      .map((select) => select.value)
      .filter(Boolean);
  }

  function emptyRow(group) {
    return Array.from(group.querySelectorAll("tr.form-row:not(.empty-form)")).find((row) => {
      const select = row.querySelector("select[name$='-author']");
      const deleted = row.querySelector("input[name$='-DELETE']");
      return select && !select.value && !(deleted && deleted.checked);
    });
  }

  function newRow(group) {
    const link = group.querySelector(".add-row a");
    if (!link) return null;
    link.click();
    const rows = group.querySelectorAll("tr.form-row:not(.empty-form)");
    return rows.length ? rows[rows.length - 1] : null;
  }

  function putInByline(group, author) {
    if (chosenAuthors(group).includes(String(author.id))) return true;
    const row = emptyRow(group) || newRow(group);
    const select = row && row.querySelector("select[name$='-author']");
    if (!select) return false;
    select.appendChild(new Option(author.name, author.id, true, true));
    // The autocomplete (select2) shows a choice on jQuery's change; the page's guard and the
    // byline order on the native one.
    if (window.django && window.django.jQuery) window.django.jQuery(select).trigger("change");
    else select.dispatchEvent(new Event("change", { bubbles: true }));
    return true;
  }

  function setUp(group, box) {
    const status = box.querySelector("[data-byline-add-status]");
    const self = box.querySelector("[data-byline-add-self]");
    const submit = box.querySelector("[data-byline-add-submit]");
    const field = (name) => box.querySelector(`[data-byline-field="${name}"]`);
    const say = (text, failed) =>
      NewsroomFetch.show(status, text, { failedClass: "byline-add-error", failed });

    function showSelf() {
      const mine = box.dataset.myAuthor;
      self.hidden = Boolean(mine) && chosenAuthors(group).includes(mine);
    }

    async function send(url, body, button) {
      button.disabled = true;
      let sent;
      try {
        sent = await NewsroomFetch.post(url, body, { scope: group.closest("form") });
      } catch (error) {
        say("The newsroom could not be reached; nothing was added. Try again.", true);
        return null;
      } finally {
        button.disabled = false;
      }
      if (!sent.ok) {
        say(sent.data.message || sent.data.error, true);
        return null;
      }
      if (!putInByline(group, sent.data)) {
        say(`${sent.data.name} is an author, but no byline row could be added: choose them in a row.`, true);
        return null;
      }
      say(sent.data.message);
      return sent.data;
    }

    self.addEventListener("click", async () => {
      const author = await send(box.dataset.selfUrl, {}, self);
      if (author) {
        box.dataset.myAuthor = String(author.id);
        showSelf();
      }
    });

    async function add() {
      const body = { name: field("name").value, kind: field("kind").value, outlet: field("outlet").value };
      if (!body.name.trim()) {
        say("Type the name of the freelancer or the agency first.", true);
        field("name").focus();
        return;
      }
      if (await send(box.dataset.addUrl, body, submit)) {
        field("name").value = "";
        field("outlet").value = "";
      }
    }

    if (submit) {
      submit.addEventListener("click", add);
      box.querySelectorAll("input[data-byline-field]").forEach((input) => {
        input.addEventListener("keydown", (event) => {
          if (event.key !== "Enter") return;
          event.preventDefault(); // Enter here adds the byline; it does not save the story
          add();
        });
      });
    }
    group.addEventListener("change", showSelf);
    showSelf();
    box.hidden = false;
  }

  document.addEventListener("DOMContentLoaded", () => {
    const group = document.getElementById(GROUP);
    const box = document.querySelector("[data-byline-add]");
    if (group && box && window.NewsroomFetch) setUp(group, box);
  });
})();
