"""Passkeys (WebAuthn) as a second factor, through django-otp-webauthn.

The library's own endpoints (``/accounts/passkeys/``), with its rules: a passkey can be added only
by a session that has passed its second factor, or by someone who has none yet (setting up the
first), so whoever knew the password cannot add a passkey of their own and skip the second factor;
and, as we set it, no sign-in with a passkey alone (``OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN =
False``): a passkey is the second step after the password, like the app's code.

The relying party is the address the browser is on (``relying_party_id``): WebAuthn needs a domain
name, so passkeys are offered on ``localhost`` and real domains, not on a bare IP address such as
127.0.0.1 (the page then offers the app's code only).
"""

from django.conf import settings
from django_otp_webauthn.helpers import WebAuthnHelper


def relying_party_id(request) -> str:
    """The host name the browser is on, without its port (ALLOWED_HOSTS has vouched for it)."""
    host = request.get_host()
    if host.startswith("["):
        return host[1:].split("]", 1)[0]
    return host.rsplit(":", 1)[0]


def relying_party_name(request) -> str:
    return settings.SITE_NAME


class PasskeyHelper(WebAuthnHelper):
    def get_allowed_origins(self) -> list[str]:
        """This request's own origin, and the site's public one."""
        own = f"{self.request.scheme}://{self.request.get_host()}"
        return sorted({own, *settings.OTP_WEBAUTHN_ALLOWED_ORIGINS})
