"""Staff sign-in with a second factor (accounts/): editors and superusers cannot reach the admin
without one, everyone may add one, recovery codes work once each, wrong codes are throttled,
passkeys cannot be added by a password alone; and each staff member's admin language."""

import re

import pytest
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from accounts import second_factor
from accounts.models import StaffPreference
from tests.accounts_support import current_code, second_factor_device, verified_login
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "pass-word-123"
ADMIN_PAGES = ["/admin/", "/admin/articles/article/", "/admin/audit/", "/admin/people/person/", "/accounts/"]


def sign_in(client, username, next_url="/admin/"):
    """The admin's login form, as a browser posts it; returns the response after redirects."""
    return client.post(
        f"/admin/login/?next={next_url}", {"username": username, "password": PASSWORD, "next": next_url}, follow=True
    )


def landed(response) -> str:
    return response.redirect_chain[-1][0] if response.redirect_chain else response.request["PATH_INFO"]


def codes_on(response) -> list[str]:
    return re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode())


# --- required for editors and superusers -------------------------------------------------------


@pytest.mark.parametrize("who", ["editor", "superuser"])
def test_an_editor_or_superuser_without_a_second_factor_cannot_reach_the_admin(client, who, editor, superuser):
    user = {"editor": editor, "superuser": superuser}[who]
    response = sign_in(client, user.username)
    assert landed(response).startswith("/accounts/setup/")
    assert "Set up your second factor" in response.content.decode()
    for url in ADMIN_PAGES:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/setup/?next="), url
    # Not through a form post either.
    response = client.post("/admin/people/person/add/", {"name": "Someone"})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/setup/")
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def test_an_editor_sets_up_an_app_gets_recovery_codes_and_then_reaches_the_admin(client, editor):
    sign_in(client, "editor", next_url="/admin/articles/article/")
    setup = client.get("/accounts/setup/?next=/admin/articles/article/")
    assert setup.status_code == 200
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    qr = client.get("/accounts/setup/qr.svg")
    assert qr["Content-Type"] == "image/svg+xml" and qr.content.startswith(b"<svg")
    assert b'xmlns="http://www.w3.org/2000/svg"' in qr.content  # an <img> shows only a namespaced SVG
    assert "no-store" in qr["Cache-Control"]
    wrong = client.post("/accounts/setup/", {"code": "000000", "next": "/admin/articles/article/"})
    assert "That code is not right" in wrong.content.decode()
    assert client.get("/admin/").status_code == 302  # still not through
    device.refresh_from_db()
    device.throttle_reset()
    done = client.post("/accounts/setup/", {"code": current_code(device), "next": "/admin/articles/article/"})
    codes = codes_on(done)
    assert len(codes) == second_factor.RECOVERY_CODES == len(set(codes))
    assert 'href="/admin/articles/article/"' in done.content.decode()  # "I have kept them: continue"
    assert client.get("/admin/articles/article/").status_code == 200
    assert StaticToken.objects.filter(device__user=editor).count() == 10


def test_an_editor_with_an_app_gives_its_code_after_the_password(client, editor):
    device = second_factor_device(editor)
    response = sign_in(client, "editor", next_url="/admin/articles/article/")
    assert landed(response).startswith("/accounts/verify/")
    page = response.content.decode()
    assert "One more step" in page and 'name="next" value="/admin/articles/article/"' in page
    assert client.get("/admin/").status_code == 302
    wrong = client.post("/accounts/verify/", {"code": "123456", "next": "/admin/articles/article/"})
    assert wrong.status_code == 200 and "That code is not right" in wrong.content.decode()
    device.refresh_from_db()
    device.throttle_reset()
    right = client.post("/accounts/verify/", {"code": current_code(device), "next": "/admin/articles/article/"})
    assert right.status_code == 302 and right["Location"] == "/admin/articles/article/"
    for url in ADMIN_PAGES[:2]:
        assert client.get(url).status_code == 200


def test_after_the_second_factor_an_unsafe_next_lands_on_the_admin(client, editor):
    device = second_factor_device(editor)
    sign_in(client, "editor")
    response = client.post("/accounts/verify/", {"code": current_code(device), "next": "https://evil.example/"})
    assert response["Location"] == "/admin/"


