"""Two-factor sign-in in Chromium: an editor's first sign-in sets up an authenticator app (the QR
code and key, then the recovery codes), adds a passkey (Chromium's virtual authenticator stands in
for a phone or a security key) and signs in with it next time; "My account" in Arabic turns the
admin Arabic. Screenshots in artifacts/."""

import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from tests.accounts_support import current_code
from tests.factories import UserFactory

from newsroom import roles


@pytest.fixture
def editor(transactional_db):
    return UserFactory(username="editor", role=roles.EDITOR)


def virtual_authenticator(page):
    """A platform authenticator with a fingerprint reader that always says yes."""
    session = page.context.new_cdp_session(page)
    session.send("WebAuthn.enable")
    session.send("WebAuthn.addVirtualAuthenticator", {"options": {
        "protocol": "ctap2", "transport": "internal", "hasResidentKey": True,
        "hasUserVerification": True, "isUserVerified": True,
    }})
    return session


def test_an_editor_sets_up_an_app_adds_a_passkey_and_signs_in_with_it(page, live_server, editor, artifacts):
    assert live_server.url.startswith("http://localhost:")  # passkeys need a domain name
    virtual_authenticator(page)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "pass-word-123")
    page.click("input[type=submit]")
    page.wait_for_url("**/accounts/setup/**")
    page.wait_for_function("() => { const img = document.querySelector('img.accounts-qr'); return img.complete && img.naturalWidth > 100; }")
    page.screenshot(path=str(artifacts / "accounts-setup.png"), full_page=True)
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    page.fill("#id_code", current_code(device))
    page.click("input[value='Set up']")
    codes = page.locator(".accounts-codes code").all_inner_texts()
    assert len(codes) == 10 and all(re.fullmatch(r"[a-z2-7]{8}", code) for code in codes)
    page.screenshot(path=str(artifacts / "accounts-recovery-codes.png"), full_page=True)
    page.get_by_role("link", name="I have kept them: continue").click()
    page.wait_for_url(f"{live_server.url}/admin/")

    page.goto(f"{live_server.url}/accounts/")
    page.click("#passkey-register-button")
    page.wait_for_function("() => document.querySelectorAll('th').length && [...document.querySelectorAll('th')].some(th => th.textContent.includes('Passkey'))")
    assert WebAuthnCredential.objects.filter(user=editor, confirmed=True).count() == 1
    page.screenshot(path=str(artifacts / "accounts-my-account.png"), full_page=True)

    page.click("#logout-form button")
    page.goto(f"{live_server.url}/admin/login/?next=/admin/articles/article/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "pass-word-123")
    page.click("input[type=submit]")
    page.wait_for_url("**/accounts/verify/**")
    page.screenshot(path=str(artifacts / "accounts-verify.png"), full_page=True)
    page.click("#passkey-verification-button")
    page.wait_for_url(f"{live_server.url}/admin/articles/article/")


def test_my_account_in_arabic_turns_the_admin_arabic_and_right_to_left(page, live_server, transactional_db, artifacts):
    UserFactory(username="reporter", role=roles.REPORTER)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "reporter")
    page.fill("#id_password", "pass-word-123")
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    page.get_by_role("link", name="My account").click()
    page.select_option("#id_admin_language", "ar")
    page.click("input[value='Save']")
    page.goto(f"{live_server.url}/admin/")
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.screenshot(path=str(artifacts / "admin-in-arabic.png"), full_page=True)
    page.goto(f"{live_server.url}/en/")
    assert page.locator("html").get_attribute("lang") == "en"
