"""The demo's curated home front: the storm in the lead, pinned, and three picks in the top
stories; every other slot fills itself. Published once, by the demo editor, through the same
service editors use (`articles.fronts.curation`)."""

from articles.fronts import curation
from articles.fronts.layout import LEAD, TOP
from articles.fronts.resolve import HOME
from articles.models import Front, PublishedArticle

LEAD_STORY = "noreaster-knocks-out-power-floods-downtown"
TOP_STORIES = [
    "council-approves-pier-9-rezoning",
    "analysis-state-budget-fight-port-channel",
    "gulls-beat-rivermen-overtime",
]


def load_home_front(*, editor) -> str:
    """Curate and publish the home front unless it has been published before."""
    curation.ensure_fronts()
    home = Front.objects.get(slug=HOME)
    if home.versions.exists():
        return "Home front: already curated."
    ids = dict(
        PublishedArticle.objects.filter(
            article__slug__in=[LEAD_STORY, *TOP_STORIES], status="live"
        ).values_list("article__slug", "article_id")
    )
    if LEAD_STORY in ids:
        curation.change_slot(editor, home, action="fill", zone=LEAD, index=0, story=ids[LEAD_STORY])
        curation.change_slot(editor, home, action="pin", zone=LEAD, index=0)
    for index, slug in enumerate(slug for slug in TOP_STORIES if slug in ids):
        curation.change_slot(editor, home, action="fill", zone=TOP, index=index, story=ids[slug])
    curation.publish_front(editor, home, note="The demo's front")
    return "Home front: curated and published."
