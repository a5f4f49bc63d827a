"""Purges reach the edge: each backend (Varnish, Fastly, Cloudflare) sends exactly the keys, as its
API wants them, to a stand-in server that records the calls; a purge the edge refuses is tried again;
the Varnish configuration compiles, and a real Varnish in front of the site removes exactly the
pages carrying a purged key."""

import json
import os
import re
import shutil
import socket
import subprocess
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from threading import Thread

import pytest
from django_tasks_db.models import DBTaskResult

from public import keys, purge
from public.tasks import RETRY_DELAYS, edge_purge

ROOT = Path(__file__).resolve().parent.parent
VCL = ROOT / "deploy" / "varnish" / "default.vcl"
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"


class StandIn:
    """A local HTTP server that records every request and answers ``status`` with ``body``."""

    def __init__(self, *, status=200, body=b'{"success": true}'):
        self.calls: list[dict] = []
        recorded, answer = self.calls, (status, body)

        class Handler(BaseHTTPRequestHandler):
            def _record(self):
                length = int(self.headers.get("Content-Length") or 0)
                recorded.append({"method": self.command, "path": self.path,
                                 "headers": {name.lower(): value for name, value in self.headers.items()},
                                 "body": self.rfile.read(length)})
                self.send_response(answer[0])
                self.send_header("Content-Length", str(len(answer[1])))
                self.end_headers()
                self.wfile.write(answer[1])

            do_PURGE = do_POST = do_GET = _record

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def stand_in():
    server = StandIn()
    yield server
    server.close()


KEYS = [f"a{n}" for n in range(40)] + ["e-ar", "t7", "sitemap"]


def test_varnish_gets_a_purge_per_server_with_the_keys_in_xkey_purge(settings, stand_in):
    other = StandIn()
    settings.EDGE_PURGE_BACKEND = "varnish"
    settings.EDGE_VARNISH_URLS = [stand_in.url, other.url]
    try:
        assert purge.purge(KEYS + ["a1"]) == len(KEYS)
    finally:
        other.close()
    for server in (stand_in, other):
        assert [(c["method"], c["path"]) for c in server.calls] == [("PURGE", "/")]
        assert server.calls[0]["headers"]["xkey-purge"].split() == sorted(KEYS)


def test_fastly_gets_the_keys_in_surrogate_key_256_a_request(settings, stand_in):
    settings.EDGE_PURGE_BACKEND = "fastly"
    settings.FASTLY_API_URL, settings.FASTLY_SERVICE_ID, settings.FASTLY_API_TOKEN = stand_in.url, "svc1", "token-x"
    many = [f"a{n}" for n in range(300)]
    purge.purge(many)
    assert [(c["method"], c["path"]) for c in stand_in.calls] == [("POST", "/service/svc1/purge")] * 2
    sent = [key for call in stand_in.calls for key in call["headers"]["surrogate-key"].split()]
    assert sorted(sent) == sorted(many) and len(stand_in.calls[0]["headers"]["surrogate-key"].split()) == 256
    assert {c["headers"]["fastly-key"] for c in stand_in.calls} == {"token-x"}


def test_cloudflare_gets_the_keys_as_tags_30_a_request(settings, stand_in):
    settings.EDGE_PURGE_BACKEND = "cloudflare"
    settings.CLOUDFLARE_API_URL, settings.CLOUDFLARE_ZONE_ID, settings.CLOUDFLARE_API_TOKEN = stand_in.url, "z9", "cf"
    purge.purge(KEYS)
    assert {(c["method"], c["path"]) for c in stand_in.calls} == {("POST", "/zones/z9/purge_cache")}
    tags = [tag for call in stand_in.calls for tag in json.loads(call["body"])["tags"]]
    assert sorted(tags) == sorted(KEYS) and len(stand_in.calls) == 2
    assert {c["headers"]["authorization"] for c in stand_in.calls} == {"Bearer cf"}


