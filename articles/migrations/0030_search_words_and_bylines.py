# Search finds bylines ("Haddad"), and "Did you mean …?" suggests from the archive's own words
# (pg_trgm, enabled since 0022_story_list_search_trigrams: enabling it here again would make
# this migration's reverse drop the extension those indexes need). The SQL below is a frozen copy of articles.models.public.SEARCH_VECTOR_SQL and
# articles.public.spelling.words at the time of writing.

import django.contrib.postgres.indexes
from django.db import migrations, models

VECTORS_WITH_BYLINES = """
UPDATE articles_publishedarticle SET search_vector =
    setweight(to_tsvector('english', coalesce(headline, '')), 'A') ||
    setweight(to_tsvector('english', coalesce(dek, '')), 'B') ||
    setweight(to_tsvector('english', coalesce(
        (SELECT string_agg(p->>'name', ' ') FROM jsonb_array_elements(byline) p), '')), 'B') ||
    setweight(to_tsvector('english', coalesce(body_text, '')), 'C')
"""
VECTORS_WITHOUT_BYLINES = """
UPDATE articles_publishedarticle SET search_vector =
    setweight(to_tsvector('english', coalesce(headline, '')), 'A') ||
    setweight(to_tsvector('english', coalesce(dek, '')), 'B') ||
    setweight(to_tsvector('english', coalesce(body_text, '')), 'C')
"""
WORDS_OF_LIVE_STORIES = """
INSERT INTO articles_searchword (word, stories)
SELECT w.word, count(DISTINCT s.id) FROM articles_publishedarticle s,
    LATERAL regexp_split_to_table(
        lower(replace(concat_ws(' ', s.headline, s.dek,
            (SELECT string_agg(p->>'name', ' ') FROM jsonb_array_elements(s.byline) p),
            s.body_text), '’', '''')),
        '[^[:alpha:]'']+'
    ) AS t(raw),
    LATERAL regexp_replace(btrim(t.raw, ''''), '''s$', '') AS w(word)
WHERE s.status = 'live' AND s.published_at <= now() AND length(w.word) BETWEEN 3 AND 30
GROUP BY w.word
ON CONFLICT (word) DO NOTHING
"""


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0029_published_provenance'),
    ]

    operations = [
        migrations.CreateModel(
            name='SearchWord',
            fields=[
                ('word', models.CharField(max_length=40, primary_key=True, serialize=False)),
                ('stories', models.PositiveIntegerField(default=1, help_text='Live stories that use it.')),
            ],
            options={
                'verbose_name': 'search word',
                'indexes': [django.contrib.postgres.indexes.GistIndex(fields=['word'], name='search_word_trigrams', opclasses=['gist_trgm_ops'])],
            },
        ),
        migrations.RunSQL(VECTORS_WITH_BYLINES, VECTORS_WITHOUT_BYLINES),
        migrations.RunSQL(WORDS_OF_LIVE_STORIES, migrations.RunSQL.noop),
    ]
