import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TagBase, TaggedItemBase

from articles.fields import SanitizedHTMLField
from newsroom import languages
from newsroom.translated import TrackedTranslations
from people.models import Affiliation, Organization, Person


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """What the public may see. Every public surface starts here, so nothing unpublished leaks."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def in_language(self, language: str):
        return self.filter(language=language)

    def tagged(self, tag):
        """Articles carrying ``tag``, as a semi-join (``EXISTS``) rather than taggit's join.

        The join compares ``object_id::bigint`` with the article's id, and that cast keeps PostgreSQL
        from probing taggit's index from the article side; ``EXISTS`` keeps the comparison plain, so a
        list walking the newest articles of a big tag checks each one with an index probe, and no
        duplicate rows come back.
        """
        items = TaggedArticle.objects.filter(content_object=models.OuterRef("pk"), tag=tag)
        return self.filter(models.Exists(items))


class Article(models.Model):
    class Kind(models.TextChoices):
        INTERVIEW = "interview", _("Interview")
        NEWS = "news", _("News")
        FEATURE = "feature", _("Feature")
        ANALYSIS = "analysis", _("Analysis")
        OPINION = "opinion", _("Opinion")
        LIVE = "live", _("Live coverage")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        SCHEDULED = "scheduled", _("Scheduled")
        PUBLISHED = "published", pgettext_lazy("article status", "Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    headline = models.CharField(_("headline"), max_length=300)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        allow_unicode=True,
        blank=True,
        help_text=_(
            "Part of the address; Arabic letters are fine. Made from the headline if left "
            "empty. Old addresses keep working when it changes."
        ),
    )
    dek = models.TextField(_("standfirst"), blank=True, help_text=_("One or two sentences under the headline."))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.NEWS)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES, default="en")
    lead_image = models.ForeignKey(
        "images.Image",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="lead_of_articles",
        verbose_name=_("lead image"),
        help_text=_("Shown above the story and on social media; pick one from the image library."),
    )
    body = SanitizedHTMLField(_("body"), blank=True)
    dateline = models.CharField(
        _("dateline"), max_length=120, blank=True, help_text=_("Where it was filed, e.g. “Istanbul, Turkey”.")
    )
    agency = models.CharField(_("source agency"), max_length=120, blank=True)
    tags = TaggableManager(_("tags"), blank=True, related_name="articles", through="TaggedArticle")
    organizations = models.ManyToManyField(
        Organization, blank=True, related_name="articles", verbose_name=_("organizations mentioned")
    )
    interviewees = models.ManyToManyField(
        Person, through="Interviewee", blank=True, related_name="interviews", verbose_name=_("interviewees")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        _("published"), null=True, blank=True, help_text=_("First publication (or the embargo time when scheduled).")
    )
    revised_at = models.DateTimeField(
        _("updated"), null=True, blank=True, help_text=_("Shown to readers: the last edit after publication.")
    )
    # Live coverage (``live.services`` writes these: opening, closing, reopening; docs/LIVE.md).
    coverage_started_at = models.DateTimeField(
        _("coverage started"), null=True, blank=True, editable=False,
        help_text=_("Live coverage: when it was first opened."),
    )
    coverage_ended_at = models.DateTimeField(
        _("coverage ended"), null=True, blank=True, editable=False,
        help_text=_("Live coverage: when it was closed (empty while it is open)."),
    )
    translation_key = models.UUIDField(
        default=uuid.uuid4,
        editable=False,
        verbose_name=_("translation key"),
        help_text=_("Shared by the language versions of one story."),
    )
    # Translation tracking (translations.services writes these; docs/TRANSLATION.md).
    translation_source = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="translations",
        verbose_name=_("translation source"),
        help_text=_("The story's source version this one was translated from; empty for the source."),
    )
    translation_source_revision = models.ForeignKey(
        "Revision",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("source revision"),
        help_text=_("The source's revision this translation matches (made from, or last marked up to date with)."),
    )
    translation_source_corrections_seen = models.PositiveBigIntegerField(
        default=0,
        editable=False,
        verbose_name=_("source corrections seen"),
        help_text=_("The id of the newest public correction of the source this translation has taken into account."),
    )
    translator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="assigned_translations",
        verbose_name=_("translator"),
        help_text=_("The translator this translation is assigned to."),
    )
    version = models.PositiveIntegerField(
        default=1,
        editable=False,
        verbose_name=_("version"),
        help_text=_("Goes up with every content change and every workflow step (optimistic locking)."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-created_at"]
        get_latest_by = "published_at"
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        permissions = [
            (
                "publish_article",
                "Can review, publish, schedule and withdraw articles, and edit any article",
            ),
            ("translate_article", "Can translate articles and be assigned translations"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["language", "slug"], name="unique_slug_per_language"),
            models.UniqueConstraint(
                fields=["translation_key", "language"],
                name="one_version_per_language",
                violation_error_message=_("This story already has a version in that language."),
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["published", "scheduled", "withdrawn"])
                | Q(published_at__isnull=False),
                name="published_articles_have_a_time",
                violation_error_message=_("Published, scheduled and withdrawn articles need a time."),
            ),
        ]
        # What each index serves is in docs/PERFORMANCE.md ("Indexes").
        indexes = [
            models.Index(fields=["status", "language", "-published_at", "-id"], name="article_public_list"),
            models.Index(fields=["status", "language", "kind", "-published_at", "-id"], name="article_public_kind"),
            models.Index(fields=["status", "-published_at", "-id"], name="article_status_published"),
            # The wire's lists (released in several statuses, so no status column first): a language, or
            # a language and a kind, newest first (wire.services.visible_articles).
            models.Index(fields=["language", "-published_at", "-id"], name="article_language_newest"),
            models.Index(fields=["language", "kind", "-published_at", "-id"], name="article_language_kind_newest"),
            models.Index(fields=["status", "-updated_at"], name="article_status_updated"),
            models.Index(fields=["-published_at", "-created_at", "-id"], name="article_admin_order"),
            models.Index(fields=["created_at"], name="article_created"),
            # The admin list sorted by a column (Django adds -id to every ordering): read forwards for
            # "column, -id"; the second index of a column, read backwards, for "-column, -id".
            models.Index(fields=["headline", "-id"], name="article_admin_headline"),
            models.Index(fields=["status", "-id"], name="article_admin_status"),
            models.Index(fields=["status", "id"], name="article_admin_status_desc"),
            models.Index(fields=["kind", "-id"], name="article_admin_kind"),
            models.Index(fields=["kind", "id"], name="article_admin_kind_desc"),
            models.Index(fields=["language", "-id"], name="article_admin_language"),
            models.Index(fields=["language", "id"], name="article_admin_language_desc"),
            models.Index(fields=["published_at", "id"], name="article_admin_published_desc"),
            models.Index(fields=["updated_at", "id"], name="article_admin_updated"),
        ]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self._unique_slug()
        super().save(*args, **kwargs)

    def _unique_slug(self) -> str:
        base = slugify(self.headline, allow_unicode=True)[:180].strip("-") or "article"
        taken = Article.objects.filter(language=self.language).exclude(pk=self.pk)
        slug, n = base, 2
        while taken.filter(slug=slug).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug

    def get_absolute_url(self):
        # The id finds the article; the slug is for people and search engines. A changed slug or a
        # wrong language prefix answers 301 to this address (see public.views.article_detail).
        with translation.override(self.language):
            return reverse("article-detail", kwargs={"pk": self.pk, "slug": self.slug})

    @property
    def is_public(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    def published_translations(self) -> list["Article"]:
        """The other published language versions of this story, in the order of the site's languages.

        One query, or none when ``prefetch_published_translations`` has already loaded them (lists
        and sitemaps do, so the language switcher and hreflang links cost one query per page).
        """
        cached = getattr(self, "_published_translations", None)
        if cached is None:
            cached = _language_order(
                Article.objects.published().filter(translation_key=self.translation_key).exclude(pk=self.pk)
            )
            self._published_translations = cached
        return cached

    @property
    def current_revision_number(self) -> int:
        """The number of the latest content revision (0 before the first one is kept)."""
        return self.revisions.aggregate(number=models.Max("number"))["number"] or 0

    @property
    def is_live(self) -> bool:
        """A live story whose coverage is open: marked live in lists, feeds and the news sitemap."""
        return self.kind == self.Kind.LIVE and self.coverage_started_at is not None and self.coverage_ended_at is None

    @property
    def direction(self) -> str:
        return languages.direction(self.language)


def _language_order(articles) -> list[Article]:
    return sorted(articles, key=lambda a: languages.position(a.language))


def prefetch_published_translations(articles, *, only: tuple[str, ...] = ()) -> None:
    """Load ``published_translations()`` for many articles with one query (``only`` these fields)."""
    articles = list(articles)
    if not articles:
        return
    by_key: dict = {}
    keys = {a.translation_key for a in articles}
    # The ids first, from the translation_key index: SQLite would otherwise walk every published
    # story by date, reading each row past its body for the key (0.3 s for a sitemap page).
    same_story = Article.objects.filter(translation_key__in=keys).values("pk")
    versions = Article.objects.published().filter(pk__in=same_story)
    for version in versions.only(*only) if only else versions:
        by_key.setdefault(version.translation_key, []).append(version)
    for article in articles:
        others = [v for v in by_key.get(article.translation_key, []) if v.pk != article.pk]
        article._published_translations = _language_order(others)


class Tag(TrackedTranslations, TagBase):
    """A subject readers follow, named (and addressed) in every edition's language.

    ``name`` and ``slug`` have a column per language (``name_en``, ``name_ar``…, ``translation.py``);
    the English ones are the source. Until a tag's Arabic slug is given its Arabic page uses the
    English one, and a slug of another language, or of a tag merged into this one (``TagSpelling``),
    answers 301 to the edition's own (``public.views.tag_detail``).
    """

    TRACKED = ("name",)

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name"]

    def get_absolute_url(self):
        return reverse("tag-detail", kwargs={"slug": self.slug})


class TaggedArticle(TaggedItemBase):
    """One tag on one article: a plain foreign key to each (no content type, no cast in the joins)."""

    content_object = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="tagged_items")
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="tagged_articles")

    class Meta:
        verbose_name = _("tagged article")
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="one_tag_once_per_article"),
        ]
        # A tag's stories read from the index alone (tag pages, related stories, merges).
        indexes = [models.Index(fields=["tag", "content_object"], name="tagged_article_tag")]


class TagSpelling(models.Model):
    """Another name of a tag, kept when a duplicate tag was merged into it (``desk.tags.tag_merge``).

    Its old address (``slug``) answers 301 to the kept tag's page; the row is also the record of the
    merge: who merged it, when, and how many stories it moved.
    """

    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="spellings")
    name = models.CharField(_("name"), max_length=100)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES, blank=True)
    slug = models.SlugField(max_length=100, allow_unicode=True, unique=True, null=True, blank=True)
    merged_at = models.DateTimeField(default=timezone.now)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    stories_moved = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("tag spelling")
        ordering = ["tag", "name"]

    def __str__(self):
        return self.name


class Byline(models.Model):
    """One name in an article's byline: a staff user, or an outside contributor by name."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bylines", verbose_name=_("article"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bylines",
        verbose_name=_("staff member"),
        help_text=_("A staff member…"),
    )
    name = models.CharField(
        _("name"), max_length=200, blank=True, help_text=_("…or an outside contributor, as printed.")
    )

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("byline")
        verbose_name_plural = _("bylines")
        indexes = [models.Index(fields=["user", "article"], name="byline_user_article")]  # author pages
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(name=""),
                name="byline_names_someone",
                violation_error_message=_("A byline needs a staff member or a name."),
            ),
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.name:
            return self.name
        if self.user_id:
            return self.user.get_full_name() or self.user.get_username()
        return ""


