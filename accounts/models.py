"""What a staff member chooses for themselves (the second factor's devices are django-otp's and
django-otp-webauthn's own models)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

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


# The second factor's devices as the admin lists them, under "Accounts" and in the admin's language
# (django-otp's own models carry English-only names): the same tables, no data of their own.
class AuthenticatorApp(TOTPDevice):
    class Meta:
        proxy = True
        verbose_name = _("authenticator app")
        verbose_name_plural = _("authenticator apps")


class RecoveryCodeSheet(StaticDevice):
    class Meta:
        proxy = True
        verbose_name = _("recovery code sheet")
        verbose_name_plural = _("recovery code sheets")


class Passkey(WebAuthnCredential):
    class Meta:
        proxy = True
        verbose_name = _("passkey")
        verbose_name_plural = _("passkeys")
