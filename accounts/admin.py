"""The second factor's devices in the admin, for superusers (only they hold these permissions): the
way to reset a staff member's second factor is to delete their devices here; at their next sign-in
an editor is asked to set one up again. Secrets (TOTP keys, recovery codes) are never shown
(``OTP_ADMIN_HIDE_SENSITIVE_DATA``)."""

from django.contrib import admin
from django_otp.plugins.otp_static.admin import StaticDeviceAdmin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.admin import WebAuthnCredentialAdmin
from django_otp_webauthn.models import WebAuthnCredential

from accounts.models import AuthenticatorApp, Passkey, RecoveryCodeSheet, StaffPreference

# Listed through the proxies of accounts/models.py (names in the admin's language), not twice.
for model in (TOTPDevice, StaticDevice, WebAuthnCredential):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


@admin.register(AuthenticatorApp)
class AppAdmin(TOTPDeviceAdmin):
    list_select_related = ["user"]  # one query for the list, not one per row


@admin.register(RecoveryCodeSheet)
class RecoveryCodesAdmin(StaticDeviceAdmin):
    list_select_related = ["user"]


@admin.register(Passkey)
class PasskeyAdmin(WebAuthnCredentialAdmin):
    list_select_related = ["user"]


@admin.register(StaffPreference)
class StaffPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "admin_language"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]
