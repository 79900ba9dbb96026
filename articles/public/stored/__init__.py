"""Public pages kept whole as the bytes readers get: story pages (`pages`), the home page and
section fronts (`fronts`), and what both share: making, writing and serving the bytes
(`common`)."""
