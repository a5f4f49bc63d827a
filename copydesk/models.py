from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from articles.models import Article


class ImportRecord(models.Model):
    """One piece of copy turned into a draft: what it was, who imported it, what was recognised.

    The fingerprint of the copy's content is unique, so importing the same story again (in another
    encoding, with other line endings, as .docx or pasted) creates nothing and names this article.
    """

    class Format(models.TextChoices):
        TEXT = "text", _("Plain text file")
        DOCX = "docx", _("Word file")
        PASTE = "paste", _("Pasted text")

    fingerprint = models.CharField(_("fingerprint"), max_length=64, unique=True, editable=False)
    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, related_name="import_record", verbose_name=_("article")
    )
    source_name = models.CharField(_("file"), max_length=255, blank=True)
    source_format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    proposals = models.JSONField(
        _("proposals"), default=dict, blank=True, help_text=_("People, organizations, tags and kind proposed on import.")
    )
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("imported by"),
    )
    imported_at = models.DateTimeField(_("imported"), auto_now_add=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("confirmed by"),
    )
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    class Meta:
        verbose_name = _("imported copy")
        verbose_name_plural = _("imported copy")
        ordering = ["-imported_at", "-id"]
        indexes = [models.Index(fields=["-imported_at", "-id"], name="import_record_recent")]  # the admin list

    def __str__(self):
        return f"{self.source_name or self.get_source_format_display()} → {self.article}"
