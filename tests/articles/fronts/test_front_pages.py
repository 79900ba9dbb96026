"""The public front pages: a fixed number of queries however many zones, cards that tell the
time, and the first (largest) image of a list loaded at once."""

from datetime import timedelta

import pytest
from django.utils import dateformat, timezone

from articles.fronts import curation
from articles.models import Section

IMAGE = {"url": "/media/r/1-800w.jpg", "width": 800, "height": 533, "alt": "Harbor"}


@pytest.fixture
def busy(make_story, home, editor):
    for n in range(6):
        Section.objects.create(slug=f"extra-{n}", name=f"Extra {n}", position=10 + n)
    stories = [
        make_story(f"Story {n}", section="city" if n % 2 else "science", render=False)
        for n in range(40)
    ]
    curation.ensure_fronts()
    for index, story in enumerate(stories[30:34]):
        curation.change_slot(
            editor, home, action="fill", zone="top", index=index, story=story.article_id
        )
    curation.set_zone_rule(editor, home, zone="latest", section="", tag="budget", kind="")
    curation.publish_front(editor, home)
    return stories


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        ("/", 3),  # menu + next go-live, the front's version, every story on it (one UNION)
        ("/city/", 3),  # the same: the section's name comes with the menu
    ],
)
def test_a_front_costs_the_same_few_queries_whatever_its_zones(
    client, busy, django_assert_num_queries, settings, url, queries
):
    settings.PUBLIC_STORED_PAGES = False  # rendered (stored fronts: test_stored_fronts.py)
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200 and response.content.count(b'class="card') >= 13


def test_a_card_tells_the_time_today_and_the_date_before(client, make_story):
    today = timezone.localtime().replace(hour=12, minute=40, second=0, microsecond=0)
    if today > timezone.localtime():
        today -= timedelta(days=1)
    make_story("Harbor ferry runs late", published_at=today)
    make_story(
        "Old harbor story",
        published_at=timezone.make_aware(timezone.datetime(2025, 3, 4, 9, 5)),
        updated_at=timezone.make_aware(timezone.datetime(2025, 3, 4, 11, 0)),
    )
    html = client.get("/").content.decode()
    day = "" if today.date() == timezone.localdate() else dateformat.format(today, "N j, ")
    assert f">{day}12:40 p.m.</time>" in html  # the date only when it is not today
    assert ">March 4, 2025, 9:05 a.m.</time>" in html
    assert (
        'Updated <time datetime="2025-03-04T11:00:00-05:00">March 4, 2025, 11 a.m.</time>' in html
    )


def test_the_first_card_image_of_an_author_page_is_not_lazy(client, make_story):
    for n in range(3):
        make_story(f"Pictured story {n}", lead_image=IMAGE)
    html = client.get("/authors/mara-okonkwo/").content.decode()
    images = html.split("<img")[1:]
    assert 'fetchpriority="high"' in images[0] and 'loading="lazy"' not in images[0]
    assert all('loading="lazy"' in image for image in images[1:])
