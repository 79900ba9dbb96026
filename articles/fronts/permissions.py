"""Who may see and who may change fronts (read by the curation services and the admin).

Editors hold "edit front" (the Editors group gets every permission of the stories app);
reporters hold "view front" and see the editor read-only. The predicates read permissions,
never group names.
"""

EDIT = "articles.edit_front"
VIEW = "articles.view_front"


def _staff(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.is_staff)


def can_edit_fronts(user) -> bool:
    """Fill, pin, reorder and empty slots, change rules, publish, schedule, roll back."""
    return _staff(user) and user.has_perm(EDIT)


def can_view_fronts(user) -> bool:
    return _staff(user) and (user.has_perm(VIEW) or user.has_perm(EDIT))
