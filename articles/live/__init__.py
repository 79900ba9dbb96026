"""Live coverage: a story made live and its stream of entries (breaking news, election nights).

| module | holds |
| --- | --- |
| `permissions` | who may make a story live, file, publish, edit, pin, delete (`can_*`) |
| `coverage` | making a story live, starting and ending its coverage, opening it to reporters |
| `entries` | filing, publishing, editing, pinning, key events, deleting an entry (every write) |
| `stream` | what readers see: published entries of a visible story (the only public reads) |
| `purge` | after an entry changes for readers: the page cache and the edge keys |
| `breakout` | an entry becomes a draft story of its own; a story linked in as an entry |

Every write checks its permission here, not only in the admin, and records a
`LiveEntryChange` (or a `WorkflowEvent` for the coverage itself).
"""
