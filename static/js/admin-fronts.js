// The front editor's drag and drop (articles.admin.fronts). A story from the search results,
// or a placed story, dropped on a slot submits that slot's own form with action "fill" and the
// story's number: the same POST the "Place" button sends, so the server's rules (pinned slots,
// no story twice) answer it. Without a mouse, the Place, Up, Down, Pin and Empty buttons do it all.
{
  const TYPE = "text/x-newsroom-story";

  const fill = (slot, story) => {
    const form = slot.querySelector("form.slot-actions");
    if (!form || !story) return;
    form.querySelector("input[name=story]").value = story;
    const action = document.createElement("input");
    action.type = "hidden";
    action.name = "action";
    action.value = "fill";
    form.appendChild(action);
    form.submit();
  };

  document.addEventListener("dragstart", (event) => {
    const source = event.target.closest && event.target.closest("[draggable=true][data-story]");
    if (!source) return;
    event.dataTransfer.setData(TYPE, source.dataset.story);
    event.dataTransfer.effectAllowed = "move";
  });

  for (const slot of document.querySelectorAll(".slots .slot")) {
    slot.addEventListener("dragover", (event) => {
      if (!event.dataTransfer.types.includes(TYPE)) return;
      event.preventDefault();
      slot.classList.add("is-drop-target");
    });
    slot.addEventListener("dragleave", () => slot.classList.remove("is-drop-target"));
    slot.addEventListener("drop", (event) => {
      event.preventDefault();
      slot.classList.remove("is-drop-target");
      fill(slot, event.dataTransfer.getData(TYPE));
    });
  }
}
