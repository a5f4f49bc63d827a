"""Sections, navigation menus, curated front pages and breaking news (docs/FRONTS.md).

Written by the fronts admin through ``fronts.services``; read by the public site (``public.views``
through ``fronts.composition``), which never sees a draft: every story a front shows comes from
``Article.objects.published()``.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Addresses a section's slug may not take: the edition's own pages live there (newsroom/urls.py).
RESERVED_SLUGS = frozenset({
    "rss", "atom", "search", "articles", "tags", "authors", "people", "organizations", "breaking",
    "corrections", "admin", "static", "media", "sitemap", "most-read",
})

SLUG_TAKEN = _("This address belongs to another page of the site; choose another slug.")
OTHER_LANGUAGE = _(
    "This story is in another language than the front. Tick “show although in another language” to place it."
)
ENDS_IN_THE_PAST = _("The end time has already passed.")


class Section(models.Model):
    """A desk (Politics, Economy…) or a region (Raqqa, Hasakah…), named in every edition's language
    (``name_en``, ``name_ar``, ``name_ku``: ``fronts/translation.py``); one address in every edition."""

    class Kind(models.TextChoices):
        DESK = "desk", _("Desk")
        REGION = "region", _("Region")

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=60, unique=True,
                            help_text=_("The section's address in every edition: /en/<slug>/, /ar/<slug>/…"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.DESK)
    description = models.CharField(_("description"), max_length=300, blank=True)

    class Meta:
        ordering = ["kind", "slug"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self):
        return self.name or self.slug

    def clean(self):
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": SLUG_TAKEN})

    def get_absolute_url(self):
        return reverse("section-front", kwargs={"slug": self.slug})


class ArticleSection(models.Model):
    """A story in a section: one primary section per story (its breadcrumb), any number of others."""

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="section_links",
                                verbose_name=_("article"))
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="article_links",
                                verbose_name=_("section"))
    primary = models.BooleanField(_("primary"), default=False)

    class Meta:
        verbose_name = _("section of the story")
        verbose_name_plural = _("sections of the story")
        constraints = [
            models.UniqueConstraint(fields=["article", "section"], name="article_in_a_section_once"),
            models.UniqueConstraint(fields=["article"], condition=Q(primary=True), name="one_primary_section",
                                    violation_error_message=_("A story has one primary section.")),
        ]
        indexes = [models.Index(fields=["section", "article"], name="section_articles")]

    def __str__(self):
        return str(self.section)


class MenuItem(models.Model):
    """An entry of an edition's navigation menu, in the order the editors give."""

    language = models.CharField(_("edition"), max_length=10, choices=settings.LANGUAGES)
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="menu_items",
                                verbose_name=_("section"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["language", "position", "pk"]
        verbose_name = _("menu entry")
        verbose_name_plural = _("menu entries")
        constraints = [models.UniqueConstraint(fields=["language", "section"], name="section_in_a_menu_once")]

    def __str__(self):
        return f"{self.get_language_display()}: {self.section}"


class FrontLayout(models.Model):
    """The arrangement of an edition's home (no section) or of a section front, live from a time.

    The layout a front shows is the newest whose ``live_from`` has come; a layout with a later time
    is prepared (and can be previewed) and goes live by itself at that time.
    """

    language = models.CharField(_("edition"), max_length=10, choices=settings.LANGUAGES)
    section = models.ForeignKey(Section, on_delete=models.CASCADE, null=True, blank=True, related_name="layouts",
                                verbose_name=_("section"), help_text=_("Empty: the edition's home page."))
    live_from = models.DateTimeField(_("live from"), default=timezone.now,
                                     help_text=_("The layout replaces the one before it at this time."))
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["language", "section", "-live_from"]
        verbose_name = _("front layout")
        verbose_name_plural = _("front layouts")
        indexes = [models.Index(fields=["language", "section", "-live_from"], name="front_layout_live")]

    def __str__(self):
        front = self.section or _("home")
        return f"{self.get_language_display()} · {front} · {timezone.localtime(self.live_from):%Y-%m-%d %H:%M}"

    @property
    def is_live(self) -> bool:
        return self.live_from <= timezone.now()


class Slot(models.Model):
    """A place on a front held by one story: the lead, or one of the top stories."""

    class Area(models.TextChoices):
        LEAD = "lead", _("Lead story")
        TOP = "top", _("Top stories")

    layout = models.ForeignKey(FrontLayout, on_delete=models.CASCADE, related_name="slots",
                               verbose_name=_("layout"))
    area = models.CharField(_("place"), max_length=10, choices=Area.choices, default=Area.TOP)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="front_slots",
                                verbose_name=_("story"))
    other_language = models.BooleanField(_("show although in another language"), default=False)

    class Meta:
        ordering = ["layout", "area", "position", "pk"]
        verbose_name = _("slot")
        verbose_name_plural = _("slots")

    def __str__(self):
        return f"{self.get_area_display()} {self.position}"

    def clean(self):
        # In the admin's inline the layout may be new (no id yet) but is set on the slot.
        layout = self.layout if (self.layout_id or Slot.layout.is_cached(self)) else None
        if self.article_id and layout is not None and not self.other_language:
            if self.article.language != layout.language:
                raise ValidationError({"article": OTHER_LANGUAGE})


