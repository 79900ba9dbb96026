"""Admin pieces for the sourcing assistant's proposals (filled in by the ingest work)."""

PROPOSAL_INLINES: list = []
