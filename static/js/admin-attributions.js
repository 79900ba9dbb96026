// Attribution forms in the admin: show the groups of fields that apply to the chosen kind
// (quoted words, another outlet's report, a request for comment) and the anonymity grant only
// when "anonymous" is ticked. A group that already holds something stays visible, so nothing
// typed is ever hidden. Without this script every field shows.
(() => {
  "use strict";

  const HIDDEN = "attr-hidden";

  function holdsSomething(group) {
    const fields = group.querySelectorAll(
      "input[type=text], input[type=date], input:not([type]), textarea, select:not([multiple])"
    );
    for (let i = 0; i < fields.length; i++) {
      if (fields[i].value && fields[i].value.trim() !== "") return true;
    }
    return false;
  }

  function update(container) {
    const kind = container.querySelector("select[name='kind'], select[name$='-kind']");
    if (!kind || kind.name.indexOf("__prefix__") !== -1) return;
    const anonymous = container.querySelector(
      "input[type=checkbox][name='anonymous'], input[type=checkbox][name$='-anonymous']"
    );
    const groups = container.querySelectorAll("fieldset.attr-group");
    for (let i = 0; i < groups.length; i++) {
      const group = groups[i];
      const applies = group.classList.contains("attr-for-" + kind.value) ||
        (anonymous && anonymous.checked && group.classList.contains("attr-for-anonymous"));
      group.classList.toggle(HIDDEN, !(applies || holdsSomething(group)));
    }
  }

  function containerOf(element) {
    return element.closest(".attribution-item") || element.closest("form");
  }

  function updateAll() {
    const items = document.querySelectorAll(".attribution-item, #attribution_form");
    for (let i = 0; i < items.length; i++) update(items[i]);
  }

  function openTarget(hash) {
    // A standards finding links to "#attribution-<id>": unfold that attribution.
    if (!hash || hash.indexOf("#attribution-") !== 0) return;
    const target = document.getElementById(hash.slice(1));
    if (target && target.tagName === "DETAILS") {
      target.open = true;
      target.scrollIntoView({block: "start"});
    }
  }

  document.addEventListener("change", (event) => {
    const name = event.target.name || "";
    if (/(^|-)(kind|anonymous)$/.test(name)) {
      const container = containerOf(event.target);
      if (container) update(container);
    }
  });

  document.addEventListener("formset:added", (event) => {
    if (event.detail && event.detail.formsetName !== "attributions") return;
    const row = event.target;
    // Django puts the "remove" link at the end of the new form; keep it in the heading.
    const remove = row.querySelector("details > span > a.inline-deletelink");
    const heading = row.querySelector("summary h3");
    if (remove && heading) heading.appendChild(remove.parentNode);
    update(row);
  });

  document.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest("a[href^='#attribution-']");
    if (link) openTarget(link.getAttribute("href"));
  });

  document.addEventListener("DOMContentLoaded", () => {
    updateAll();
    openTarget(window.location.hash);
  });
})();
