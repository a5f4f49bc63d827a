"""What a staff member chooses for themselves (the second factor's devices are django-otp's and
django-otp-webauthn's own models)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from newsroom import languages


def admin_language_choices() -> list[tuple[str, str]]:
    return [("", _("The browser's language"))] + [
        (language.code, f"{language.name_local} ({language.name})") for language in languages.EDITIONS
    ]


class StaffPreference(models.Model):
    """One staff member's settings: for now, the language of the admin (blank: the browser's)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_preference", verbose_name=_("user")
    )
    admin_language = models.CharField(
        _("admin language"),
        max_length=8,
        blank=True,
        choices=admin_language_choices,
        help_text=_("The language of the admin for you. The public site keeps the language of its address."),
    )

    class Meta:
        verbose_name = _("staff preference")
        verbose_name_plural = _("staff preferences")

    def __str__(self):
        return str(self.user)
