"""Front pages of the reader site: an edition's home and its section fronts (curated by the editors'
layouts, ``fronts.composition``), and their staff preview (docs/FRONTS.md).

A front's page carries the keys of its layouts (``keys.front``), of the sections it shows and of every
story on it: a slot filled, a story withdrawn or published, a section renamed retire it at once. A
layout scheduled for later bounds how long the page is kept (``keys.changes_at``): it goes live by
itself at its time, with no write to mark the moment.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from fronts.composition import front_compose, in_section
from fronts.models import FrontLayout, Section
from public.furniture import section_name
from public import caching, fragments, furniture, keys, seo
from public.most_read import most_read_block
from public.caching import private_response, public_page
from public.templatetags.public import cards_grouped
from public.views import edition, feed_urls, page_asked, paginate, public_articles


def _front_context(request, *, language: str, section=None, layout=None, upcoming=None) -> dict:
    """What a front's page shows: the front on page 1 (more stories below), the list on the others."""
    articles = public_articles() if section is None else in_section(public_articles(), section)
    page = paginate(request, articles)
    front = None
    if page.number == 1:
        front = front_compose(language=language, newest=page.object_list, section=section, layout=layout,
                              upcoming=upcoming)
        groups = [([front.lead] if front.lead else [], True), (front.top, False), (front.more, False)]
        groups += [(stories, False) for _section, stories in front.blocks]
        lead, top, more, *blocks = cards_grouped(groups)
        front.rendered = {"lead": lead, "top": top, "more": more,
                          "blocks": [(s, html) for (s, _stories), html in zip(front.blocks, blocks, strict=True)]}
        keys.shows_cards(front.articles)
        keys.shows(*(key for s, _stories in front.blocks for key in (keys.section(s.pk), keys.section_list(s.pk))))
        keys.changes_at(front.changes_at)
        front.most_read = most_read_block(language, section)
    return {"page": page, "front": front, "section": section}


def _kept_body(request, *, name: str, shows: tuple[str, ...], template: str, context) -> dict:
    """A front's page below the preview banner (``template`` with ``context()``), kept as a fragment
    (``public.fragments``) under the keys of everything it shows — the front's layouts, its sections,
    its stories, the list's own keys (``shows``) — and bounded by the next layout's time and the next
    embargo; looked up with the edition's menu and banner (one query while all are current). The
    template context of the body, the page number shown and the furniture."""
    language = edition()

    def build() -> dict:
        keys.shows(*shows)
        caching.lists_public_stories()
        shown = context()
        return {"html": render_to_string(template, shown), "number": shown["page"].number}

    body, *edition_parts = fragments.kept([
        (f"front:{language}:{name}:{page_asked(request)}", build),
        *furniture.parts(language),
    ])
    keys.shows(*shows)
    shared = {"body": mark_safe(body["html"]), "page_number": body["number"],  # nosec B308, B703: rendered by the template engine
              "furniture": furniture.resolve(*edition_parts)}
    return shared


@public_page
def home(request):
    language = edition()
    shared = _kept_body(request, name="home", shows=(keys.edition(language), keys.front(language)),
                        template="fronts/home_body.html", context=lambda: _front_context(request, language=language))
    return render(request, "fronts/home.html", shared)


@public_page
def section_front(request, slug):
    section = Section.objects.filter(slug=slug).first()
    if section is None:
        raise Http404("No such section.")
    language = edition()
    name = section_name(section, language)
    crumbs = [(gettext("Home"), reverse("home")), (name, section.get_absolute_url())]
    context = {
        "section": section,
        "section_title": name,
        "breadcrumbs": crumbs,
        "structured_data": seo.json_ld(seo.breadcrumb_list(crumbs)),
        **feed_urls("section", section.slug),
    }
    shared = _kept_body(
        request, name=f"section:{section.pk}",
        shows=(keys.section(section.pk), keys.section_list(section.pk), keys.front(language, section.pk)),
        template="fronts/section_body.html",
        context=lambda: context | _front_context(request, language=language, section=section),
    )
    return render(request, "fronts/section_front.html", context | shared)


def front_preview(request, pk):
    """A layout as its front will show it, for staff (``newsroom.urls`` wraps it in the admin's
    login): never kept, never indexed; the stories are the published ones of now."""
    layout = get_object_or_404(FrontLayout.objects.select_related("section"), pk=pk)
    with translation.override(layout.language):
        context = _front_context(request, language=layout.language, section=layout.section, layout=layout)
        context["preview_layout"] = layout
        if layout.section is not None:
            name = section_name(layout.section, layout.language)
            context |= {"section_title": name, **feed_urls("section", layout.section.slug)}
            template = "fronts/section_front.html"
        else:
            template = "fronts/home.html"
        response = render(request, template, context)
    return private_response(response)
