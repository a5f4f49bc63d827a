"""Browser tests: Playwright for Python driving Debian's Chromium (/usr/bin/chromium).

Without Chromium they are skipped with a notice; under CI=true a missing Chromium is an error.
Screenshots go to artifacts/ (ignored by git).
"""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent.parent.parent / "artifacts"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]

# Playwright's sync API runs an event loop in this thread; the live server and the ORM calls the
# tests make around it are ordinary synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium():
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        message = f"Chromium not found at {CHROMIUM}: apt-get install chromium fonts-noto-core"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message + " (required under CI=true)")
        pytest.skip(message + " — browser tests skipped")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def page_without_csp(chromium):
    """A page for tests that inject their own instruments (axe-core, a test style): the site's
    Content-Security-Policy blocks inline scripts and styles, as it should block anyone's."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def artifacts():
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def admin_login(page, live_server, username, password="pass-word-123"):
    """Sign in through the pages, as staff do: the password, then (editors, superusers, anyone with
    an app) the six digits their authenticator app shows, computed here from the app's key."""
    from django.contrib.auth import get_user_model

    from accounts.second_factor import has_second_factor, requires_second_factor
    from tests.accounts_support import second_factor_device, unused_code

    user = get_user_model().objects.get(username=username)
    device = second_factor_device(user) if requires_second_factor(user) or has_second_factor(user) else None
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    if device is not None:
        page.wait_for_url(f"{live_server.url}/accounts/verify/**")
        page.fill("#id_code", unused_code(device))
        page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
