"""Search's "Did you mean …?": the archive's own words (`words`) and the nearest of them to a
word no story uses (`suggestions`), by trigram distance (PostgreSQL's pg_trgm)."""
