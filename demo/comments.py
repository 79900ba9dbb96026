"""The demo's comments on the text: an editor's question on a passage of a reporter's story in
review, with an @mention of the reporter and the reporter's reply, made through
`articles.collaboration.comments` as they would be in the admin. Loading again changes nothing: a story
that has comments is left alone."""

from articles.collaboration import comments
from articles.models import Article, ArticleState

QUESTION = "@{reporter} do we have a second source for this, or should we say who told us?"
ANSWER = "The minutes back it up; I'll add them as a source."


def load_demo_comments(*, reporter, editor) -> int:
    """Comment on the reporter's first story in review (else draft); the threads made."""
    story = (
        Article.objects.filter(created_by=reporter, state=ArticleState.IN_REVIEW).first()
        or Article.objects.filter(created_by=reporter, state=ArticleState.DRAFT).first()
    )
    if story is None or story.comments.exists():
        return 0
    words = comments.body_text(story.body).split(" ")
    if len(words) < 12:
        return 0
    start = len(" ".join(words[:3])) + 1
    passage = " ".join(words[3:11])
    text = comments.body_text(story.body)
    prefix, quote, suffix = comments.context_of(text, start, start + len(passage))
    thread = comments.add_comment(
        editor,
        story,
        text=QUESTION.format(reporter=reporter.get_username()),
        quote=quote,
        prefix=prefix,
        suffix=suffix,
    )
    comments.add_comment(reporter, story, text=ANSWER, parent=thread)
    return 1
