"""The overview of the hulpmiddelen: the seven sections, then every hulpmiddel with filters."""

from django.template.response import TemplateResponse

from .queries import filter_hulpmiddelen, sectie_kaarten


def overzicht(request, index_page):
    resultaat = filter_hulpmiddelen(request.GET)
    context = index_page.get_context(request)
    context.update(
        {
            "secties": sectie_kaarten(index_page, request),
            "resultaat": resultaat,
            "hulpmiddelen": resultaat.page_obj,
        }
    )
    return TemplateResponse(request, "hulpmiddelen/hulpmiddelen_index_page.html", context)
