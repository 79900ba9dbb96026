"""Links for people without an account: a random token kept in a row, handed out signed.

A share link (`articles.workflow.preview`) and a sign-off link (`articles.review.chains`) are
the same thing: the row keeps `new_token()`, the address carries `sign(token, salt=...)`, and
`unsign(signed, salt=...)` gives the token back only if the signature holds (then the row
says whether the link is still usable: expiry, revocation, embargo). Each kind of link has
its own salt, so a share link's token is refused as a sign-off link and the other way round.
The signature is Django's `Signer` (HMAC with SECRET_KEY): links handed out before this
module existed keep working.

The planning calendar's feed key is another thing and is not here: it is a secret shown once
and kept only as a hash (`articles.planning.calendar_feed`), so a copy of the database gives no
working feed address.
"""

import secrets

from django.core import signing

TOKEN_BYTES = 32
# A signed token is about 43 + 1 + 27 characters; anything much longer is not one of ours.
MAX_SIGNED_LENGTH = 200


def new_token() -> str:
    """A fresh random token (256 bits, URL-safe) for a link's row."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def sign(token: str, *, salt: str) -> str:
    """The token as the link's address carries it."""
    return signing.Signer(salt=salt).sign(token)


def unsign(signed, *, salt: str) -> str | None:
    """The token `signed` carries, or None (not signed with `salt`, tampered, not text)."""
    if not isinstance(signed, str) or not signed or len(signed) > MAX_SIGNED_LENGTH:
        return None
    try:
        return signing.Signer(salt=salt).unsign(signed)
    except signing.BadSignature:
        return None
