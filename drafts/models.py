"""A copy of what someone is typing in a story's form, kept by the server until they save.

Not a ``Revision``: the story, its status, its version and its public pages are untouched. One draft
per person per story, written by ``drafts.services`` only.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Draft(models.Model):
    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="drafts", verbose_name=_("article")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="drafts", verbose_name=_("user")
    )
    # The form as the browser would post it: [[name, value], …] (a label after the value for a choice).
    fields = models.JSONField(_("form fields"), default=list)
    version = models.PositiveIntegerField(_("version the form was opened at"))
    saved_at = models.DateTimeField(_("kept at"), default=timezone.now)

    class Meta:
        verbose_name = _("draft copy")
        verbose_name_plural = _("draft copies")
        constraints = [models.UniqueConstraint(fields=["article", "user"], name="drafts_one_per_person_and_story")]

    def __str__(self):
        return f"{self.article_id}/{self.user_id}"