def test_the_same_app_code_is_not_taken_twice(client, editor):
    device = second_factor_device(editor)
    code = current_code(device)
    sign_in(client, "editor")
    assert client.post("/accounts/verify/", {"code": code}).status_code == 302
    other = type(client)()
    sign_in(other, "editor")
    replay = other.post("/accounts/verify/", {"code": code})
    assert replay.status_code == 200 and "That code is not right" in replay.content.decode()


# --- recovery codes --------------------------------------------------------------------------


def test_recovery_codes_work_once_each(client, editor):
    second_factor_device(editor)
    codes = second_factor.recovery_codes_make(user=editor)
    sign_in(client, "editor")
    assert client.post("/accounts/verify/", {"code": codes[0].upper()}).status_code == 302  # typed in capitals
    assert client.get("/admin/").status_code == 200
    client.post(reverse("admin:logout"))
    sign_in(client, "editor")
    again = client.post("/accounts/verify/", {"code": codes[0]})
    assert again.status_code == 200 and "That code is not right" in again.content.decode()
    assert client.get("/admin/").status_code == 302
    device = StaticDevice.objects.get(user=editor)
    device.throttle_reset()
    assert client.post("/accounts/verify/", {"code": codes[1]}).status_code == 302
    assert StaticToken.objects.filter(device=device).count() == 8


def test_new_recovery_codes_replace_the_old_sheet(client, editor):
    old = second_factor.recovery_codes_make(user=editor)
    verified_login(client, editor)
    page = client.get("/accounts/").content.decode()
    assert "10 left" in page
    response = client.post("/accounts/recovery-codes/")
    new = codes_on(response)
    assert len(new) == 10 and not set(new) & set(old)
    assert set(StaticToken.objects.filter(device__user=editor).values_list("token", flat=True)) == set(new)


# --- throttling of the second factor -------------------------------------------------------------


def test_wrong_codes_are_throttled_and_even_the_right_code_waits(client, editor):
    device = second_factor_device(editor)
    sign_in(client, "editor")
    first = client.post("/accounts/verify/", {"code": "111111"})
    assert first.status_code == 200
    throttled = client.post("/accounts/verify/", {"code": current_code(device)})
    assert throttled.status_code == 429
    assert int(throttled["Retry-After"]) >= 1
    assert "Too many wrong codes" in throttled.content.decode()
    assert client.get("/admin/").status_code == 302
    device.refresh_from_db()
    assert device.throttling_failure_count == 1  # the refused try did not reach the device


def test_recovery_code_guesses_are_throttled_too(client, editor):
    second_factor_device(editor)
    codes = second_factor.recovery_codes_make(user=editor)
    sign_in(client, "editor")
    assert client.post("/accounts/verify/", {"code": "aaaaaaaa"}).status_code == 200
    assert client.post("/accounts/verify/", {"code": codes[0]}).status_code == 429
    assert StaticToken.objects.filter(token=codes[0]).exists()  # not used up by a refused try


# --- optional for everyone else --------------------------------------------------------------------


def test_a_reporter_without_a_second_factor_signs_in_with_the_password(client, reporter):
    response = sign_in(client, "reporter", next_url="/admin/articles/article/")
    assert landed(response) == "/admin/articles/article/" and response.status_code == 200


def test_a_reporter_may_add_an_app_and_is_then_asked_for_it(client, reporter):
    sign_in(client, "reporter")
    account = client.get("/accounts/")
    assert account.status_code == 200 and "Set up an authenticator app" in account.content.decode()
    client.get("/accounts/setup/")
    device = TOTPDevice.objects.get(user=reporter)
    assert codes_on(client.post("/accounts/setup/", {"code": current_code(device)}))
    client.post(reverse("admin:logout"))
    response = sign_in(client, "reporter")
    assert landed(response).startswith("/accounts/verify/")
    assert client.get("/admin/").status_code == 302


def test_an_editor_cannot_remove_their_last_app_but_a_reporter_can(client, editor, reporter):
    device = verified_login(client, editor)
    client.post(reverse("accounts:device-remove", args=["totp", device.pk]), follow=True)
    assert TOTPDevice.objects.filter(pk=device.pk).exists()
    device = verified_login(client, reporter)
    client.post(reverse("accounts:device-remove", args=["totp", device.pk]))
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()


