"""What waits for each member of staff: their inbox, and whether they want it by e-mail too."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Item(models.Model):
    """One thing for one person to see: a story returned to them, a translation assigned, a request,
    a mention… Written by ``inbox.services.inbox_notify`` only; read and marked read by its owner."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="inbox_items", verbose_name=_("recipient")
    )
    kind = models.CharField(_("kind"), max_length=40)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("address"), max_length=500, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("from"),
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        verbose_name = _("inbox item")
        verbose_name_plural = _("inbox items")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "-created_at", "-id"], name="inbox_item_recipient"),
            # The unread count in every admin page's header reads this index alone.
            models.Index(fields=["recipient"], condition=models.Q(read_at__isnull=True), name="inbox_item_unread"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_unread(self) -> bool:
        return self.read_at is None


class Preference(models.Model):
    """Whether a member of staff wants their inbox by e-mail too (yes unless they say no)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="inbox_preference", verbose_name=_("user")
    )
    email = models.BooleanField(_("also by e-mail"), default=True)

    class Meta:
        verbose_name = _("inbox preference")
        verbose_name_plural = _("inbox preferences")

    def __str__(self):
        return str(self.user)
