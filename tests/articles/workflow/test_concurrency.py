"""Two editors publishing the same story at the same moment, on two real database connections."""

import threading

import pytest
from django.db import connection

from articles import workflow
from articles.models import Article, PublishedArticle, WorkflowEvent


@pytest.mark.django_db(transaction=True)
def test_two_editors_publish_at_once_one_wins_the_other_is_told(story_in, editor, second_editor):
    article = story_in("in_review")
    barrier = threading.Barrier(2)
    results = {}

    def publish_as(user):
        try:
            # Each thread has its own connection; both read the story as "in review".
            copy = Article.objects.get(pk=article.pk)
            barrier.wait(timeout=10)
            workflow.publish(user, copy)
            results[user.username] = "published"
        except workflow.WorkflowError as error:
            results[user.username] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=publish_as, args=(u,)) for u in (editor, second_editor)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    outcomes = sorted(results.values(), key=lambda r: isinstance(r, Exception))
    assert outcomes[0] == "published"
    error = outcomes[1]
    assert isinstance(error, workflow.TransitionNotAllowed)
    assert "published" in str(error) and "Cannot publish" in str(error)
    assert PublishedArticle.objects.filter(article=article).count() == 1
    assert WorkflowEvent.objects.filter(article=article, action="publish").count() == 1
