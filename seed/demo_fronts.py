"""The demo's sections, menus, a curated home per edition, a breaking news banner (``fronts``) and
two public corrections (the corrections page).

Idempotent like the rest of ``seed_demo``: sections by slug, a story's sections once, one layout per
edition home made by the demo, a banner per edition while none is running.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone, translation

from articles.models import Article, Correction
from desk.services import article_save
from fronts.models import ArticleSection, BreakingNews, FrontLayout, MenuItem, Section, SectionBlock, Slot
from newsroom import languages

# slug: (kind, {language: name})
SECTIONS = {
    "politics": ("desk", {"en": "Politics", "ar": "سياسة", "ku": "Siyaset"}),
    "economy": ("desk", {"en": "Economy", "ar": "اقتصاد", "ku": "Aborî"}),
    "society": ("desk", {"en": "Society", "ar": "مجتمع", "ku": "Civak"}),
    "culture": ("desk", {"en": "Culture", "ar": "ثقافة", "ku": "Çand"}),
    "raqqa": ("region", {"en": "Raqqa", "ar": "الرقة", "ku": "Reqa"}),
    "hasakah": ("region", {"en": "Hasakah", "ar": "الحسكة", "ku": "Hesekê"}),
    "qamishli": ("region", {"en": "Qamishli", "ar": "القامشلي", "ku": "Qamişlo"}),
    "aleppo": ("region", {"en": "Aleppo", "ar": "حلب", "ku": "Heleb"}),
    "idlib": ("region", {"en": "Idlib", "ar": "إدلب", "ku": "Îdlib"}),
    "deir-ez-zor": ("region", {"en": "Deir ez-Zor", "ar": "دير الزور", "ku": "Dêrazor"}),
}

# A story's sections from its English tags: the first one found is its primary section.
TAG_SECTIONS = {
    "Economy": "economy", "Agriculture": "economy", "Food prices": "economy",
    "Culture": "culture", "Music": "culture",
    "Education": "society", "Health": "society", "Displacement": "society", "Water": "society",
    "Reconstruction": "society", "Civil defense": "society", "Wildfires": "society",
    "Raqqa": "raqqa", "Qamishli": "qamishli", "Aleppo": "aleppo", "Idlib": "idlib",
}

MENU = ["politics", "economy", "society", "culture", "raqqa", "hasakah", "qamishli", "aleppo", "idlib",
        "deir-ez-zor"]
HOME_BLOCKS = ["economy", "society", "culture", "aleppo", "raqqa"]

BREAKING = {
    "en": "Crossing at Semalka reopens for aid convoys",
    "ar": "إعادة فتح معبر سيمالكا أمام قوافل المساعدات",
    "ku": "Deriyê Sêmalkayê ji bo kerwanên alîkariyê ji nû ve vebû",
}


# The demo's public corrections (the corrections page, /<lang>/corrections/): (language, slug, kind, text).
CORRECTIONS = [
    ("en", "analysis-raqqa-bread-prices-better-harvest", "correction",
     "An earlier version of this analysis gave the price of a bundle of bread as 2,500 Syrian pounds; "
     "it is 2,000 Syrian pounds."),
    ("en", "hama-farmers-receive-local-wheat-seed", "update",
     "The cooperative handed out a further 40 tonnes of seed on Sunday, to farmers in the Ghab plain."),
]


def seed_fronts(report) -> None:
    _seed_corrections(report)
    sections = _seed_sections(report)
    _seed_story_sections(report, sections)
    _seed_menus(report, sections)
    _seed_homes(report, sections)
    _seed_breaking(report)


def _seed_corrections(report) -> None:
    """Each through ``article_save``, as an editor adds one in the admin (the story shows as updated)."""
    editor = get_user_model().objects.filter(username="editor").first()
    for language, slug, kind, text in CORRECTIONS:
        article = Article.objects.filter(language=language, slug=slug).first()
        if article is None or article.corrections.filter(text=text).exists():
            report.count("corrections", False)
            continue
        article_save(
            article=article, user=editor, version=article.version,
            relations=lambda a, kind=kind, text=text: Correction.objects.create(
                article=a, kind=kind, text=text, created_by=editor),
            correction_added=True,
        )
        report.count("corrections", True)


def _seed_sections(report) -> dict[str, Section]:
    sections = {}
    for slug, (kind, names) in SECTIONS.items():
        section, created = Section.objects.get_or_create(
            slug=slug, defaults={"kind": kind, **{f"name_{code}": name for code, name in names.items()}}
        )
        report.count("sections", created)
        sections[slug] = section
    return sections


def _seed_story_sections(report, sections) -> None:
    for article in Article.objects.prefetch_related("tags").filter(section_links__isnull=True):
        with translation.override("en"):
            tag_names = [tag.name_en or tag.name for tag in article.tags.all()]
        slugs = list(dict.fromkeys(TAG_SECTIONS[name] for name in tag_names if name in TAG_SECTIONS))
        for n, slug in enumerate(slugs):
            ArticleSection.objects.create(article=article, section=sections[slug], primary=n == 0)
        report.count("story sections", bool(slugs))


def _seed_menus(report, sections) -> None:
    for code in languages.codes():
        for position, slug in enumerate(MENU):
            _item, created = MenuItem.objects.get_or_create(language=code, section=sections[slug],
                                                            defaults={"position": position})
            report.count("menu entries", created)


def _seed_homes(report, sections) -> None:
    """A curated home per edition: its interview of the most recent days leads, the newest analysis
    or feature on top, and a block per section."""
    for code in languages.codes():
        if FrontLayout.objects.filter(language=code, section=None, note="demo").exists():
            report.count("front layouts", False)
            continue
        public = Article.objects.published().in_language(code)
        lead = public.filter(kind=Article.Kind.INTERVIEW).order_by("-published_at").first()
        top = public.filter(kind__in=[Article.Kind.ANALYSIS, Article.Kind.FEATURE]).order_by("-published_at").first()
        layout = FrontLayout.objects.create(language=code, note="demo",
                                            live_from=timezone.now() - timedelta(days=1))
        if lead is not None:
            Slot.objects.create(layout=layout, area=Slot.Area.LEAD, position=0, article=lead)
        if top is not None and top != lead:
            Slot.objects.create(layout=layout, area=Slot.Area.TOP, position=0, article=top)
        for position, slug in enumerate(HOME_BLOCKS):
            SectionBlock.objects.create(layout=layout, section=sections[slug], position=position)
        report.count("front layouts", True)


def _seed_breaking(report) -> None:
    for code, headline in BREAKING.items():
        if BreakingNews.objects.current(code).exists():
            report.count("breaking news banners", False)
            continue
        now = timezone.now()
        BreakingNews.objects.create(language=code, headline=headline, link="",
                                    starts_at=now - timedelta(minutes=5), ends_at=now + timedelta(days=2))
        report.count("breaking news banners", True)
