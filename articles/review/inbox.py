"""What waits for a signer: the steps they (or a group of theirs) may sign, on the stories
that need them now. Read by the signer's own page (`articles.admin.sign_offs`), which a
Legal member without a newsroom role lands on after logging in.

A section chain's step waits on the section's stories in review (a draft is still being
written); a story's own step waits from the moment an editor asks for it. At most
`LIMIT` stories are read, however many there are, oldest request first.
"""

from dataclasses import dataclass

from django.db.models import Q

from articles.models import Article, ArticleState, ReviewStep
from articles.review import chains as review_chains
from articles.review import permissions as review_permissions
from articles.workflow import permissions

LIMIT = 100


@dataclass
class Waiting:
    """One step of one story that `user` may decide, and where it stands."""

    article: Article
    state: review_chains.StepState
    blocked_by: review_chains.StepState | None  # an earlier step of the section's chain

    @property
    def step(self) -> ReviewStep:
        return self.state.step


def signable_steps(user):
    """The steps `user` may sign: theirs, or their groups' (a story's own not removed)."""
    if not (user and user.is_authenticated and user.is_active and user.is_staff):
        return ReviewStep.objects.none()
    mine = Q(user=user) | Q(group__in=user.groups.all())
    return ReviewStep.objects.filter(mine, removed_at__isnull=True)


def waiting_for(user) -> list[Waiting]:
    """The steps waiting for `user`'s decision (not signed: waiting, reopened or rejected),
    never on a story they report or a step they asked for."""
    steps = signable_steps(user)
    stories = (
        Article.objects.filter(
            Q(
                section__review_steps__in=steps.filter(section__isnull=False),
                state=ArticleState.IN_REVIEW,
            )
            | Q(
                own_review_steps__in=steps.filter(article__isnull=False),
                state__in=review_chains.SIGNABLE_STATES,
            )
        )
        .distinct()
        .select_related("section")
        .order_by("submitted_at", "pk")[:LIMIT]
    )
    found = []
    for article in stories:
        if permissions.is_owner(user, article):
            continue
        states = review_chains.chain_state(article)
        for state in states:
            step = state.step
            if state.status == "signed" or not review_permissions.may_sign_step(user, step):
                continue
            if step.added_by_id == user.pk:
                continue
            found.append(Waiting(article, state, review_chains.waiting_before(states, step)))
    return found
