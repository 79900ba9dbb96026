"""The read-only JSON API: published stories in ninjs, with the same visibility as the pages.

GET /api/stories/?page=N lists visible stories newest first; GET /api/stories/<id>/ is one
story by its id (the number in its ninjs uri). Taken-down stories answer 410, scheduled and
unknown ones 404.
"""

from django.http import JsonResponse
from django.views.decorators.http import require_safe

from articles.live.ninjs import with_live_entries
from articles.models import PublicStatus
from articles.public import edge
from articles.public import queries as public_queries
from articles.public.page_cache import public_page
from articles.wire.ninjs import snapshot_to_ninjs

API_PAGE_SIZE = 20


def _page_url(request, number: int) -> str:
    return request.build_absolute_uri(f"{request.path}?page={number}")


@require_safe
@public_page
def story_list(request):
    page = public_queries.paginate(
        public_queries.visible_stories().defer("search_vector", "article_html"),
        request.GET.get("page"),
        per_page=API_PAGE_SIZE,
    )
    response = JsonResponse(
        {
            "count": page.paginator.count,
            "page": page.number,
            "pages": page.paginator.num_pages,
            "next": _page_url(request, page.next_page_number()) if page.has_next() else None,
            "previous": _page_url(request, page.previous_page_number())
            if page.has_previous()
            else None,
            "results": [snapshot_to_ninjs(story, request) for story in page.object_list],
        }
    )
    return edge.name_keys(response, [edge.FRONT])


@require_safe
@public_page
def story_detail(request, article_id: int):
    found = public_queries.story_by_id(article_id)
    if found.gone is not None:
        notice = found.gone.notice if found.gone.status == PublicStatus.RETRACTED else ""
        response = JsonResponse(
            {"detail": "This story has been taken down.", "notice": notice}, status=410
        )
        return edge.name_keys(response, edge.keys_of(found.gone))
    if found.story is None:
        return JsonResponse({"detail": "No published story with this id."}, status=404)
    item = with_live_entries(snapshot_to_ninjs(found.story, request), found.story)
    return edge.name_keys(JsonResponse(item), edge.keys_of(found.story))
