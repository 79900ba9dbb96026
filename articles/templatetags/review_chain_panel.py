"""The story page's review chain panel (templates/admin/articles/article/review_chain_panel.html):
each step of the story's section chain with where it stands, the buttons of the steps the
person may decide on, and the sign-off links editors have sent (who each was mailed to, how
often it was opened, a Revoke button; never the link's address, which only its addressee
gets by mail)."""

from django import template

from articles.review import chains as review_chains
from articles.review import links as sign_off_links
from articles.review import permissions as review_permissions
from articles.workflow import permissions

register = template.Library()


@register.simple_tag(takes_context=True)
def review_chain_for(context, article):
    """{"steps": [...], "can_send": bool, "signable": bool} for `article` and the user; an
    empty "steps" for a story whose section has no chain."""
    request = context.get("request")
    user = getattr(request, "user", None)
    steps = review_chains.chain_for(article)
    if not steps:
        return {"steps": []}
    states = review_chains.chain_state(article, steps)
    mine = review_permissions.my_steps(user, states)
    links = sign_off_links.open_links(article)
    can_send = review_permissions.can_send_link(user, article)
    rows = []
    for state in states:
        rows.append(
            {
                "state": state,
                "who": review_chains.who_signs(state.step),
                "mine": state.step.pk in mine and not permissions.is_owner(user, article),
                "links": links.get(state.step.pk, []) if can_send else [],
                "addresses": review_permissions.link_addresses(user, article, state.step)
                if can_send
                else [],
            }
        )
    return {
        "steps": rows,
        "can_send": can_send,
        "signable": article.state in review_chains.SIGNABLE_STATES,
        "refusal": review_chains.publish_refusal(article, states),
    }
