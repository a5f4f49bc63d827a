"""Production settings: security headers and Content-Security-Policy, cookies, login throttling,
strong passwords."""

import base64
import hashlib
import json
import re

import pytest
import time_machine
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import timezone

from newsroom.headers import PROSE_EDITOR_STYLE_HASHES
from tests.factories import UserFactory
from tests.public_data import white_helmets_newsroom
from tests.test_settings import PRODUCTION, run_manage
from tests.xss_support import inspect_html
from tests.accounts_support import staff_login

LOGIN = "/admin/login/?next=/admin/"
PASSWORD = "pass-word-123"


def policy(response) -> dict[str, list[str]]:
    """The Content-Security-Policy header as {directive: [sources]}."""
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


# --- headers -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_public_pages_allow_only_this_sites_scripts_styles_and_pictures(client):
    newsroom = white_helmets_newsroom()
    for url in ["/en/", newsroom.interview.get_absolute_url(), "/en/search/?q=water", "/en/rss/", "/sitemap.xml"]:
        response = client.get(url)
        csp = policy(response)
        assert csp["script-src"] == ["'self'"], url
        assert csp["style-src"] == ["'self'"]
        assert csp["img-src"] == ["'self'"]
        assert csp["default-src"] == ["'self'"]
        assert csp["object-src"] == csp["base-uri"] == csp["frame-ancestors"] == ["'none'"]
        assert csp["form-action"] == ["'self'"]
        assert "unsafe-inline" not in response["Content-Security-Policy"]
        assert "unsafe-eval" not in response["Content-Security-Policy"]
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert response["X-Frame-Options"] == "DENY"
        assert "camera=()" in response["Permissions-Policy"]
        assert "geolocation=()" in response["Permissions-Policy"]


@pytest.mark.django_db
def test_public_pages_need_no_inline_script_or_style(client):
    """So the strict policy costs readers nothing: the only inline script is JSON-LD (data, not run);
    other scripts are files of this site (share links, live updates), which the policy allows."""
    newsroom = white_helmets_newsroom()
    for url in ["/en/", "/ar/", newsroom.interview.get_absolute_url(), f"/en/people/{newsroom.raed.slug}/"]:
        html = client.get(url).content.decode()
        assert inspect_html(html).findings == [], url
        assert re.findall(r"<script(?![^>]*(?:application/ld\+json|\ssrc=\"/static/))", html) == []
        assert "<style" not in html and " style=" not in html


@pytest.mark.django_db
def test_admin_policy_allows_the_editor_import_map_by_its_hash_and_nothing_inline(client, superuser):
    staff_login(client, superuser)
    response = client.get("/admin/articles/article/add/")
    html = response.content.decode()
    (import_map,) = re.findall(r'<script type="importmap">(.*?)</script>', html, re.S)
    digest = base64.b64encode(hashlib.sha256(import_map.encode()).digest()).decode()
    csp = policy(response)
    assert csp["script-src"] == ["'self'", f"'sha256-{digest}'"]
    assert csp["style-src"] == ["'self'", *PROSE_EDITOR_STYLE_HASHES]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    # Every other script on the page is a file of this site.
    inline = re.findall(r"<script(?![^>]*\ssrc=)([^>]*)>", html)
    assert [a for a in inline if "importmap" not in a and "json" not in a] == []


@pytest.mark.django_db
def test_a_share_link_page_is_private_and_leaks_no_address(client, editor):
    """An outsider reads an unpublished story through a share link: no cache keeps it, no search
    engine indexes it, and a link followed from it tells the other site nothing of the address."""
    from desk import previews as preview
    from tests.factories import ArticleFactory, BylineFactory

    draft = ArticleFactory(body='<p>See <a href="https://example.org/report">the report</a>.</p>')
    BylineFactory(article=draft)
    link = preview.share_link_create(article=draft, user=editor, days=2)
    response = client.get(preview.share_link_url(link))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "no-referrer"
    assert policy(response)["script-src"] == ["'self'"]


def test_production_variables_give_secure_cookies_hsts_and_an_upgrading_policy(tmp_path):
    code = (
        "from django.conf import settings as s; from django.test import Client; import json;"
        "c = Client(); r = c.get('/robots.txt', secure=True); login = c.get('/admin/login/', secure=True);"
        "print(json.dumps({'cookies': [s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY,"
        " s.CSRF_COOKIE_HTTPONLY, s.SESSION_COOKIE_SAMESITE], 'redirect': s.SECURE_SSL_REDIRECT,"
        " 'hsts': r.get('Strict-Transport-Security'), 'csp': r.get('Content-Security-Policy'),"
        " 'csrf_cookie': login.cookies['csrftoken'].output(), 'plain': c.get('/robots.txt').status_code}))"
    )
    env = {**PRODUCTION, "ALLOWED_HOSTS": "testserver", "DATABASE_URL": f"sqlite:///{tmp_path}/prod.sqlite3"}
    # Public pages read the content generation (the page cache key), so the database is migrated.
    assert run_manage("migrate", "-v0", env_overrides=env).returncode == 0
    result = run_manage("shell", "-c", code, env_overrides=env)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["cookies"] == [True, True, True, True, "Lax"]
    assert found["redirect"] is True and found["plain"] == 301  # plain HTTP is sent to HTTPS
    assert found["hsts"] == "max-age=31536000; includeSubDomains; preload"
    assert "upgrade-insecure-requests" in found["csp"]
    assert "Secure" in found["csrf_cookie"] and "HttpOnly" in found["csrf_cookie"]


