// Story admin: warn before a workflow button discards unsaved edits in the story form.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var storyForm = document.getElementById("article_form");
    var workflowForm = document.getElementById("workflow-form");
    if (!storyForm || !workflowForm) return;
    var dirty = false;
    var markDirty = function () { dirty = true; };
    storyForm.addEventListener("input", markDirty);
    storyForm.addEventListener("change", markDirty);
    storyForm.addEventListener("submit", function () { dirty = false; });
    workflowForm.addEventListener("submit", function (event) {
      if (dirty && !window.confirm(
        "The story has unsaved changes. Workflow steps use the saved version. " +
        "Continue without saving them?")) {
        event.preventDefault();
      }
    });
  });
})();
