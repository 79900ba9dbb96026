"""The story page and the story list, as small parts.

| module | holds |
| --- | --- |
| `page` | `ArticleAdmin`, composing the parts below |
| `registry` | `story_page`: the panels, inlines and save steps of the page (other apps register theirs) |
| `panels/` | the stories app's own panels, one class and one template each |
| `workflow_actions` | the workflow buttons as a table: action → service, arguments, message |
| `saving` | the save path (`workflow.save_article`, with the registered save steps) |
| `pages` | the page's other addresses: notes, compare and restore, preview and share links |
| `changelist`, `columns` | the story list's filters, columns and bulk moves |
| `form` | the story form and the byline inline |
"""
