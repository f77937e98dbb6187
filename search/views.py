"""The site search at /zoeken/: first the highlights the apps register (:mod:`search.site`: the
kaart's services), then the registered sources (the hulpmiddelen), then the pages, with
promotions and query statistics."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.template.response import TemplateResponse
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Page

from .engine import run_search
from .site import highlights as registered_highlights
from .site import sources as registered_sources

PAGE_SIZE = 10
MAX_QUERY_LENGTH = 200


class ChainedResults:
    """Several lazy search results read as one list, each after the other.

    Only counts and slices, which is all a paginator asks; each part is counted once and only
    the slice that a page needs is fetched from it.
    """

    def __init__(self, *parts):
        self.parts = parts
        self._counts = None

    def _part_counts(self):
        if self._counts is None:
            self._counts = [part.count() for part in self.parts]
        return self._counts

    def count(self):
        return sum(self._part_counts())

    def __len__(self):
        return self.count()

    def __getitem__(self, key):
        if not isinstance(key, slice):
            items = self[key : key + 1]
            if not items:
                raise IndexError(key)
            return items[0]
        start = key.start or 0
        stop = self.count() if key.stop is None else key.stop
        items = []
        offset = 0
        for part, size in zip(self.parts, self._part_counts(), strict=True):
            low, high = max(start - offset, 0), min(stop - offset, size)
            if low < high:
                items.extend(part[low:high])
            offset += size
        return items


def _describe(result, request, sources):
    """Give a page or a registered item the address, kind and summary the result list shows."""
    for source in sources:
        if isinstance(result, source.model):
            source.describe(result, request)
            return result
    result.result_url = result.get_url(request)
    result.result_kind = result.specific_class.get_verbose_name()
    result.result_summary = result.search_description or getattr(result, "intro", "")
    return result


def search(request):
    query_string = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    page_number = request.GET.get("page", 1)
    context = {
        "search_query": query_string,
        "search_params": {"q": query_string},
        "results": None,
        "degraded": False,
        "highlights": [],
    }

    if query_string:
        query = Query.get(query_string)
        query.add_hit()
        context["promotions"] = query.editors_picks.select_related("page").all()

        sources = registered_sources()
        # The highlights belong to the first page of results only.
        for highlight in registered_highlights() if str(page_number) == "1" else []:
            antwoord = highlight.answer(query_string, request)
            if antwoord is not None:
                context["highlights"].append(
                    {
                        "template": highlight.template,
                        "stylesheet": highlight.stylesheet,
                        "antwoord": antwoord,
                    }
                )

        def do_search(backend):
            results = ChainedResults(
                *(backend.search(query_string, source.queryset()) for source in sources),
                backend.search(query_string, Page.objects.live().public().specific()),
            )
            paginator = Paginator(results, PAGE_SIZE)
            try:
                page = paginator.page(page_number)
            except PageNotAnInteger:
                page = paginator.page(1)
            except EmptyPage:
                page = paginator.page(paginator.num_pages)
            page.object_list = [_describe(result, request, sources) for result in page.object_list]
            return page

        outcome = run_search(do_search)
        context["results"] = outcome.value
        context["degraded"] = outcome.degraded

    return TemplateResponse(request, "search/search.html", context)
