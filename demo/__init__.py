"""The demo newsroom: The Newsroom Ledger, a fictional paper in fictional Harbor City.

Not part of the CMS. The stories, sources, authors and sections are data files a writer can
edit (`stories/*.yaml`, `sources.yaml`, `authors.yaml`, `sections.yaml`, read by `content`);
`loader` puts them in the database through the same workflow the admin uses, and the
commands `load_demo`, `ensure_demo_logins` and `demo_otp` are what `./dev up` runs.
"""
