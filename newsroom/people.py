"""How the newsroom names a person on its pages, in its mail and in its records."""


def display_name(user, default: str = "") -> str:
    """`user`'s full name, else their username; `default` when there is no user (a story
    whose author was deleted, an anonymous visitor)."""
    if user is None:
        return default
    return user.get_full_name() or user.get_username()
