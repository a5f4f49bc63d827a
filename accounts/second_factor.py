"""The second factor of staff sign-in: who needs one, what counts, and the ways to give one.

Built on django-otp (docs/ACCOUNTS.md says why): a *device* is an authenticator app (``TOTPDevice``:
six-digit codes, RFC 6238), a sheet of recovery codes (``StaticDevice``: ten codes, each works
once) or a passkey (django-otp-webauthn's ``WebAuthnCredential``). A session is *verified* once a
device of the user has been used in it (``django_otp.login`` keeps the device's id in the session;
``OTPMiddleware`` reads it back as ``request.user.is_verified()``).

The rule (``is_satisfied``), applied to every admin page by ``accounts.middleware.StaffMiddleware``:

* editors (anyone who may publish) and superusers must have a second factor and use it;
* everyone else may add one, and once they have, must use it too;
* a wrong code counts against the device (django-otp's throttling: after each failure the next try
  waits 1, 2, 4, 8 … seconds), so codes cannot be guessed, with or without the password.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user, login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

PUBLISH_PERMISSION = "articles.publish_article"
RECOVERY_CODES = 10
APP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"

WRONG_CODE = _("That code is not right. Check the time on your phone, or use a recovery code.")
WAIT_BEFORE_TRYING = _("Too many wrong codes. Wait %(seconds)s seconds, then try again.")
NO_DEVICE = _("You have no second factor yet.")
ALREADY_SET_UP = _("You already have an authenticator app. Remove it before adding another.")
NOT_VERIFIED = _("Sign in with your second factor first.")
LAST_FACTOR = _("Editors must keep an authenticator app or a passkey. Add another before removing this one.")


class Throttled(ValidationError):
    """The device is resting after wrong codes; ``seconds`` until it takes one again."""

    def __init__(self, seconds: int):
        super().__init__(WAIT_BEFORE_TRYING, params={"seconds": seconds}, code="throttled")
        self.seconds = seconds


def requires_second_factor(user) -> bool:
    """Editors (whoever may publish) and superusers must sign in with a second factor."""
    return bool(user.is_active and (user.is_superuser or user.has_perm(PUBLISH_PERMISSION)))


def has_second_factor(user) -> bool:
    """The user has a confirmed authenticator app, passkey or recovery code sheet."""
    return any(True for _device in devices_for_user(user, confirmed=True))


def is_satisfied(request) -> bool:
    """May this signed-in session open the admin, as far as the second factor goes?"""
    user = request.user
    if user.is_verified():
        return True
    return not requires_second_factor(user) and not has_second_factor(user)


def _seconds_to_wait(device) -> int | None:
    allowed, details = device.verify_is_allowed()
    if allowed:
        return None
    locked_until = (details or {}).get("locked_until")
    if locked_until is None:
        return 1
    return max(1, int((locked_until - timezone.now()).total_seconds()) + 1)


def code_verify(*, request, code: str):
    """Sign this session's second factor in with a code from the authenticator app or a recovery
    code (used up). Returns the device; raises ``Throttled`` or ``ValidationError(WRONG_CODE)``.

    A wrong code counts against each device it was tried on; a throttled device is not tried.
    """
    user = request.user
    code = "".join(code.split()).lower()
    devices = [d for d in devices_for_user(user, confirmed=True) if isinstance(d, (TOTPDevice, StaticDevice))]
    if not devices:
        raise ValidationError(NO_DEVICE)
    waits = []
    # Six digits: the app's code; anything else: a recovery code.
    candidates = [d for d in devices if isinstance(d, TOTPDevice) == (code.isdigit() and len(code) == 6)]
    if not candidates:
        raise ValidationError(WRONG_CODE)
    for device in candidates:
        wait = _seconds_to_wait(device)
        if wait is not None:
            waits.append(wait)
            continue
        with transaction.atomic():
            device = type(device).objects.select_for_update().get(pk=device.pk)
            if device.verify_token(code):
                otp_login(request, device)
                return device
    if waits and len(waits) == len(candidates):
        raise Throttled(min(waits))
    raise ValidationError(WRONG_CODE)


# --- setting up -----------------------------------------------------------------------------------


def totp_pending(user) -> TOTPDevice:
    """The authenticator app being set up (unconfirmed until a code from it is typed), made once."""
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        raise ValidationError(ALREADY_SET_UP)
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


@transaction.atomic
def totp_confirm(*, request, code: str) -> list[str] | None:
    """Confirm the app being set up with a code from it; the session is then verified with it.
    Returns new recovery codes when the user had none, else None."""
    user = request.user
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        raise ValidationError(NO_DEVICE)
    wait = _seconds_to_wait(device)
    if wait is not None:
        raise Throttled(wait)
    if not device.verify_token("".join(code.split())):
        raise ValidationError(WRONG_CODE)
    device.confirmed = True
    device.save()
    otp_login(request, device)
    if StaticDevice.objects.filter(user=user, confirmed=True, token_set__isnull=False).exists():
        return None
    return recovery_codes_make(user=user)


@transaction.atomic
def recovery_codes_make(*, user) -> list[str]:
    """A new sheet of ``RECOVERY_CODES`` recovery codes for ``user``; the old sheet stops working.
    The codes are shown once: only the database keeps them from then on."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.confirmed = True
    device.throttle_reset(commit=False)
    device.save()
    device.token_set.all().delete()
    codes = []
    while len(codes) < RECOVERY_CODES:
        code = StaticToken.random_token()
        if code not in codes:
            codes.append(code)
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def device_remove(*, request, device_id: int, kind: str) -> None:
    """Remove one of the signed-in user's authenticator apps or passkeys. An editor keeps at least
    one of them (recovery codes alone are a spare, not a factor to live on)."""
    user = request.user
    if not request.user.is_verified():
        raise ValidationError(NOT_VERIFIED)
    model = {"totp": TOTPDevice, "passkey": WebAuthnCredential}[kind]
    device = model.objects.get(pk=device_id, user=user)
    others = TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk if kind == "totp" else None)
    passkeys = WebAuthnCredential.objects.filter(user=user, confirmed=True).exclude(
        pk=device.pk if kind == "passkey" else None
    )
    if requires_second_factor(user) and not others.exists() and not passkeys.exists():
        raise ValidationError(LAST_FACTOR)
    device.delete()

