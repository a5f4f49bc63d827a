"""The checklist's records: the rules editors configure, and what the link checker found.

``ChecklistRule`` has one row per rule of ``checklist.rules.RULES`` (made by the migrations; rows
are changed in the admin, never added there). ``LinkCheck`` is written only by the link-checking
task (``checklist.links``, ``checklist.tasks``), one row per address of a story's body.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from checklist.rules import RULES


class Severity(models.TextChoices):
    BLOCKING = "blocking", _("Blocking: refuses the step")
    WARNING = "warning", _("Warning: an editor may publish over it with a note")


class ChecklistRule(models.Model):
    key = models.CharField(_("rule"), max_length=40, unique=True, editable=False)
    enabled = models.BooleanField(_("on"), default=True)
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices, default=Severity.WARNING)
    at_review = models.BooleanField(
        _("before review"), default=True, help_text=_("Checked when a story is submitted for review.")
    )
    at_publication = models.BooleanField(
        _("before publication"), default=True, help_text=_("Checked when a story is published or scheduled.")
    )
    threshold = models.PositiveIntegerField(
        _("threshold"), null=True, blank=True, help_text=_("The number the rule compares with, where it has one.")
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False, on_delete=models.SET_NULL,
        related_name="+", verbose_name=_("changed by"),
    )

    class Meta:
        ordering = ["id"]
        verbose_name = _("checklist rule")
        verbose_name_plural = _("checklist rules")

    def __str__(self):
        rule = RULES.get(self.key)
        return str(rule.label) if rule else self.key


class LinkCheck(models.Model):
    """Whether one address in a story's body answered, the last time it was tried."""

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="link_checks", verbose_name=_("article")
    )
    url = models.URLField(_("address"), max_length=2000)
    ok = models.BooleanField(_("answers"))
    status_code = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    error = models.CharField(_("problem"), max_length=300, blank=True)
    checked_at = models.DateTimeField(_("checked"))

    class Meta:
        ordering = ["article", "url"]
        verbose_name = _("link check")
        verbose_name_plural = _("link checks")
        constraints = [models.UniqueConstraint(fields=["article", "url"], name="one_check_per_link")]

    def __str__(self):
        return self.url