def test_without_an_edge_nothing_is_sent(settings, stand_in):
    settings.EDGE_PURGE_BACKEND = ""
    assert purge.purge(KEYS) == 0 and stand_in.calls == []


@pytest.mark.django_db
def test_a_refused_purge_is_tried_again_later_then_given_up(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    refusing = StandIn(status=503, body=b"busy")
    settings.EDGE_PURGE_BACKEND = "cloudflare"
    settings.CLOUDFLARE_API_URL, settings.CLOUDFLARE_ZONE_ID, settings.CLOUDFLARE_API_TOKEN = refusing.url, "z", "t"
    try:
        assert edge_purge.call(["a1"]) == "retrying"
        retry = DBTaskResult.objects.get(task_path="public.tasks.edge_purge")
        assert retry.args_kwargs["kwargs"]["attempt"] == 1
        with pytest.raises(purge.PurgeFailed):
            edge_purge.call(["a1"], attempt=len(RETRY_DELAYS))
    finally:
        refusing.close()
    assert len(refusing.calls) == 2


class TestPurgeAtOnce:
    """The process that commits a change purges the edge itself; the task is only the fallback, so a
    busy or stopped worker does not keep readers on the old page."""

    @pytest.fixture
    def publishing(self, settings):
        from tests.factories import PublishedArticleFactory

        settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
        settings.EDGE_PURGE_BACKEND = "varnish"
        return PublishedArticleFactory

    @pytest.mark.django_db(transaction=True)
    def test_a_committed_change_is_purged_by_its_own_process_with_no_task(self, publishing, settings, stand_in):
        settings.EDGE_VARNISH_URLS = [stand_in.url]
        article = publishing(headline="Bakeries reopen")
        assert len(stand_in.calls) == 1
        assert keys.article(article.pk) in stand_in.calls[0]["headers"]["xkey-purge"].split()
        assert not DBTaskResult.objects.filter(task_path="public.tasks.edge_purge").exists()

    @pytest.mark.django_db(transaction=True)
    def test_an_edge_that_refuses_leaves_the_purge_to_the_task(self, publishing, settings):
        refusing = StandIn(status=503, body=b"busy")
        settings.EDGE_VARNISH_URLS = [refusing.url]
        try:
            article = publishing(headline="Bakeries reopen")
        finally:
            refusing.close()
        assert len(refusing.calls) == 1
        task = DBTaskResult.objects.get(task_path="public.tasks.edge_purge")
        assert keys.article(article.pk) in task.args_kwargs["args"][0]

    @pytest.mark.django_db(transaction=True)
    def test_switched_off_every_purge_goes_through_the_task(self, publishing, settings, stand_in):
        settings.EDGE_VARNISH_URLS = [stand_in.url]
        settings.EDGE_PURGE_AT_ONCE_SECONDS = 0
        publishing(headline="Bakeries reopen")
        assert stand_in.calls == []
        assert DBTaskResult.objects.filter(task_path="public.tasks.edge_purge").count() == 1


# --- Varnish itself ---------------------------------------------------------------------------------


def varnish_or_skip():
    if not os.path.exists(VARNISHD):
        if os.environ.get("CI") == "true":
            pytest.fail("varnishd is missing: .ci/run installs varnish and varnish-modules")
        pytest.skip("varnishd is not installed (apt-get install varnish varnish-modules)")


def test_the_varnish_configuration_compiles():
    varnish_or_skip()
    result = subprocess.run([VARNISHD, "-C", "-f", str(VCL)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str, method: str = "GET", headers=None):
    request = urllib.request.Request(url, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, dict(answer.headers), answer.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture
def varnish(live_server, tmp_path):
    """Varnish from deploy/varnish/default.vcl, in front of the test's live server."""
    varnish_or_skip()
    host, port = live_server.url.rsplit("//", 1)[1].split(":")
    shutil.copy(VCL, tmp_path / "default.vcl")
    (tmp_path / "backends.vcl").write_text(
        f'backend app1 {{ .host = "{host}"; .port = "{port}"; }}\n'
        "sub vcl_init { new newsroom = directors.round_robin(); newsroom.add_backend(app1); }\n"
    )
    listen = free_port()
    work = tmp_path / "varnish"
    process = subprocess.Popen(
        [VARNISHD, "-F", "-j", "none", "-n", str(work), "-a", f"127.0.0.1:{listen}", "-f", str(tmp_path / "default.vcl"),
         "-s", "malloc,32m", "-T", "none"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    url = f"http://127.0.0.1:{listen}"
    for _ in range(100):
        try:
            fetch(url + "/robots.txt")
            break
        except OSError:
            if process.poll() is not None:
                pytest.fail(process.stdout.read()[-2000:])
            time.sleep(0.1)
    yield url
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.mark.django_db(transaction=True)
def test_a_purge_by_key_through_varnish_removes_exactly_the_pages_carrying_it(varnish, settings):
    from tests.public_data import story

    first = story(headline="Water returns to Hasakah", tags=["Water"])
    second = story(headline="Olive harvest begins in Afrin", tags=["Olives"])
    pages = {name: varnish + article.get_absolute_url() for name, article in [("first", first), ("second", second)]}
    for url in pages.values():
        status, headers, _ = fetch(url)
        assert status == 200 and headers["X-Cache"] == "MISS"
        assert "xkey" not in {name.lower() for name in headers}  # the keys stay at the edge
        assert fetch(url)[1]["X-Cache"] == "HIT"
    settings.EDGE_PURGE_BACKEND, settings.EDGE_VARNISH_URLS = "varnish", [varnish]
    purge.purge([keys.article(first.pk)])
    assert fetch(pages["first"])[1]["X-Cache"] == "MISS"
    assert fetch(pages["second"])[1]["X-Cache"] == "HIT"
    purge.purge([keys.tag(second.tags.get().pk)])  # a key only the second page carries
    assert fetch(pages["second"])[1]["X-Cache"] == "MISS"
    assert fetch(pages["first"])[1]["X-Cache"] == "HIT"


@pytest.mark.django_db(transaction=True)
def test_varnish_passes_staff_and_refuses_purges_without_keys(varnish):
    status, headers, _ = fetch(varnish + "/admin/login/")
    assert status == 200 and headers["X-Cache"] == "MISS"
    assert fetch(varnish + "/admin/login/")[1]["X-Cache"] == "MISS"  # never kept
    assert fetch(varnish + "/", "PURGE")[0] == 400


@pytest.mark.django_db(transaction=True)
def test_links_with_tracking_parameters_share_the_kept_page_at_the_edge(varnish):
    from tests.public_data import story

    article = story(headline="Water returns to Hasakah", tags=["Water"])
    url = varnish + article.get_absolute_url()
    assert fetch(url)[1]["X-Cache"] == "MISS"
    for shared in ["?utm_source=whatsapp&utm_medium=share", "?fbclid=IwAR0abc", "?gclid=x&utm_campaign=y"]:
        assert fetch(url + shared)[1]["X-Cache"] == "HIT", shared
    assert fetch(url + "?page=2&utm_source=x")[1]["X-Cache"] == "MISS"  # a real parameter stays
    assert fetch(url + "?page=2")[1]["X-Cache"] == "HIT"


def test_the_edge_drops_the_same_tracking_parameters_as_the_page_cache():
    from public.caching import TRACKING_PARAMETERS, TRACKING_PREFIX

    dropped = re.search(r'req\.url ~ "\[\?&\]\(([^)]*)\)="', VCL.read_text()).group(1).split("|")
    assert set(dropped) == TRACKING_PARAMETERS | {TRACKING_PREFIX + "[a-z_]+"}


@pytest.mark.django_db(transaction=True)
def test_static_files_are_kept_at_the_edge(varnish):
    status, headers, _ = fetch(varnish + "/static/css/site.css")
    assert status == 200 and headers["X-Cache"] == "MISS"
    assert fetch(varnish + "/static/css/site.css")[1]["X-Cache"] == "HIT"
