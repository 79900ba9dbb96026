"""No admin list answers a question about confidential data for staff without the permission.

Django's admin keeps confidential fields out of forms, but a list still accepts filters on a
model's own fields and one-step relations (`?confidential__isnull=False`), and "1 result"
against "0 results" spells out a secret one letter at a time. This middleware sees every
admin view of a model before it runs (Django marks those views with `model_admin`) and checks
each query parameter that is a lookup path, the list's search fields when there is a search,
and the columns asked for in an ordering. If one reaches a confidential model
(`sources.confidential.lookup_reveals_confidential`) and the user lacks the permission, the
request is refused with 400 before any query runs, so neither the answer nor its timing
depends on the secret, and the attempt is logged. Permitted staff pass, and their lookup is
logged as an access.
"""

from django.contrib.admin.exceptions import DisallowedModelAdminLookup
from django.contrib.admin.views.main import (
    ERROR_FLAG,
    IGNORED_PARAMS,
    ORDER_VAR,
    PAGE_VAR,
    SEARCH_VAR,
)

from sources import confidential
from sources.permissions import can_view_confidential

NOT_LOOKUPS = {*IGNORED_PARAMS, PAGE_VAR, ERROR_FLAG, "_changelist_filters"}


def _ordering_paths(model_admin, request, value: str) -> list[str]:
    """The field paths behind `?o=2.-1`: columns of the list, by index."""
    columns = list(model_admin.get_list_display(request))
    paths = []
    for part in value.split("."):
        try:
            column = columns[int(part.lstrip("-"))]
        except (ValueError, IndexError):
            continue
        if isinstance(column, str):
            attr = getattr(model_admin, column, None) or getattr(model_admin.model, column, None)
            paths.append(getattr(attr, "admin_order_field", None) or column)
        else:
            paths.append(getattr(column, "admin_order_field", None) or "")
    return [str(path).lstrip("-") for path in paths if path and isinstance(path, str)]


def confidential_lookups(model_admin, request) -> list[str]:
    """The parts of this admin request that would query confidential data."""
    model = model_admin.model
    revealing = [
        key
        for key in request.GET
        if key not in NOT_LOOKUPS and confidential.lookup_reveals_confidential(model, key)
    ]
    if request.GET.get(SEARCH_VAR):
        revealing += [
            f"search on {path}"
            for path in model_admin.get_search_fields(request)
            if confidential.lookup_reveals_confidential(model, path.lstrip("^=@"))
        ]
    if request.GET.get(ORDER_VAR):
        revealing += [
            f"ordering by {path}"
            for path in _ordering_paths(model_admin, request, request.GET[ORDER_VAR])
            if confidential.lookup_reveals_confidential(model, path)
        ]
    return revealing


class ConfidentialLookupGuard:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        model_admin = getattr(view_func, "model_admin", None)
        user = getattr(request, "user", None)
        if model_admin is None or not request.GET or not (user and user.is_authenticated):
            return None  # anonymous visitors get the admin's login page, which answers nothing
        revealing = confidential_lookups(model_admin, request)
        if not revealing:
            return None
        where = f"admin list of {model_admin.model._meta.label}: {', '.join(revealing)}"
        if can_view_confidential(user):
            confidential.log_access(user=user, context=where)
            return None
        confidential.log_access(user=user, context=where, refused=True)
        raise DisallowedModelAdminLookup(
            f"Filtering, searching or sorting by {', '.join(revealing)} needs the "
            "confidential-source permission."
        )
