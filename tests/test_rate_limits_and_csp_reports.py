"""Per-address rate limits on public search and suggestions (429 with Retry-After, never met by a
reader, never slowing a page the page cache answers), and the CSP violation report endpoint
(rate-limited, size-limited, listed for superusers)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from security.models import CspReport
from tests.accounts_support import verified_login
from tests.conftest import PRODUCTION_RATE_LIMITS
from tests.public_data import white_helmets_newsroom

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def newsroom():
    return white_helmets_newsroom()


def reader(address: str = "203.0.113.7") -> Client:
    return Client(REMOTE_ADDR=address)


# --- rate limits ------------------------------------------------------------------------------------


def test_the_production_limits_are_the_ones_tested_here():
    code = "from django.conf import settings; import json; print(json.dumps(settings.RATE_LIMITS))"
    env = {k: v for k, v in os.environ.items() if not k.startswith("RATE_LIMIT_")}
    result = subprocess.run([sys.executable, "manage.py", "shell", "-v", "0", "-c", code], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=60)
    assert json.loads(result.stdout) == PRODUCTION_RATE_LIMITS, result.stderr


def test_a_busy_reader_never_meets_the_limits(newsroom, settings):
    """A minute of a very busy reader: 40 different searches, and 200 suggestions while typing."""
    settings.RATE_LIMITS = PRODUCTION_RATE_LIMITS
    client = reader()
    for n in range(40):
        assert client.get(f"/en/search/?q=water{n}").status_code == 200
    for n in range(200):
        assert client.get(f"/en/search/suggest/?field=person&q=r{n}").status_code == 200


def test_searching_past_the_limit_answers_429_with_retry_after_in_the_readers_language(newsroom, settings):
    settings.RATE_LIMITS = {**PRODUCTION_RATE_LIMITS, "search": "3/m"}
    client = reader()
    for n in range(3):
        assert client.get(f"/ar/search/?q=ماء{n}").status_code == 200
    refused = client.get("/ar/search/?q=ماء-أخير")
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert "no-store" in refused["Cache-Control"]
    html = refused.content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    # Another address is not held back.
    assert reader("198.51.100.20").get("/ar/search/?q=ماء-أخير").status_code == 200


def test_suggestions_past_the_limit_answer_429_as_json(newsroom, settings):
    settings.RATE_LIMITS = {**PRODUCTION_RATE_LIMITS, "suggest": "2/m"}
    client = reader()
    for n in range(2):
        assert client.get(f"/en/search/suggest/?field=tag&q=i{n}").status_code == 200
    refused = client.get("/en/search/suggest/?field=tag&q=id")
    assert refused.status_code == 429 and refused["Content-Type"] == "application/json"
    assert "Too many requests" in refused.json()["error"] and int(refused["Retry-After"]) >= 1


def test_a_page_from_the_page_cache_is_neither_counted_nor_slowed(newsroom, settings, django_assert_num_queries):
    settings.RATE_LIMITS = {**PRODUCTION_RATE_LIMITS, "search": "1/m"}
    client = reader()
    assert client.get("/en/search/?q=Idlib").status_code == 200  # built, counted
    for _ in range(5):
        with django_assert_num_queries(1):  # the content generation only, as for any kept page
            assert client.get("/en/search/?q=Idlib").status_code == 200
    assert client.get("/en/search/?q=Aleppo").status_code == 429  # a new search reaches the view


def test_behind_our_proxy_the_address_it_saw_is_counted_not_a_forged_one(newsroom, settings):
    settings.BEHIND_PROXY = True
    settings.RATE_LIMITS = {**PRODUCTION_RATE_LIMITS, "search": "2/m"}
    proxy = Client(REMOTE_ADDR="10.0.0.1")
    for n in range(2):
        assert proxy.get(f"/en/search/?q=a{n}", HTTP_X_FORWARDED_FOR=f"1.2.3.{n}, 203.0.113.9").status_code == 200
    # A fresh forged first entry does not give a fresh allowance.
    assert proxy.get("/en/search/?q=a3", HTTP_X_FORWARDED_FOR="9.9.9.9, 203.0.113.9").status_code == 429
    assert proxy.get("/en/search/?q=a3", HTTP_X_FORWARDED_FOR="203.0.113.10").status_code == 200


# --- CSP violation reports ------------------------------------------------------------------------

LEGACY = {
    "csp-report": {
        "document-uri": "http://127.0.0.1:8000/ar/",
        "violated-directive": "script-src-elem",
        "effective-directive": "script-src-elem",
        "blocked-uri": "inline",
        "source-file": "http://127.0.0.1:8000/ar/",
        "line-number": 12,
        "script-sample": "alert(1)",
        "disposition": "enforce",
    }
}
REPORTING_API = [
    {
        "type": "csp-violation",
        "url": "https://news.example.org/en/",
        "body": {
            "documentURL": "https://news.example.org/en/",
            "effectiveDirective": "img-src",
            "blockedURL": "https://tracker.example/pixel.gif",
            "disposition": "enforce",
            "lineNumber": 3,
        },
    },
    {"type": "deprecation", "body": {"id": "x"}},
]


def post(client, data, content_type="application/csp-report", **extra):
    body = data if isinstance(data, (bytes, str)) else json.dumps(data)
    return client.post("/csp-report/", body, content_type=content_type, HTTP_USER_AGENT="Chromium test", **extra)


def test_a_browsers_report_is_stored_in_either_format(client):
    assert post(client, LEGACY).status_code == 204
    assert post(client, REPORTING_API, content_type="application/reports+json").status_code == 204
    first, second = CspReport.objects.order_by("pk")
    assert (first.violated_directive, first.blocked_uri, first.line_number, first.sample) == (
        "script-src-elem", "inline", 12, "alert(1)",
    )
    assert (second.violated_directive, second.blocked_uri, second.document_uri) == (
        "img-src", "https://tracker.example/pixel.gif", "https://news.example.org/en/",
    )
    assert first.user_agent == "Chromium test"
    assert CspReport.objects.count() == 2  # the deprecation report is not ours to keep


@pytest.mark.parametrize("body", [b"not json", b"{}", b'{"csp-report": "x"}', b"[]", "\ud800".encode("utf-8", "surrogatepass")])
def test_what_is_not_a_report_gets_400_and_nothing_is_stored(client, body):
    response = post(client, body)
    assert response.status_code == 400
    assert CspReport.objects.count() == 0


def test_a_report_larger_than_16_kb_is_refused_with_413(client):
    big = {"csp-report": {**LEGACY["csp-report"], "script-sample": "x" * 20_000}}
    assert post(client, big).status_code == 413
    assert CspReport.objects.count() == 0


def test_reports_are_rate_limited_per_address(settings):
    settings.RATE_LIMITS = {**PRODUCTION_RATE_LIMITS, "csp-report": "3/m"}
    client = reader()
    assert [post(client, LEGACY).status_code for _ in range(4)] == [204, 204, 204, 429]
    assert CspReport.objects.count() == 3


def test_only_posts_are_taken_and_fields_are_cut_to_size(client):
    assert client.get("/csp-report/").status_code == 405
    long = {"csp-report": {**LEGACY["csp-report"], "blocked-uri": "https://x.example/" + "a" * 900, "line-number": "12"}}
    assert post(client, long).status_code == 204
    stored = CspReport.objects.get()
    assert len(stored.blocked_uri) == 500 and stored.line_number is None


def test_only_the_newest_reports_are_kept(client, monkeypatch):
    monkeypatch.setattr(CspReport, "KEPT", 3)
    for _ in range(5):
        post(client, LEGACY)
    assert CspReport.objects.count() == 3


def test_every_response_names_where_reports_go(client, newsroom):
    response = client.get("/en/")
    assert "report-uri /csp-report/" in response["Content-Security-Policy"]


def test_superusers_read_the_reports_in_the_admin_and_editors_do_not(client, superuser, editor):
    post(client, LEGACY)
    verified_login(client, superuser)
    listing = client.get("/admin/security/cspreport/")
    assert listing.status_code == 200 and "script-src-elem" in listing.content.decode()
    report = CspReport.objects.get()
    assert client.get(f"/admin/security/cspreport/{report.pk}/change/").status_code == 200
    assert client.get("/admin/security/cspreport/add/").status_code == 403
    verified_login(client, editor)
    assert client.get("/admin/security/cspreport/").status_code == 403
    assert "CSP reports" not in client.get("/admin/").content.decode()
