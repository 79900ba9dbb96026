"""Fronts: the home page and each section page, curated by editors.

| module | what |
| --- | --- |
| `layout` | zones and slots as data; fill, pin, reorder, empty, a zone's rule (no database) |
| `resolve` | what readers see: a layout resolved against live snapshots (the one read path) |
| `curation` | every change (permission-checked, locked, recorded): the draft, publish, schedule, roll back |
| `permissions` | who may look and who may change |
"""
