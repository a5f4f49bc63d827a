from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from newsroom import languages
from newsroom.translated import SOURCE, SourceColumns, TrackedTranslations, display_name, localized
from people.names import normalize_name


def unique_slug(instance, source: str, *, fallback: str) -> str:
    """A unicode slug from ``source``, made unique among the instance's model by a suffix."""
    base = slugify(source, allow_unicode=True)[:80] or fallback
    model = type(instance)
    slug, n = base, 2
    while model.objects.filter(slug=slug).exclude(pk=instance.pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


KEY_SEPARATOR = "|"  # never in a key: normalize_name drops punctuation


def translated_name_keys(instance) -> str:
    """The comparison keys of ``instance``'s names in the languages other than the source, as one
    text "|key|key|" ("" without any): "الخوذ البيضاء" names White Helmets wherever it is typed."""
    keys = [normalize_name(getattr(instance, f"name_{code}", None) or "") for code in languages.codes() if code != SOURCE]
    keys = [key for key in dict.fromkeys(keys) if key and key != instance.name_key]
    return KEY_SEPARATOR + KEY_SEPARATOR.join(keys) + KEY_SEPARATOR if keys else ""


def key_in(field: str, key: str) -> Q:
    """``field``, a text of keys made by ``translated_name_keys``, holds exactly ``key``."""
    return Q(**{f"{field}__contains": f"{KEY_SEPARATOR}{key}{KEY_SEPARATOR}"})


class PersonQuerySet(models.QuerySet):
    def matching(self, name: str):
        """People whose name, native-script name or an alternate spelling matches ``name``."""
        key = normalize_name(name)
        if not key:
            return self.none()
        return self.filter(
            Q(name_key=key) | Q(native_name_key=key) | key_in("translated_name_keys", key) | Q(alternate_names__name_key=key)
        ).distinct()


class Person(TrackedTranslations):
    """Someone the agency writes about or interviews.

    ``name`` and ``bio`` have a column per language (``people/translation.py``); the English ones
    are the source, and a translation made from an older English text is outdated
    (``TrackedTranslations``). On a page, ``display_name`` chooses which name leads.
    """

    TRACKED = ("name", "bio")

    name = models.CharField(
        _("name"), max_length=200, help_text=_("As written in English copy, e.g. “Raed Al-Saleh”.")
    )
    native_name = models.CharField(
        _("native name"), max_length=200, blank=True, help_text=_("In the person's own script, e.g. “رائد الصالح”.")
    )
    slug = models.SlugField(_("slug"), max_length=100, unique=True, allow_unicode=True, blank=True)
    bio = models.TextField(_("short bio"), blank=True)
    photo = models.ForeignKey(
        "images.Image",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="photo_of_people",
        verbose_name=_("photo"),
        help_text=_("A portrait from the image library."),
    )
    name_key = models.CharField(max_length=200, editable=False, db_index=True)
    native_name_key = models.CharField(max_length=200, editable=False, db_index=True, blank=True)
    translated_name_keys = models.TextField(editable=False, blank=True, default="")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        indexes = [models.Index(fields=["name", "-id"], name="person_name")]  # the admin list's order

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        source_name = localized(self, "name", SOURCE)[0]
        self.name_key = normalize_name(source_name)
        self.native_name_key = normalize_name(self.native_name)
        self.translated_name_keys = translated_name_keys(self)
        if not self.slug:
            self.slug = unique_slug(self, source_name or self.native_name, fallback="person")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("person-detail", kwargs={"slug": self.slug})

    def name_in(self, code: str) -> tuple[str, str]:
        """(name, its language) for a page in ``code`` (``newsroom.translated.display_name``)."""
        return display_name(self, code)

    @property
    def all_names(self) -> list[str]:
        """Every spelling we know, the English name first: each language's, the native one, the
        alternates (uses prefetched alternate names)."""
        names = [
            *(getattr(self, f"name_{code}", None) for code in languages.codes()),
            self.native_name,
            *(n.name for n in self.alternate_names.all()),
        ]
        return list(dict.fromkeys(n for n in names if n))


class NameVariant(models.Model):
    """Another name for something in the register, stored with its comparison key."""

    name = models.CharField(_("name"), max_length=200)
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=languages.LANGUAGES,
        blank=True,
        help_text=_("The language this name is written in, if it is one of ours."),
    )
    name_key = models.CharField(max_length=200, editable=False, db_index=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name_key = normalize_name(self.name)
        super().save(*args, **kwargs)

    def validate_constraints(self, exclude=None):
        # The key is derived before uniqueness is checked, so “White-Helmets” clashes with
        # “the white helmets” in the admin form, not only in the database.
        self.name_key = normalize_name(self.name)
        super().validate_constraints(exclude=exclude)


class PersonName(NameVariant):
    """Another spelling of a person's name: “Raed al-Saleh”, “Raed Saleh”, “Al-Saleh”."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="alternate_names", verbose_name=_("person"))

    class Meta:
        verbose_name = _("alternate spelling")
        verbose_name_plural = _("alternate spellings")
        constraints = [
            models.UniqueConstraint(fields=["person", "name_key"], name="unique_spelling_per_person")
        ]


class OrganizationQuerySet(models.QuerySet):
    def matching(self, name: str):
        """Organizations whose name or one of its aliases matches ``name``.

        ``Organization.objects.matching("The White Helmets")`` finds Syria Civil Defense.
        """
        key = normalize_name(name)
        if not key:
            return self.none()
        return self.filter(Q(name_key=key) | key_in("translated_name_keys", key) | Q(aliases__name_key=key)).distinct()


class Organization(TrackedTranslations):
    """A body the agency writes about; ``name`` and ``description`` have a column per language."""

    TRACKED = ("name", "description")

    name = models.CharField(_("name"), max_length=200, help_text=_("The name used in English copy."))
    slug = models.SlugField(_("slug"), max_length=100, unique=True, allow_unicode=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    founded_year = models.PositiveSmallIntegerField(_("founded in"), null=True, blank=True)
    website = models.URLField(_("website"), blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
        help_text=_("The larger organization this one belongs to, if any."),
    )
    name_key = models.CharField(max_length=200, editable=False, db_index=True)
    translated_name_keys = models.TextField(editable=False, blank=True, default="")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        indexes = [models.Index(fields=["name", "-id"], name="organization_name")]  # the admin list's order
        constraints = [
            models.CheckConstraint(
                condition=Q(founded_year__isnull=True) | Q(founded_year__gte=1000, founded_year__lte=2100),
                name="organization_founded_year_plausible",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        ancestor, seen = self.parent, set()
        while ancestor is not None:
            if ancestor.pk == self.pk or ancestor.pk in seen:
                raise ValidationError({"parent": _("An organization cannot be its own ancestor.")})
            seen.add(ancestor.pk)
            ancestor = ancestor.parent

    def save(self, *args, **kwargs):
        source_name = localized(self, "name", SOURCE)[0]
        self.name_key = normalize_name(source_name)
        self.translated_name_keys = translated_name_keys(self)
        if not self.slug:
            self.slug = unique_slug(self, source_name, fallback="organization")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("organization-detail", kwargs={"slug": self.slug})

    @property
    def all_names(self) -> list[str]:
        """Every name we know: each language's, English first, then the aliases (prefetched)."""
        names = [*(getattr(self, f"name_{code}", None) for code in languages.codes()), *(a.name for a in self.aliases.all())]
        return list(dict.fromkeys(n for n in names if n))


class OrganizationAlias(NameVariant):
    """Another name of an organization: “The White Helmets”, “SCD”, “الدفاع المدني السوري”."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="aliases", verbose_name=_("organization")
    )

    class Meta:
        verbose_name = _("alias")
        verbose_name_plural = _("aliases")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "name_key"], name="unique_alias_per_organization"
            )
        ]


class Affiliation(SourceColumns):
    """Who held which role where, and when: Raed Al-Saleh is Head of Syria Civil Defense."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="affiliations", verbose_name=_("person"))
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="affiliations", verbose_name=_("organization")
    )
    role = models.CharField(_("role"), max_length=200, help_text=_("e.g. “Head”, “Spokesperson”."))
    start_date = models.DateField(_("from"), null=True, blank=True)
    end_date = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        ordering = ["person__name", "-start_date"]
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")
        constraints = [
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="affiliation_ends_after_it_starts",
                violation_error_message=_("An affiliation cannot end before it starts."),
            ),
            models.UniqueConstraint(
                fields=["person", "organization", "role", "start_date"],
                name="unique_affiliation",
            ),
        ]

    def __str__(self):
        return f"{self.person} — {self.role}, {self.organization}"

    @property
    def is_current(self) -> bool:
        return self.end_date is None or self.end_date >= timezone.localdate()