def test_a_superuser_resets_a_staff_members_second_factor_by_removing_the_device(client, editor, superuser):
    device = second_factor_device(editor)
    verified_login(client, superuser)
    listing = client.get("/admin/accounts/authenticatorapp/").content.decode()
    assert "editor" in listing and device.key not in listing  # the secret is never shown
    editor_client = type(client)()
    verified_login(editor_client, editor)
    assert editor_client.get(f"/admin/accounts/authenticatorapp/{device.pk}/change/").status_code == 403
    removed = client.post(f"/admin/accounts/authenticatorapp/{device.pk}/delete/", {"post": "yes"})
    assert removed.status_code == 302 and not TOTPDevice.objects.filter(pk=device.pk).exists()
    assert editor_client.get("/admin/").status_code == 302  # the editor must set up a second factor again


# --- passkeys --------------------------------------------------------------------------------------


def test_a_password_alone_cannot_add_a_passkey_to_an_account_that_has_a_second_factor(client, editor):
    second_factor_device(editor)
    sign_in(client, "editor")
    response = client.post("/accounts/passkeys/registration/begin/", content_type="application/json")
    assert response.status_code == 403 and response.json()["code"] == "user_not_verified"
    assert not WebAuthnCredential.objects.exists()
    assert client.get("/admin/").status_code == 302


def test_a_verified_session_may_start_adding_a_passkey(client, editor):
    verified_login(client, editor)
    response = client.post(
        "/accounts/passkeys/registration/begin/", content_type="application/json", HTTP_HOST="localhost"
    )
    assert response.status_code == 200
    options = response.json()
    assert options["rp"]["id"] == "localhost" and options["challenge"]


def test_no_sign_in_with_a_passkey_alone(client):
    response = client.post("/accounts/passkeys/authentication/begin/", content_type="application/json")
    assert response.status_code == 403


def test_the_verify_page_offers_a_passkey_to_those_who_have_one(client, editor):
    second_factor_device(editor)
    WebAuthnCredential.objects.create(
        user=editor, name="Laptop", credential_id=b"x", public_key=b"k", credential_id_sha256="0" * 64, transports=[]
    )
    sign_in(client, "editor")
    page = client.get("/accounts/verify/").content.decode()
    assert 'id="passkey-verification-button"' in page
    assert "otp_webauthn_auth.js" in page and 'id="otp_webauthn_config" type="application/json"' in page


# --- the admin language ----------------------------------------------------------------------------


def test_a_staff_members_admin_language_takes_effect_at_once_and_at_every_sign_in(client, editor):
    verified_login(client, editor)
    english = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="en" dir="ltr">' in english.content.decode()
    client.post("/accounts/", {"admin_language": "ar"})
    assert StaffPreference.objects.get(user=editor).admin_language == "ar"
    arabic = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="ar" dir="rtl">' in arabic.content.decode()
    assert arabic["Content-Language"] == "ar"
    # The public site keeps the language of its address.
    assert '<html lang="en" dir="ltr">' in client.get("/en/").content.decode()
    # A new sign-in (another browser) brings the preference with it.
    other = type(client)()
    device = TOTPDevice.objects.get(user=editor)
    sign_in(other, "editor")
    other.post("/accounts/verify/", {"code": current_code(device)})
    assert '<html lang="ar" dir="rtl">' in other.get("/admin/", HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_a_blank_admin_language_follows_the_browser(client, reporter):
    StaffPreference.objects.create(user=reporter, admin_language="")
    sign_in(client, "reporter")
    assert '<html lang="ar" dir="rtl">' in client.get("/admin/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert '<html lang="en" dir="ltr">' in client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_an_unknown_admin_language_is_refused_clearly(client, reporter):
    sign_in(client, "reporter")
    response = client.post("/accounts/", {"admin_language": "fr"})
    assert response.status_code == 200 and "fr is not one of the available choices" in response.content.decode()
    assert not StaffPreference.objects.filter(user=reporter).exists()


def test_the_admin_links_my_account(client, reporter):
    sign_in(client, "reporter")
    assert 'href="/accounts/">My account</a>' in client.get("/admin/").content.decode()


def test_a_non_staff_user_gets_no_staff_pages(client):
    UserFactory(username="reader", is_staff=False)
    client.force_login(UserFactory(username="reader2", is_staff=False))
    response = client.get("/accounts/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
