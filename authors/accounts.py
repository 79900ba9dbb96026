"""Every staff account has its author, however the account was made.

The user admin, `createsuperuser`, a management command and the shell all save a user; the
receiver here asks `authors.bylines.ensure_author` once the save is committed, so a new hire
writes under their own byline whatever made the account. The rule (who gets an author, how it
is named or linked) stays in `bylines`; this module only announces the save to it.
"""

from django.db import transaction

from authors import bylines

# Saves that cannot change whether or how an account is bylined: a login stamps last_login.
_IRRELEVANT_FIELDS = frozenset({"last_login", "password"})


def give_staff_account_its_author(sender, instance, created, raw=False, update_fields=None, **_):
    """post_save of the user model: after the commit, the staff account's author is made or
    linked (nothing for a non-staff account). After the commit, so a loader that links an
    existing author in the same transaction is not given a second one."""
    if raw or (update_fields and set(update_fields) <= _IRRELEVANT_FIELDS):
        return
    if not (instance.is_staff and instance.is_active):
        return
    transaction.on_commit(lambda: bylines.ensure_author(instance))
