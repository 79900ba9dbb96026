"""Public views (a first cut; the public-site work fills these out)."""

from django.shortcuts import render

from . import public


def home(request):
    return render(
        request, "articles/list.html", {"title": "Latest", "stories": public.visible_stories()[:20]}
    )


def section_page(request, slug):
    stories = public.visible_stories().filter(section_slug=slug)[:20]
    return render(request, "articles/list.html", {"title": slug, "stories": stories})


def author_page(request, slug):
    stories = public.visible_stories().filter(author_slugs__contains=[slug])[:20]
    return render(request, "articles/list.html", {"title": slug, "stories": stories})


def tag_page(request, slug):
    stories = public.visible_stories().filter(tag_slugs__contains=[slug])[:20]
    return render(request, "articles/list.html", {"title": slug, "stories": stories})


def story(request, section, year, month, day, slug):
    snapshot = public.story_by_path(request.path)
    return render(request, "articles/story.html", {"story": snapshot})
