"""Changes to fronts that more than one caller makes: the log of a layout's changes (docs/FRONTS.md).

Sections, menus, layouts and banners are saved by the admin's forms (each validated by its model's
``clean``); the surrogate keys of the pages that show them move by ``public.invalidation``, whoever
writes them.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext

from fronts.models import FrontChange, FrontLayout, Slot


def layout_summary(layout: FrontLayout) -> str:
    """What a layout holds, one line a place: for the log, in the editor's language."""
    lines = []
    for slot in layout.slots.select_related("article").order_by("area", "position", "pk"):
        marked = " *" if slot.other_language else ""
        lines.append(f"{Slot.Area(slot.area).label} {slot.position}: {slot.article.headline} "
                     f"[{slot.article.language}, #{slot.article_id}]{marked}")
    for block in layout.blocks.select_related("section").order_by("position", "pk"):
        lines.append(gettext("Section block %(position)s: %(section)s") % {"position": block.position,
                                                                          "section": block.section})
    return "\n".join(lines)


def front_name(layout: FrontLayout) -> str:
    return str(layout.section) if layout.section_id else gettext("home")


@transaction.atomic
def layout_log(*, layout: FrontLayout, user, action: str) -> FrontChange:
    """Write down a change of ``layout`` (``action``: "added", "changed", "deleted") with what it holds."""
    return FrontChange.objects.create(
        layout=None if action == "deleted" else layout,
        language=layout.language,
        front=front_name(layout),
        user=user,
        action=action,
        summary=f"{timezone_label(layout)}\n{layout_summary(layout)}".strip(),
    )


def timezone_label(layout: FrontLayout) -> str:
    return gettext("Live from %(time)s") % {"time": layout.live_from.isoformat(timespec="minutes")}
