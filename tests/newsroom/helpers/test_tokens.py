"""newsroom.tokens: a link's token signed with its salt, and nothing else accepted."""

import pytest
from django.core import signing

from newsroom import tokens


def test_a_signed_token_comes_back():
    token = tokens.new_token()
    assert tokens.unsign(tokens.sign(token, salt="a"), salt="a") == token


def test_new_tokens_are_long_and_different():
    made = {tokens.new_token() for _ in range(50)}
    assert len(made) == 50
    assert all(len(token) >= 43 for token in made)


def test_another_kind_of_link_is_refused():
    signed = tokens.sign(tokens.new_token(), salt="share")
    assert tokens.unsign(signed, salt="sign-off") is None


def test_links_signed_before_the_helper_still_open():
    # What articles.workflow.preview and articles.review.chains handed out until now.
    old = signing.Signer(salt="articles.workflow.preview-link").sign("kept-token")
    assert tokens.unsign(old, salt="articles.workflow.preview-link") == "kept-token"


@pytest.mark.parametrize(
    "signed",
    ["", "abc", "abc:def", "١٢٣:١٢٣", "x" * 100_000, None, 12, b"abc:def"],
)
def test_anything_else_is_none(signed):
    assert tokens.unsign(signed, salt="share") is None


def test_a_tampered_token_is_refused():
    signed = tokens.sign("token", salt="share")
    assert tokens.unsign("other" + signed[5:], salt="share") is None
