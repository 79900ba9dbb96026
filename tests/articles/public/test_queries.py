"""Every public page costs a fixed number of SQL queries, whatever the amount of content.

Counted with a cold page cache (tests/articles/public/conftest.py clears it), so these are the
costs of actually rendering a page; a cached page costs none.
"""

import pytest

pytestmark = pytest.mark.django_db

CORRECTIONS = [
    {
        "kind": "correction",
        "label": "Correction",
        "text": f"Fix {n}.",
        "at": "2025-01-01T12:00:00+00:00",
    }
    for n in range(5)
]
SOURCING = {
    "named": [{"name": f"Person {n}", "descriptor": "resident"} for n in range(8)],
    "outlets": [{"name": "The Daily", "reported_on": ""}],
    "anonymous": [{"descriptor": "officials", "reason": "not authorized", "count": 2}],
    "anonymous_count": 2,
    "declined": ["The agency"],
    "no_response": [],
}


@pytest.fixture
def busy_site(make_story):
    tags = tuple((f"Topic {n}", f"topic-{n}") for n in range(10))
    stories = [
        make_story(
            f"Story {n}",
            authors=("mara", "teo"),
            tags=tags,
            corrections=CORRECTIONS,
            sourcing=SOURCING,
            section="city" if n % 2 else "science",
        )
        for n in range(30)
    ]
    return stories


@pytest.mark.parametrize(
    ("rendered_at_publish", "queries"),
    [
        (True, 2),  # snapshot with its related stories, menu + next go-live
        (False, 3),  # and the columns the article markup needs, read only for old snapshots
    ],
)
def test_story_page_has_a_fixed_query_count(
    client, make_story, busy_site, django_assert_num_queries, rendered_at_publish, queries, settings
):
    settings.PUBLIC_STORED_PAGES = False  # rendered (the stored page: test_stored_pages.py)
    story = make_story(
        "The story with everything",
        authors=("mara", "teo"),
        tags=tuple((f"Topic {n}", f"topic-{n}") for n in range(10)),
        corrections=CORRECTIONS,
        sourcing=SOURCING,
        render=rendered_at_publish,
    )
    with django_assert_num_queries(queries):
        response = client.get(story.url_path)
    html = response.content.decode()
    assert response.status_code == 200 and "Related stories" in html
    assert "Fix 4." in html and "Person 7" in html  # corrections and sourcing, either way


def test_story_page_costs_the_same_with_one_author_or_many(
    client, make_story, django_assert_num_queries, settings
):
    settings.PUBLIC_STORED_PAGES = False
    small = make_story("Small story", authors=("mara",), tags=())
    big = make_story(
        "Big story", authors=("mara", "teo"), tags=(("A", "a"), ("B", "b")), corrections=CORRECTIONS
    )
    with django_assert_num_queries(2):  # snapshot with its related stories, menu + next go-live
        client.get(small.url_path)
    with django_assert_num_queries(1):  # the menu is cached now
        client.get(big.url_path)


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        ("/", 3),  # menu + next go-live, the front's version, every story on it (one UNION)
        ("/?page=2", 2),  # page (no count), menu
        ("/city/", 3),  # menu + next go-live (the section's name from it), version, stories
        ("/city/?page=2", 3),  # section, page (no count), menu
        ("/authors/mara-okonkwo/", 3),  # author, page (no count), menu
        ("/tags/topic-3/", 2),  # page (no count), menu
        # savepoint (PostgreSQL may refuse a query), the page's ranked ids, release; the
        # same around its cards with their snippets (by id), menu. (A reader's request takes
        # no savepoints; a results page kept as bytes costs the search alone:
        # test_stored_searches.)
        ("/search/?q=story", 7),
        ("/feeds/rss/", 2),  # stories, next go-live
        ("/api/stories/", 3),  # count, page, next go-live
    ],
)
def test_list_pages_have_fixed_query_counts(
    client, busy_site, django_assert_num_queries, settings, url, queries
):
    settings.PUBLIC_STORED_PAGES = False  # fronts rendered (stored: fronts/test_stored_fronts)
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200


def test_cached_page_costs_no_query(client, busy_site, django_assert_num_queries):
    client.get(busy_site[0].url_path)
    with django_assert_num_queries(0):
        assert client.get(busy_site[0].url_path).status_code == 200


def test_a_deep_list_page_costs_what_the_first_costs(client, busy_site, django_assert_num_queries):
    """Older pages are read by keyset (?before=), however deep: no count, no OFFSET."""
    from articles.public.queries import cursor_of

    oldest_but_one = sorted(busy_site, key=lambda s: s.published_at)[1]
    client.get("/city/")  # the menu is cached now
    with django_assert_num_queries(2):  # section, page
        response = client.get(f"/city/?before={cursor_of(oldest_but_one)}")
    assert response.status_code == 200
