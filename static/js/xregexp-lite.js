// What Django's urlify.js (the slug typed from the headline) asks of XRegExp: two calls,
// XRegExp(source, flags) and XRegExp.replace(text, pattern, replacement), for a pattern with
// \p{L} and \p{N}. The browser's own RegExp reads those with the "u" flag, so the story page
// loads these few lines instead of the 45 KB library (articles/admin/story/page.py).
(() => {
  "use strict";
  if (window.XRegExp) return;
  const XRegExp = (source, flags) => new RegExp(source, `${flags || ""}u`);
  XRegExp.replace = (text, pattern, replacement) => text.replace(pattern, replacement);
  window.XRegExp = XRegExp;
})();
