"""A heartbeat racing another person's heartbeat that clears expired rows, on two real database
connections: the page must get its answer, never a server error (seen under load in Chromium:
"the server answered 500" in the "who else has it open" box)."""

import threading
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.utils import timezone

from articles.collaboration import presence
from articles.models import StoryPresence


def other_connection():
    """A second connection to the test database, in a transaction, as another request's."""
    other = connections.create_connection("default")
    other.set_autocommit(False)
    return other


@pytest.mark.django_db(transaction=True)
def test_a_heartbeat_survives_its_row_being_cleared_by_someone_else_meanwhile(story, editor):
    now = timezone.now()
    # Edna's row is at the edge of expiry: not expired by her clock, expired by the other's.
    row = StoryPresence.objects.create(
        article=story, user=editor, opened_at=now - timedelta(minutes=5), last_seen=now
    )
    row.last_seen = now - presence.EXPIRES_AFTER + timedelta(milliseconds=50)
    row.save(update_fields=["last_seen"])
    answer = {}

    def edna_beats():
        try:
            answer["presence"] = presence.heartbeat(editor, story, now=now)
        except Exception as error:  # the view would answer 500
            answer["error"] = error
        finally:
            connection.close()

    other = other_connection()
    try:
        # Another person's heartbeat, a moment later, clears expired rows: Edna's among them.
        with other.cursor() as cursor:
            cursor.execute("DELETE FROM articles_storypresence WHERE id = %s", [row.pk])
        beat = threading.Thread(target=edna_beats)
        beat.start()
        beat.join(timeout=1.0)  # Edna's heartbeat reaches her row and waits for that delete
        other.commit()
    finally:
        other.close()
    beat.join(timeout=30)

    assert "error" not in answer, answer.get("error")
    mine = StoryPresence.objects.get(article=story, user=editor)
    assert mine.last_seen == now
    assert answer["presence"].pk == mine.pk
