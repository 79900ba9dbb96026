"""The story editor's Embed… dialog asks here whether an address may be embedded.

POST `address`, `title`, `caption`, `credit`: the answer is the figure to put in the body
(`articles.embeds.providers`), or a sentence saying what is wrong and which field it is about, with
status 400. The dialog keeps what was typed either way. The body field checks the figure
again when the story is saved: this only saves the writer a round trip.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed, JsonResponse

from articles.embeds import providers as embeds


def embed_check_view(model_admin, request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not model_admin.has_change_permission(request):
        raise PermissionDenied
    field = "address"
    try:
        embed = embeds.read_address(request.POST.get("address", ""))
        words = {}
        for field, required in (("title", False), ("caption", True), ("credit", True)):
            words[field] = embeds.clean_words(
                request.POST.get(field, ""), field=field, required=required
            )
    except ValidationError as refused:
        return JsonResponse(
            {"error": " ".join(refused.messages), "code": refused.code, "field": field},
            status=400,
        )
    embed = embeds.Embed(provider=embed.provider, id=embed.id, **words)
    return JsonResponse(
        {
            "figure": embeds.figure_html(embed),
            "attrs": {"provider": embed.provider.key, "id": embed.id, **words},
            "provider": embed.provider.name,
            "kind": embed.provider.kind,
        }
    )