class SectionBlock(models.Model):
    """A block of a section's newest stories on a front, in the order the editors give."""

    layout = models.ForeignKey(FrontLayout, on_delete=models.CASCADE, related_name="blocks",
                               verbose_name=_("layout"))
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="+", verbose_name=_("section"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["layout", "position", "pk"]
        verbose_name = _("section block")
        verbose_name_plural = _("section blocks")

    def __str__(self):
        return str(self.section)


class FrontChange(models.Model):
    """One change of a front layout: who, when, and what the layout held after it (the log)."""

    layout = models.ForeignKey(FrontLayout, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="changes", verbose_name=_("layout"))
    language = models.CharField(_("edition"), max_length=10, choices=settings.LANGUAGES)
    front = models.CharField(_("front"), max_length=100)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+",
                             verbose_name=_("user"))
    action = models.CharField(_("action"), max_length=20)
    summary = models.TextField(_("summary"), blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("front change")
        verbose_name_plural = _("front changes")

    def __str__(self):
        return f"{self.front} · {self.action}"


class BreakingQuerySet(models.QuerySet):
    def current(self, language: str):
        """The banner an edition shows now: the newest one started and not yet ended."""
        now = timezone.now()
        return self.filter(language=language, starts_at__lte=now, ends_at__gt=now).order_by("-starts_at", "-pk")


class BreakingNews(models.Model):
    """A banner on every page of an edition: a headline, a link, until an end time."""

    language = models.CharField(_("edition"), max_length=10, choices=settings.LANGUAGES)
    headline = models.CharField(_("headline"), max_length=200)
    link = models.CharField(_("link"), max_length=500, blank=True,
                            help_text=_("A story's address on this site (/en/articles/…) or a full https:// address."))
    starts_at = models.DateTimeField(_("starts"), default=timezone.now)
    ends_at = models.DateTimeField(_("ends"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = BreakingQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at", "-pk"]
        verbose_name = _("breaking news banner")
        verbose_name_plural = _("breaking news banners")
        indexes = [models.Index(fields=["language", "-starts_at"], name="breaking_current")]
        constraints = [models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")),
                                              name="breaking_ends_after_it_starts",
                                              violation_error_message=_("The banner must end after it starts."))]

    def __str__(self):
        return self.headline

    def clean(self):
        if self.link and not (self.link.startswith("/") and not self.link.startswith("//")) \
                and not self.link.startswith("https://"):
            raise ValidationError({"link": _("Give an address on this site (starting with /) or an https:// address.")})
        if self.ends_at and self.ends_at <= timezone.now() and self._state.adding:
            raise ValidationError({"ends_at": ENDS_IN_THE_PAST})
