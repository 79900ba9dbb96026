"""The story page's review chain panel (templates/admin/articles/article/review_chain_panel.html):
each step the story needs (its section's chain, then its own steps) with where it stands and
the decision's note (a rejection's reason, an approval's conditions), the buttons of the
steps the person may decide on, the form an editor asks for a sign-off of this story with
(and removes one), and the sign-off links editors have sent (who each was mailed to, how
often it was opened, a Revoke button; never the link's address, which only its addressee
gets by mail)."""

from django import template
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from articles.review import chains as review_chains
from articles.review import links as sign_off_links
from articles.review import permissions as review_permissions
from articles.workflow import permissions

register = template.Library()


def _signer_choices(article) -> dict:
    """The groups (Legal first) and the people an editor may ask to sign this story off."""
    groups = sorted(Group.objects.all(), key=lambda g: (g.name != "Legal", g.name.lower()))
    # The story's reporters never sign it (read once, not a query per person).
    reporters = {
        article.created_by_id,
        *article.author_links.values_list("author__user_id", flat=True),
    }
    people = (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True)
        .exclude(pk__in=reporters - {None})
        .order_by("first_name", "last_name", "username")
    )
    return {"groups": groups, "people": list(people)}


@register.simple_tag(takes_context=True)
def review_chain_for(context, article):
    """{"steps": [...], "can_send": bool, "signable": bool, "can_ask": bool, ...} for
    `article` and the user; "steps" is empty for a story that needs no sign-off."""
    request = context.get("request")
    user = getattr(request, "user", None)
    signable = article.state in review_chains.SIGNABLE_STATES
    can_ask = signable and review_permissions.can_ask_for_sign_off(user, article)
    steps = review_chains.chain_for(article)
    chain = {"steps": [], "signable": signable, "can_ask": can_ask}
    if can_ask:
        chain["choices"] = _signer_choices(article)
    if not steps:
        return chain
    states = review_chains.chain_state(article, steps)
    mine = review_permissions.my_steps(user, states)
    links = sign_off_links.open_links(article)
    can_send = review_permissions.can_send_link(user, article)
    # Notes typed before a refused Sign off from the story form, shown again in their boxes.
    kept_notes = (context.get("workflow_posted") or {}).get("sign_off_notes") or {}
    rows = []
    for state in states:
        step = state.step
        rows.append(
            {
                "state": state,
                "who": review_chains.who_signs(step),
                "mine": step.pk in mine
                and not permissions.is_owner(user, article)
                and step.added_by_id != getattr(user, "pk", None),
                "removable": can_ask and step.article_id is not None,
                "kept_note": kept_notes.get(str(step.pk), ""),
                "links": links.get(step.pk, []) if can_send else [],
                "addresses": review_permissions.link_addresses(user, article, step)
                if can_send
                else [],
            }
        )
    return {
        **chain,
        "steps": rows,
        "can_send": can_send,
        "refusal": review_chains.publish_refusal(article, states),
    }
