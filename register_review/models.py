"""Changes to the public register (people, organizations) proposed by reporters, waiting for an editor.

Written only by ``register_review.services``: ``change_propose`` keeps the record as it was and as the
reporter wants it (two snapshots, ``register_review.snapshots``) and leaves the person or organization
untouched; ``change_approve`` applies what the reporter changed; ``change_reject`` applies nothing.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ProposedChangeQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(state=ProposedChange.State.PENDING)


class ProposedChange(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for an editor")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.CASCADE, related_name="proposed_changes",
        verbose_name=_("person"),
    )
    organization = models.ForeignKey(
        "people.Organization", null=True, blank=True, on_delete=models.CASCADE, related_name="proposed_changes",
        verbose_name=_("organization"),
    )
    before = models.JSONField(_("as it was"), editable=False)
    after = models.JSONField(_("as proposed"), editable=False)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PENDING, editable=False)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", editable=False,
        verbose_name=_("proposed by"),
    )
    proposed_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        editable=False, verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True, editable=False)
    decision_note = models.TextField(_("editor's note"), blank=True, editable=False)

    objects = ProposedChangeQuerySet.as_manager()

    class Meta:
        ordering = ["-proposed_at", "-id"]
        verbose_name = _("proposed change")
        verbose_name_plural = _("proposed changes")
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False, organization__isnull=True)
                | Q(person__isnull=True, organization__isnull=False),
                name="proposed_change_names_one_record",
            ),
        ]
        indexes = [models.Index(fields=["state", "-proposed_at"], name="proposed_change_queue")]

    def __str__(self):
        return str(self.target)

    @property
    def target(self):
        return self.person if self.person_id else self.organization
