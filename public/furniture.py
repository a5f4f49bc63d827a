"""On every page of an edition: the navigation menu the editors order and the breaking news banner
(``fronts``), read as two kept fragments (docs/FRONTS.md)."""

from __future__ import annotations

from django.conf import settings
from django.db import DatabaseError
from django.urls import reverse
from django.utils import timezone, translation

from fronts.models import BreakingNews, MenuItem
from newsroom.translated import localized
from public import fragments, keys


def section_name(section, language: str) -> str:
    return localized(section, "name", language)[0]


def _menu(language: str) -> list[dict]:
    items = MenuItem.objects.filter(language=language).select_related("section").order_by("position", "pk")
    keys.shows(keys.menu(language), *(keys.section(item.section_id) for item in items))
    with translation.override(language):
        return [{"name": section_name(item.section, language), "url": item.section.get_absolute_url(),
                 "slug": item.section.slug} for item in items]


def _breaking(language: str) -> dict:
    """The banner shown now (or None) and when the next one starts."""
    keys.shows(keys.breaking(language))
    now = timezone.now()
    current = BreakingNews.objects.current(language).first()
    upcoming = (BreakingNews.objects.filter(language=language, starts_at__gt=now).order_by("starts_at")
                .values_list("starts_at", flat=True).first())
    banner = None
    if current is not None:
        banner = {"headline": current.headline, "link": current.link, "ends_at": current.ends_at}
    return {"banner": banner, "next_start": upcoming}


def parts(language: str) -> list:
    """The menu and the banner of edition ``language`` as kept fragments (``public.fragments``): a
    page that looks up parts of its own adds these to the same look-up (one query for all)."""
    return [(f"menu:{language}", lambda: _menu(language)), (f"breaking:{language}", lambda: _breaking(language))]


def resolve(menu: list, breaking: dict) -> dict:
    """What the page shows of the kept menu and banner now: the banner until its end. The page is
    kept no longer than the banner lasts, or than the next one waits to start."""
    banner = breaking["banner"]
    now = timezone.now()
    if banner is not None and banner["ends_at"] <= now:
        banner = None
    keys.changes_at(banner["ends_at"] if banner else None)
    if breaking["next_start"] is not None and breaking["next_start"] > now:
        keys.changes_at(breaking["next_start"])
    return {"menu": menu, "breaking": banner, "home_url": reverse("home"), "site_url": settings.SITE_URL}


def edition_furniture(language: str) -> dict:
    """The menu and the banner of edition ``language``: two kept fragments, looked up together (one
    query while they are current); none when the database cannot answer (an error page)."""
    try:
        menu, breaking = fragments.kept(parts(language))
    except DatabaseError:
        return {"menu": [], "breaking": None}
    return resolve(menu, breaking)
