from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Staff sign-in: the second factor (TOTP, recovery codes, passkeys), who must have one, and each
    staff member's "My account" page with their admin language (docs/ACCOUNTS.md)."""

    name = "accounts"
    verbose_name = _("Accounts")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Where the admin language preference reaches the session (a signal, not a call: the admin's
        # own login view signs staff in). Imported here because Django loads apps before models.
        from django.contrib.auth.signals import user_logged_in

        from accounts.preferences import remember_language_on_login

        user_logged_in.connect(remember_language_on_login, dispatch_uid="accounts-admin-language")
