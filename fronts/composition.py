"""What a front shows: the one rule for filling a home or a section front (docs/FRONTS.md).

A front is filled in this order, and no story appears twice on it:

1. the **lead**: the layout's lead slot, else the newest story;
2. the **top stories** (``TOP_SIZE``): the layout's top slots in order, then the newest stories;
3. a **block per section** (the layout's blocks; on a home without a layout, the edition's menu):
   each section's newest stories not already shown, ``BLOCK_SIZE`` each;
4. **more**: the newest stories not already shown, by date.

A slot shows its story only while the story is published (a withdrawn story leaves its slot on the
next request: the slot is read through ``Article.objects.published()``), and only in the layout's
language unless the slot is marked for another language. The live layout is the newest whose time
has come; the time of the next one is returned so that the page is kept no longer than that.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from articles.models import Article
from articles.queries import article_id_in
from fronts.models import ArticleSection, FrontLayout, MenuItem, Section, Slot

TOP_SIZE = 4
BLOCK_SIZE = 3
MORE_SIZE = 12


@dataclass
class Front:
    """A front, filled: each story appears once."""

    layout: FrontLayout | None
    lead: Article | None = None
    top: list[Article] = field(default_factory=list)
    blocks: list[tuple[Section, list[Article]]] = field(default_factory=list)
    more: list[Article] = field(default_factory=list)
    changes_at: datetime | None = None  # when another layout goes live

    @property
    def articles(self) -> list[Article]:
        shown = ([self.lead] if self.lead else []) + self.top
        for _section, stories in self.blocks:
            shown += stories
        return shown + self.more


def in_section(articles: QuerySet, section) -> QuerySet:
    """``articles`` filed in ``section`` (as primary or other section)."""
    return articles.filter(Exists(ArticleSection.objects.filter(section=section, article=OuterRef("pk"))))


def layout_live(*, language: str, section=None, at: datetime | None = None) -> tuple[FrontLayout | None, datetime | None]:
    """(the layout of the front live at ``at`` (now), the time the next one goes live): two queries."""
    at = at or timezone.now()
    layouts = FrontLayout.objects.filter(language=language, section=section)
    live = layouts.filter(live_from__lte=at).order_by("-live_from", "-pk").first()
    upcoming = layouts.filter(live_from__gt=at).order_by("live_from").values_list("live_from", flat=True).first()
    return live, upcoming


def front_compose(*, language: str, newest: list[Article], section=None, layout: FrontLayout | None = None,
                  upcoming: datetime | None = None, default_blocks: bool = True) -> Front:
    """Fill a front of edition ``language`` (a section's when ``section``) from ``layout`` and the
    ``newest`` stories of the front (newest first, already read). Without ``layout`` the live one is
    used; ``default_blocks``: on a home without a layout, a block per section of the menu."""
    if layout is None:
        layout, upcoming = layout_live(language=language, section=section)
    front = Front(layout=layout, changes_at=upcoming)
    used: set[int] = set()

    def take(article) -> bool:
        if article is None or article.pk in used:
            return False
        used.add(article.pk)
        return True

    slots = _slots(layout) if layout else []
    pool = list(newest)
    for slot in slots:
        if slot.area == Slot.Area.LEAD and front.lead is None and take(slot.article):
            front.lead = slot.article
    if front.lead is None:
        front.lead = next((a for a in pool if take(a)), None)
    for slot in slots:
        if slot.area == Slot.Area.TOP and len(front.top) < TOP_SIZE and take(slot.article):
            front.top.append(slot.article)
    for article in pool:
        if len(front.top) >= TOP_SIZE:
            break
        if take(article):
            front.top.append(article)

    if layout is not None:
        sections = [block.section for block in layout.blocks.select_related("section")]
    elif section is None and default_blocks:
        sections = [item.section for item in MenuItem.objects.filter(language=language).select_related("section")]
    else:
        sections = []
    sections = [s for s in sections if section is None or s.pk != section.pk]
    for block_section, stories in _section_newest(language, sections, extra=len(used) + len(pool)):
        chosen = [a for a in stories if a.pk not in used][:BLOCK_SIZE]
        used.update(a.pk for a in chosen)
        if chosen:
            front.blocks.append((block_section, chosen))
    front.more = [a for a in pool if take(a)][:MORE_SIZE]
    return front


def _slots(layout: FrontLayout) -> list[Slot]:
    """The layout's slots whose story is public now and may stand on this edition's front: one query."""
    public = Article.objects.published().values("pk")
    slots = (
        Slot.objects.filter(layout=layout, article_id__in=public)
        .filter(Q(other_language=True) | Q(article__language=layout.language))
        .select_related("article")
        .order_by("area", "position", "pk")
    )
    return list(slots)


def _section_newest(language: str, sections: list[Section], *, extra: int) -> list[tuple[Section, list[Article]]]:
    """The newest public stories of each of ``sections`` in ``language`` (``BLOCK_SIZE`` + ``extra``
    each, enough to fill a block with stories shown nowhere else on the page): two queries, whatever
    the number of sections."""
    if not sections:
        return []
    public = Article.objects.published().in_language(language).order_by("-published_at", "-pk")
    wanted = Q()
    for section in sections:
        wanted |= article_id_in(in_section(public, section).values("pk")[: BLOCK_SIZE + extra])
    articles = {a.pk: a for a in public.filter(wanted)}
    links = ArticleSection.objects.filter(article_id__in=list(articles), section__in=sections).values_list(
        "section_id", "article_id")
    by_section: dict[int, list[Article]] = {}
    for section_id, article_id in links:
        by_section.setdefault(section_id, []).append(articles[article_id])
    order = {pk: n for n, pk in enumerate(articles)}
    return [(s, sorted(by_section.get(s.pk, []), key=lambda a: order[a.pk])) for s in sections]


def primary_sections(articles) -> dict[int, Section]:
    """The primary section of each of ``articles`` (by article id): one query."""
    links = ArticleSection.objects.filter(article__in=list(articles), primary=True).select_related("section")
    return {link.article_id: link.section for link in links}
