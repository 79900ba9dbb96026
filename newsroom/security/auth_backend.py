"""Django's model backend, with the request's user read in one query.

Every admin request asks who the user is, what they may do (two queries in Django's
ModelBackend: the user's own permissions, then their groups') and whether they have a
confirmed authenticator (`newsroom.security.two_factor.next_step`, one more), or, once a code
was entered, loads the session's device (django-otp's middleware, one more). Here the user
row comes with all of it: its permission names and the ids of its confirmed devices ride
along as subqueries, the permission caches Django's backend would fill on the first
`has_perm` are filled from them, and `newsroom.security.otp_session` checks the session's
device against the ids. The answers are Django's own (same names, same caches on
the user object, so for one request only); a user loaded any other way is asked as before.
"""

import functools

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.contrib.postgres.expressions import ArraySubquery
from django.db import router
from django.db.models import OuterRef, Value
from django.db.models.functions import Concat
from django_otp.plugins.otp_totp.models import TOTPDevice

# Stands for the user's id while the query is compiled (no user has a negative id).
_ANY_ID = -7_310_593


def _permission_names(**path_to_user):
    """The names ("app_label.codename") of permissions reached from the outer user by
    `path_to_user`, as ModelBackend spells them."""
    return ArraySubquery(
        Permission.objects.filter(**path_to_user)
        .order_by()
        .values(full_name=Concat("content_type__app_label", Value("."), "codename"))
    )


@functools.cache
def _user_query(alias: str) -> tuple[str, tuple]:
    """The SQL and parameters of the query, compiled once per process: building and compiling
    the subqueries took longer than running them."""
    user_model = get_user_model()
    groups_path = f"group__{user_model._meta.get_field('groups').related_query_name()}"
    queryset = user_model._default_manager.annotate(
        _own_permission_names=_permission_names(user=OuterRef("pk")),
        _group_permission_names=_permission_names(**{groups_path: OuterRef("pk")}),
        confirmed_device_ids=ArraySubquery(
            TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
            .order_by("pk")
            .values("pk")
        ),
    ).filter(pk=_ANY_ID)
    sql, params = queryset.query.get_compiler(alias).as_sql()
    assert params.count(_ANY_ID) == 1, params
    return sql, params


class OneQueryModelBackend(ModelBackend):
    """ModelBackend whose `get_user` (the session's user, on every request) also reads the
    user's permissions and the ids of their confirmed authenticators."""

    def get_user(self, user_id):
        user_model = get_user_model()
        alias = router.db_for_read(user_model)
        sql, params = _user_query(alias)
        params = tuple(user_id if param == _ANY_ID else param for param in params)
        user = next(iter(user_model._default_manager.raw(sql, params, using=alias)), None)
        if user is None or not self.user_can_authenticate(user):
            return None
        user.has_confirmed_device = bool(user.confirmed_device_ids)
        if not user.is_superuser:  # a superuser's permissions are all of them: never listed
            user._user_perm_cache = set(user._own_permission_names)
            user._group_perm_cache = set(user._group_permission_names)
        return user