@pytest.mark.django_db
def test_the_staff_session_cookie_is_httponly_and_ends_with_the_browser(client, editor):
    response = client.post(LOGIN, {"username": "editor", "password": PASSWORD})
    assert response.status_code == 302
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert cookie["max-age"] == ""  # a browser-session cookie
    assert client.session.get_expiry_age() == 12 * 3600


# --- passwords ---------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("password", "why"),
    [
        ("Aleppo-2026", "too short"),
        ("password1234", "too common"),
        ("202620262026", "entirely numeric"),
        ("samer.taha.1990", "too similar"),
    ],
)
def test_weak_staff_passwords_are_refused(password, why):
    user = UserFactory.build(username="samer.taha", first_name="Samer", last_name="Taha", email="samer.taha@example.org")
    with pytest.raises(ValidationError) as refusal:
        validate_password(password, user)
    assert why in " ".join(refusal.value.messages)


@pytest.mark.django_db
def test_a_passphrase_is_accepted():
    validate_password("tembur lessons in qamishli", UserFactory.build(username="samer"))


@pytest.mark.django_db
def test_the_user_admin_refuses_a_weak_password_and_creates_nobody(client, superuser):
    staff_login(client, superuser)
    response = client.post(
        "/admin/auth/user/add/",
        {"username": "stringer", "password1": "aleppo2026", "password2": "aleppo2026", "usable_password": "true"},
    )
    assert response.status_code == 200
    assert "This password is too short. It must contain at least 12 characters." in response.content.decode()
    assert not get_user_model().objects.filter(username="stringer").exists()


# --- login throttling --------------------------------------------------------------------------


def fail(client, username, **extra):
    return client.post(LOGIN, {"username": username, "password": "not-the-password"}, **extra)


@pytest.mark.django_db
def test_five_wrong_passwords_pause_sign_in_even_with_the_right_one(client, editor):
    for _ in range(4):
        assert fail(client, "editor").status_code == 200  # the form again, with its error
    locked = fail(client, "editor")
    assert locked.status_code == 429
    assert "Too many failed sign-ins" in locked.content.decode()
    assert "paused for 15 minutes" in locked.content.decode()
    assert locked["Retry-After"] == "900"
    right = client.post(LOGIN, {"username": "editor", "password": PASSWORD})
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session
    attempt = AccessAttempt.objects.get(username="editor")  # who was tried, from where, how often
    assert (attempt.failures_since_start, attempt.ip_address) == (6, "127.0.0.1")  # the refused one too


@pytest.mark.django_db
def test_sign_in_works_again_after_the_cool_off(client, editor):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for _ in range(5):
            fail(client, "editor")
        assert client.post(LOGIN, {"username": "editor", "password": PASSWORD}).status_code == 429
    with time_machine.travel(start + timezone.timedelta(minutes=16), tick=False):
        response = client.post(LOGIN, {"username": "editor", "password": PASSWORD})
        assert response.status_code == 302
        assert client.session["_auth_user_id"] == str(editor.pk)


@pytest.mark.django_db
def test_guessing_many_usernames_from_one_address_is_paused_too(client, editor, reporter):
    for name in ["admin", "root", "editor2", "samer", "reporter"]:
        fail(client, name)
    assert client.post(LOGIN, {"username": "editor", "password": PASSWORD}).status_code == 429
    # Someone else, elsewhere, signs in as usual.
    other = client.post(LOGIN, {"username": "editor", "password": PASSWORD}, REMOTE_ADDR="10.1.2.3")
    assert other.status_code == 302


@pytest.mark.django_db
def test_one_account_is_protected_from_guesses_spread_over_many_addresses(client, editor):
    for n in range(5):
        fail(client, "editor", REMOTE_ADDR=f"192.0.2.{n}")
    assert client.post(LOGIN, {"username": "editor", "password": PASSWORD}, REMOTE_ADDR="10.9.9.9").status_code == 429


@pytest.mark.django_db
def test_behind_the_proxy_a_forged_forwarded_address_does_not_reset_the_count(client, editor, settings):
    settings.BEHIND_PROXY = True
    for n in range(5):
        # The client writes its own X-Forwarded-For; the proxy appends the address it saw.
        fail(client, f"guess{n}", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}, 198.51.100.7", REMOTE_ADDR="10.0.0.1")
    locked = fail(client, "guess9", HTTP_X_FORWARDED_FOR="203.0.113.99, 198.51.100.7", REMOTE_ADDR="10.0.0.1")
    assert locked.status_code == 429
    assert AccessAttempt.objects.filter(ip_address="198.51.100.7").count() == 6
    # Another reader behind the same proxy is not affected.
    ok = client.post(LOGIN, {"username": "editor", "password": PASSWORD}, HTTP_X_FORWARDED_FOR="198.51.100.8", REMOTE_ADDR="10.0.0.1")
    assert ok.status_code == 302
