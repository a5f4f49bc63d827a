"""Planning: a story before its copy exists (``PlanningItem``), who covers it (``Assignment``), the
log of every change to both (``PlanningEvent``) and each person's calendar address (``CalendarFeed``).

Rows are written by ``planning.services`` only; an item's state only by ``planning.workflow``.
"""

import os
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from articles.models import Article, Tag
from people.models import Organization, Person


def attachment_path(instance, filename: str) -> str:
    """An unguessable name that says nothing: media files are served to whoever has their address,
    and a document's own name can name a source."""
    extension = os.path.splitext(filename)[1].lower()[:10]
    return f"planning/{secrets.token_urlsafe(24)}{extension}"


class Desk(models.Model):
    """A desk or section of the newsroom that plans stories; its name per language
    (``planning/translation.py``)."""

    name = models.CharField(_("name"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("desk")
        verbose_name_plural = _("desks")

    def __str__(self):
        return self.name


class State(models.TextChoices):
    IDEA = "idea", _("Idea")
    PLANNED = "planned", pgettext_lazy("planning state", "Planned")
    IN_PROGRESS = "in_progress", pgettext_lazy("planning state", "In progress")
    FILED = "filed", pgettext_lazy("planning state", "Filed")
    PUBLISHED = "published", pgettext_lazy("planning state", "Published")
    SPIKED = "spiked", pgettext_lazy("planning state", "Spiked")


class Priority(models.IntegerChoices):
    HIGH = 1, _("High")
    NORMAL = 2, _("Normal")
    LOW = 3, _("Low")


class PlanningItemQuerySet(models.QuerySet):
    def for_budget(self):
        """Everything a list of items shows, in a fixed number of queries whatever its length."""
        return self.select_related("desk", "article").prefetch_related(
            models.Prefetch("assignments", queryset=Assignment.objects.select_related("assignee").order_by("role", "id"))
        )


class PlanningItem(models.Model):
    """A story before its copy exists: what it is, for when, in which languages, about whom."""

    slug_line = models.CharField(_("slug line"), max_length=200, help_text=_("The working title."))
    summary = models.TextField(_("summary"), blank=True)
    desk = models.ForeignKey(Desk, on_delete=models.PROTECT, related_name="items", verbose_name=_("desk"))
    kind = models.CharField(_("kind"), max_length=20, choices=Article.Kind.choices, default=Article.Kind.NEWS)
    languages = models.JSONField(_("languages"), default=list, help_text=_("The languages it is planned in."))
    planned_at = models.DateTimeField(_("planned for"), null=True, blank=True, db_index=True)
    planned_until = models.DateTimeField(
        _("window ends"), null=True, blank=True, help_text=_("For a window rather than a time: when it closes.")
    )
    priority = models.PositiveSmallIntegerField(_("priority"), choices=Priority.choices, default=Priority.NORMAL)
    place = models.CharField(_("place"), max_length=200, blank=True)
    people = models.ManyToManyField(Person, blank=True, related_name="planning_items", verbose_name=_("people"))
    organizations = models.ManyToManyField(
        Organization, blank=True, related_name="planning_items", verbose_name=_("organizations")
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="planning_items", verbose_name=_("tags"))
    notes = models.TextField(_("notes"), blank=True)
    attachment = models.FileField(_("document"), upload_to=attachment_path, blank=True)
    link = models.URLField(_("link"), blank=True)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.IDEA, db_index=True)
    article = models.OneToOneField(
        Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="planning_item",
        verbose_name=_("article"), help_text=_("The story written from this plan."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("proposed by")
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = PlanningItemQuerySet.as_manager()

    class Meta:
        ordering = ["planned_at", "priority", "id"]
        verbose_name = _("planning item")
        verbose_name_plural = _("planning items")

    def __str__(self):
        return self.slug_line


class Assignment(models.Model):
    """Someone asked to cover part of an item by a time: offered → accepted → done, or declined."""

    class Role(models.TextChoices):
        REPORTER = "reporter", _("Reporter")
        PHOTOGRAPHER = "photographer", _("Photographer")
        TRANSLATOR = "translator", _("Translator")
        EDITOR = "editor", _("Editor")

    class State(models.TextChoices):
        OFFERED = "offered", _("Offered")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", pgettext_lazy("assignment", "Cancelled")

    OPEN = (State.OFFERED, State.ACCEPTED)

    item = models.ForeignKey(PlanningItem, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("item"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, blank=True, help_text=_("For a translator: into which language.")
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="planning_assignments", verbose_name=_("assignee")
    )
    due_at = models.DateTimeField(_("due"))
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.OFFERED)
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("assigned by")
    )
    overdue_notified_at = models.DateTimeField(_("overdue since"), null=True, blank=True)
    translation_request = models.OneToOneField(
        "articles.TranslationRequest", null=True, blank=True, on_delete=models.SET_NULL, related_name="planning_assignment",
        verbose_name=_("translation request"),
    )
    created_at = models.DateTimeField(_("assigned"), default=timezone.now)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        ordering = ["due_at", "id"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        indexes = [models.Index(fields=["assignee", "state"], name="assignment_assignee_state")]

    def __str__(self):
        return f"{self.get_role_display()}: {self.item}"

    @property
    def is_open(self) -> bool:
        return self.state in self.OPEN

    def is_overdue(self, now=None) -> bool:
        return self.is_open and self.due_at < (now or timezone.now())


class PlanningEvent(models.Model):
    """One line of an item's audit trail: a move between states, an assignment made or answered, a
    change of plan, the article started or attached."""

    item = models.ForeignKey(PlanningItem, on_delete=models.CASCADE, related_name="events", verbose_name=_("item"))
    action = models.CharField(_("step"), max_length=30)
    from_state = models.CharField(_("from state"), max_length=20, choices=State.choices, blank=True)
    to_state = models.CharField(_("to state"), max_length=20, choices=State.choices, blank=True)
    assignment = models.ForeignKey(
        Assignment, null=True, blank=True, on_delete=models.SET_NULL, related_name="events", verbose_name=_("assignment")
    )
    note = models.TextField(_("note"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("by")
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("planning event")
        verbose_name_plural = _("planning events")

    def __str__(self):
        return f"{self.item}: {self.action}"


def _new_key() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """The secret address of a person's iCalendar feed of their assignments (reset makes a new one)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="planning_feed", verbose_name=_("user")
    )
    key = models.CharField(_("key"), max_length=64, unique=True, default=_new_key, editable=False)
    time_zone = models.CharField(
        _("time zone"), max_length=64, default=settings.TIME_ZONE,
        help_text=_("The feed's times are given in this zone, e.g. Europe/Istanbul."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self):
        return str(self.user)
