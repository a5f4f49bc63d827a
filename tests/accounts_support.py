"""Signing staff in for tests, the honest way.

Editors and superusers must use a second factor before the admin opens (accounts/). Tests that are
about something else sign them in with ``verified_login``: the user gets a real, confirmed TOTP
device, and the session is marked verified with it exactly as ``django_otp.login`` does after a
correct code (the device's persistent id under ``DEVICE_ID_SESSION_KEY``), which django-otp's
middleware reads back on every request. tests/test_accounts.py signs in through the real pages
(password, then a code computed from the device's key) and shows that without this step an editor
cannot reach the admin.
"""

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.second_factor import requires_second_factor


def second_factor_device(user) -> TOTPDevice:
    """The user's confirmed authenticator app (made once)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def current_code(device: TOTPDevice) -> str:
    """The six digits the user's app shows now."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift):06d}"


def unused_code(device: TOTPDevice) -> str:
    """Six digits the device will still accept: the current window's, or, once that code was used
    (django-otp refuses a code twice), the next window's, which its tolerance of one step allows:
    a person signing in twice in half a minute waits for the next code; a test need not."""
    from django_otp.oath import TOTP

    device.refresh_from_db()
    clock = TOTP(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift)
    if clock.t() <= device.last_t:
        clock.time = clock.time + device.step  # (the clock's time is now until set)
    return f"{clock.token():06d}"


def verified_login(client, user):
    """Sign ``user`` in on the test ``client`` with a verified second factor; returns the device."""
    device = second_factor_device(user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


def staff_login(client, user):
    """Sign ``user`` in as they would: with their second factor used where the rules require one
    (editors, superusers; accounts.second_factor.requires_second_factor), with the password alone
    otherwise."""
    if requires_second_factor(user):
        return verified_login(client, user)
    client.force_login(user)
    return None