class Interviewee(models.Model):
    """A person interviewed in an article, with the role the article gives them."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="interviewee_links", verbose_name=_("article")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="interviewee_links", verbose_name=_("person")
    )
    role = models.CharField(
        _("role"),
        max_length=300,
        blank=True,
        help_text=_("As shown in this article, e.g. “head of The Syrian Civil Defense”."),
    )
    affiliation = models.ForeignKey(
        Affiliation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="interviewee_links",
        verbose_name=_("affiliation"),
        help_text=_("Optional: the recorded affiliation this role refers to."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("interviewee")
        verbose_name_plural = _("interviewees")
        constraints = [
            models.UniqueConstraint(fields=["article", "person"], name="unique_interviewee_per_article"),
        ]
        # A person's or an organization's stories, read from the index alone (person pages, search).
        indexes = [
            models.Index(fields=["person", "article"], name="interviewee_person_article"),
            models.Index(fields=["affiliation", "article"], name="interviewee_affiliation"),
        ]

    def __str__(self):
        return f"{self.person} ({self.role})" if self.role else str(self.person)

    @classmethod
    def from_db(cls, db, field_names, values):
        link = super().from_db(db, field_names, values)
        # As loaded: a link moved to someone else, or to another affiliation, changes both lists.
        link.loaded_person_id = link.__dict__.get("person_id")
        link.loaded_affiliation_id = link.__dict__.get("affiliation_id")
        return link

    def clean(self):
        if self.affiliation_id and self.person_id and self.affiliation.person_id != self.person_id:
            raise ValidationError({"affiliation": _("This affiliation belongs to someone else.")})


class Correction(models.Model):
    """A public note at the end of a published article: a correction of an error, or an update."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", _("Correction")
        UPDATE = "update", _("Update")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="corrections", verbose_name=_("article"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.CORRECTION)
    text = models.TextField(_("text"))
    created_at = models.DateTimeField(_("date"), default=timezone.now, help_text=_("Shown to readers."))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("written by"),
    )
    translation_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="translated_as",
        verbose_name=_("translation of"),
        help_text=_("The source's correction this one translates."),
    )

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")

    def __str__(self):
        return gettext("%(kind)s (%(date)s)") % {"kind": self.get_kind_display(), "date": f"{self.created_at:%Y-%m-%d}"}


