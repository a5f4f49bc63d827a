from django.db import models
from django.utils.translation import gettext_lazy as _


class CspReport(models.Model):
    """One Content-Security-Policy violation a browser reported (``security.views.csp_report``).

    Kept for superusers to read (admin: Security › CSP reports): a report means either our own page
    broke the policy (a bug to fix) or something tried to run on a reader's page (an extension, an
    injection). No address or cookie of the reader is kept, only what the browser reported and its
    user agent. The newest ``KEPT`` are kept."""

    KEPT = 5000

    received_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)
    document_uri = models.CharField(_("page"), max_length=500, blank=True)
    violated_directive = models.CharField(_("directive"), max_length=200, blank=True)
    blocked_uri = models.CharField(_("blocked"), max_length=500, blank=True)
    source_file = models.CharField(_("source file"), max_length=500, blank=True)
    line_number = models.PositiveIntegerField(_("line"), null=True, blank=True)
    sample = models.CharField(_("sample"), max_length=200, blank=True)
    disposition = models.CharField(_("disposition"), max_length=20, blank=True)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("CSP report")
        verbose_name_plural = _("CSP reports")

    def __str__(self):
        return f"{self.violated_directive} {self.blocked_uri} on {self.document_uri}"
