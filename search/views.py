"""The site search at /zoeken/: pages and hulpmiddelen, with promotions and query statistics."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.template.response import TemplateResponse
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Page

from .engine import run_search

PAGE_SIZE = 10
MAX_QUERY_LENGTH = 200


def search(request):
    query_string = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    page_number = request.GET.get("page", 1)
    context = {"search_query": query_string, "results": None, "degraded": False}

    if query_string:
        query = Query.get(query_string)
        query.add_hit()
        context["promotions"] = query.editors_picks.select_related("page").all()

        def do_search(backend):
            results = backend.search(query_string, Page.objects.live().public().specific())
            paginator = Paginator(results, PAGE_SIZE)
            try:
                page = paginator.page(page_number)
            except PageNotAnInteger:
                page = paginator.page(1)
            except EmptyPage:
                page = paginator.page(paginator.num_pages)
            page.object_list = list(page.object_list)
            return page

        outcome = run_search(do_search)
        context["results"] = outcome.value
        context["degraded"] = outcome.degraded

    return TemplateResponse(request, "search/search.html", context)
