// How the admin's scripts talk to the newsroom: one CSRF token reader, one POST, one way of
// putting a message in the page. Loaded on every admin page by templates/admin/base_site.html,
// before the page's own scripts, which use it as `NewsroomFetch`.
//
// - NewsroomFetch.csrfToken(scope): the form's CSRF token (inside `scope`, else on the page).
// - NewsroomFetch.post(url, body, {scope}): POSTs a form (FormData, URLSearchParams or a plain
//   object) asking for JSON (the Accept header, which newsroom.requests.wants_json reads).
//   Resolves to {ok, status, data}; when refused or not understood, data.error is a sentence
//   to show. Rejects only when the server could not be reached.
// - NewsroomFetch.show(element, text, {failedClass, failed, hide}): the text in the element,
//   marked as an error with `failedClass` when `failed`; `hide` hides it while empty.
(() => {
  "use strict";

  const csrfToken = (scope) => {
    const selector = "input[name=csrfmiddlewaretoken]";
    const field = (scope && scope.querySelector(selector)) || document.querySelector(selector);
    return field ? field.value : "";
  };

  const asForm = (body) =>
    body instanceof FormData || body instanceof URLSearchParams ? body : new URLSearchParams(body || {});

  // What to say when the answer is not the JSON the scripts expect.
  const notUnderstood = (status) =>
    status === 200
      ? "Your login may have ended: log in again in another tab, then try again."
      : `The server did not answer as expected (${status}). Try again.`;

  const post = async (url, body, { scope } = {}) => {
    const response = await fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken(scope), Accept: "application/json" },
      body: asForm(body),
    });
    const type = response.headers.get("Content-Type") || "";
    let data = null;
    if (type.includes("application/json")) {
      data = await response.json().catch(() => null);
    }
    if (!data || typeof data !== "object") {
      data = { error: notUnderstood(response.status) };
    } else if (!response.ok && !data.error) {
      data.error = data.message || `Refused (${response.status}).`;
    }
    return { ok: response.ok && !data.error, status: response.status, data };
  };

  const show = (element, text, { failedClass = "", failed = false, hide = false } = {}) => {
    if (!element) return;
    element.textContent = text || "";
    if (failedClass) element.classList.toggle(failedClass, Boolean(failed));
    if (hide) element.hidden = !text;
  };

  window.NewsroomFetch = Object.freeze({ csrfToken, post, show });
})();