class Revision(models.Model):
    """The content of an article as one save left it. Numbered 1, 2, 3… per article.

    A translation can record the number of its source's revision it was made from and compare it
    with ``source.current_revision_number``. Written only by ``desk.services.article_save`` (and the
    one-off baseline of an article saved before revisions were kept, ``desk.revisions``).
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("article"))
    number = models.PositiveIntegerField(_("number"))
    version = models.PositiveIntegerField(_("version"), help_text=_("The article's version once this content was saved."))
    content = models.JSONField(_("content"), help_text=_("Headline, standfirst, body, bylines, people, tags…"))
    text_key = models.CharField(
        max_length=64,
        blank=True,
        editable=False,
        verbose_name=_("text fingerprint"),
        help_text=_("A fingerprint of the headline, standfirst and body: what translations compare."),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("saved"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("saved by"),
    )

    class Meta:
        ordering = ["-number"]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        get_latest_by = "number"
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="unique_revision_number"),
        ]

    def __str__(self):
        return gettext("Revision %(number)s of “%(article)s”") % {"number": self.number, "article": self.article}


class StatusChange(models.Model):
    """One workflow step taken on an article: who, when, from which status to which, and why.

    Written only by the desk's workflow (``desk.workflow.article_transition``)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="status_changes", verbose_name=_("article"))
    action = models.CharField(_("step"), max_length=30)
    from_status = models.CharField(_("from status"), max_length=20, choices=Article.Status.choices)
    to_status = models.CharField(_("to status"), max_length=20, choices=Article.Status.choices)
    note = models.TextField(_("note"), blank=True)
    public_note = models.TextField(
        _("note for readers"),
        blank=True,
        help_text=_("When withdrawing: what readers are told where the story stood (the note stays internal)."),
    )
    scheduled_for = models.DateTimeField(
        _("scheduled for"), null=True, blank=True, help_text=_("When scheduling: the time set.")
    )
    version = models.PositiveIntegerField(_("version"), help_text=_("The article's version after this step."))
    created_at = models.DateTimeField(_("when"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("taken by"),
        help_text=_("Empty when the scheduler took the step."),
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        get_latest_by = ["created_at", "id"]
        verbose_name = _("workflow step")
        verbose_name_plural = _("workflow steps")

    def __str__(self):
        return f"{self.article}: {self.from_status} → {self.to_status}"


class ShareLink(models.Model):
    """A signed, expiring, revocable address that shows an unpublished article to an outsider.

    Made and revoked by the desk (``desk.previews``)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="share_links", verbose_name=_("article"))
    key = models.CharField(_("key"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("created by")
    )
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("revoked by"),
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("share link")
        verbose_name_plural = _("share links")
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("created_at")),
                name="share_link_expires_after_creation",
                violation_error_message=_("A share link must expire after it is created."),
            ),
        ]

    def __str__(self):
        return gettext("Share link for “%(article)s”") % {"article": self.article}

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()


class TranslationRequestQuerySet(models.QuerySet):
    def open(self):
        """Requests still waiting for their translation: requested or in progress."""
        return self.filter(state__in=TranslationRequest.OPEN)


class TranslationRequest(models.Model):
    """An editor asks for a story in a language, from a translator, by a time.

    Requested → in progress (the translation draft exists) → done (that translation is published),
    or cancelled. Moves are made by ``translations.services`` only.
    """

    class State(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    OPEN = (State.REQUESTED, State.IN_PROGRESS)

    source = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        related_name="translation_requests",
        verbose_name=_("story"),
        help_text=_("The story to translate."),
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    translator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="translation_requests",
        verbose_name=_("translator"),
    )
    due_at = models.DateTimeField(_("due"))
    note = models.TextField(_("note"), blank=True, help_text=_("What the translator should know."))
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.REQUESTED)
    translation = models.ForeignKey(
        Article,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="fulfilled_requests",
        verbose_name=_("translation"),
        help_text=_("The translation made for this request."),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("requested by")
    )
    created_at = models.DateTimeField(_("requested"), default=timezone.now)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True, help_text=_("When it was done or cancelled."))

    objects = TranslationRequestQuerySet.as_manager()

    class Meta:
        ordering = ["due_at", "id"]
        verbose_name = _("translation request")
        verbose_name_plural = _("translation requests")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "language"],
                condition=Q(state__in=["requested", "in_progress"]),
                name="one_open_translation_request_per_language",
                violation_error_message=_("This story already has an open request for that language."),
            ),
        ]
        indexes = [models.Index(fields=["translator", "state", "due_at"], name="translation_request_queue")]

    def __str__(self):
        return f"{self.source} → {self.get_language_display()}"

    @property
    def is_open(self) -> bool:
        return self.state in self.OPEN

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_at < timezone.now()
