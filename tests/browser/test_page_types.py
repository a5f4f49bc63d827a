"""Every page type of the reader site in the three editions — home (curated, with the menu, a
breaking news banner and "Most read"), section front (with "Most read"), most read, article, tag, author, person,
organization, search (with results, and with a filter's error), 404 and 410 — checked four ways:

* the Nu HTML checker (vnu.jar from npm, run with Java) reports 0 errors;
* axe-core reports no serious or critical violation (injected into a context created with
  ``bypass_csp=True``: the site's policy blocks any injected script, as
  ``test_the_sites_policy_blocks_an_injected_axe`` shows — the bypass exists only in these tests);
* Arabic text has enough contrast, measured here (axe-core skips Arabic script);
* no page scrolls sideways on a 390 px phone (the Arabic search page was 2 px too wide).

Feeds are XML, not HTML: tests/test_xss_corpus.py parses every one.
"""

import json
import os
import shutil
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.utils import timezone

from articles.models import Article, Correction
from fronts.models import ArticleSection, BreakingNews, FrontLayout, MenuItem, Section, SectionBlock, Slot
from readership import services
from tests.browser.test_reader import ARABIC_CONTRAST, axe_script
from tests.public_data import story, white_helmets_newsroom

VNU = Path(__file__).resolve().parent.parent.parent / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
EDITIONS = ["en", "ar", "ku"]
PHONE = 390


@pytest.fixture
def site(transactional_db):
    """The White Helmets newsroom, a Kurdish story, and a withdrawn story in each edition."""
    newsroom = white_helmets_newsroom()
    kurdish = story(
        headline="Parastina sivîl li Idlibê dilxwazên nû perwerde dike",
        dek="Raed Al-Saleh dibêje ku her meh kom tên perwerdekirin.",
        body="<p>Rizgarker li Idlibê her meh dilxwazên nû perwerde dikin.</p>",
        language="ku",
        tags=["Idlib"],
        reporter=newsroom.reporter,
        hours_ago=3,
    )
    kurdish.organizations.add(newsroom.civil_defense)
    withdrawn = {}
    for edition in EDITIONS:
        withdrawn[edition] = story(headline=f"Withdrawn {edition}", language=edition, reporter=newsroom.reporter)
        Article.objects.filter(pk=withdrawn[edition].pk).update(
            status=Article.Status.WITHDRAWN, published_at=timezone.now() - timezone.timedelta(days=1)
        )
    articles = {"en": newsroom.interview, "ar": newsroom.interview_ar, "ku": kurdish}
    # Sections, an edition's menu, a curated home and a breaking news banner (fronts/).
    idlib = Section.objects.create(slug="idlib", kind="region", name_en="Idlib", name_ar="إدلب", name_ku="Îdlib")
    society = Section.objects.create(slug="society", name_en="Society", name_ar="مجتمع", name_ku="Civak")
    for edition in EDITIONS:
        ArticleSection.objects.create(article=articles[edition], section=idlib, primary=True)
        ArticleSection.objects.create(article=articles[edition], section=society)
        for position, section in enumerate([society, idlib]):
            MenuItem.objects.create(language=edition, section=section, position=position)
        layout = FrontLayout.objects.create(language=edition, live_from=timezone.now() - timezone.timedelta(hours=1))
        Slot.objects.create(layout=layout, area=Slot.Area.LEAD, article=articles[edition])
        SectionBlock.objects.create(layout=layout, section=society)
        BreakingNews.objects.create(language=edition, headline=BREAKING[edition], link=articles[edition].get_absolute_url(),
                                    ends_at=timezone.now() + timezone.timedelta(hours=2))
    ArticleSection.objects.create(article=newsroom.news, section=society, primary=True)
    for edition, text in {"en": "The crews number 3,000, not 300.", "ar": "عدد الفرق 3000 لا 300.",
                          "ku": "Hejmara tîman 3000 e, ne 300."}.items():
        Correction.objects.create(article=articles[edition], text=text)
    # Readings, so that the home and the section fronts show "Most read" (readership/).
    for n, article in enumerate([*articles.values(), newsroom.news]):
        for reader in range(n + 1):
            services.hit_record(article_pk=article.pk, address=f"198.51.100.{reader}", headers={},
                                user_agent="Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0")
    services.tally_hits()
    services.lists_refresh()
    return newsroom, articles, withdrawn


BREAKING = {"en": "Crossing reopens for aid convoys", "ar": "إعادة فتح المعبر أمام قوافل المساعدات",
            "ku": "Derî ji bo kerwanên alîkariyê vebû"}


def page_types(site) -> dict[str, str]:
    """``{"<edition> <page type>": path}`` for every page type in every edition."""
    newsroom, articles, withdrawn = site
    words = {"en": "rescue", "ar": "الدفاع", "ku": "Idlib"}
    paths = {}
    for edition in EDITIONS:
        paths.update({
            f"{edition} home": f"/{edition}/",
            f"{edition} section front": f"/{edition}/idlib/",
            f"{edition} corrections": f"/{edition}/corrections/",
            f"{edition} most read": f"/{edition}/most-read/",
            f"{edition} article": articles[edition].get_absolute_url(),
            f"{edition} tag": f"/{edition}/tags/idlib/",
            f"{edition} author": f"/{edition}/authors/{newsroom.reporter.pk}/",
            f"{edition} person": f"/{edition}/people/{newsroom.raed.slug}/",
            f"{edition} organization": f"/{edition}/organizations/{newsroom.civil_defense.slug}/",
            f"{edition} search": f"/{edition}/search/?q={urllib.parse.quote(words[edition])}",
            f"{edition} search with an error": f"/{edition}/search/?q=water&person=Nobody+Here&from=2026-13-40",
            f"{edition} 404": f"/{edition}/no-such-page/",
            f"{edition} 410": f"/{edition}/articles/{withdrawn[edition].pk}/{withdrawn[edition].slug}/",
        })
    return paths


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # nosec B310 (the live server)
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def nu_checker() -> list[str]:
    """The command that runs the Nu HTML checker, or skip (fail under CI=true) without it."""
    java = shutil.which("java")
    if VNU.exists() and java:
        return [java, "-Xss8m", "-jar", str(VNU)]
    message = f"Nu HTML checker not available (java: {java}, {VNU}): apt-get install default-jre-headless; npm ci"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message + " — required under CI=true")
    pytest.skip(message)


def test_the_nu_html_checker_finds_no_error_on_any_page_type_in_any_edition(live_server, site, tmp_path):
    command = nu_checker()
    expected = {"404": 404, "410": 410}
    files = {}
    for name, path in page_types(site).items():
        status, body = fetch(live_server.url + path)
        assert status == expected.get(name.split()[-1], 200), (name, status)
        assert b"<html" in body[:200], name
        if name.endswith(("home", "section front")):
            assert b'class="most-read"' in body, name  # checked with the rest of the page
        files[name] = tmp_path / (name.replace(" ", "-") + ".html")
        files[name].write_bytes(body)
    result = subprocess.run(
        [*command, "--format", "json", "--stdout", *map(str, files.values())],
        capture_output=True, text=True, timeout=300,
    )
    messages = json.loads(result.stdout)["messages"]
    by_file = {str(path.resolve()): name for name, path in files.items()}
    errors = [
        f"{by_file.get(urllib.parse.unquote(m.get('url', '')).removeprefix('file:'), m.get('url'))}: "
        f"line {m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] in ("error", "non-document-error")
    ]
    assert errors == [], "\n".join(errors)
    assert len(files) == 39


def test_the_nu_checker_catches_what_it_is_here_for(tmp_path):
    """The check above could fail: the audit's two causes are errors to it."""
    command = nu_checker()
    page = tmp_path / "old.html"
    page.write_text(
        '<!doctype html><html lang="en"><head><title>x</title></head><body>'
        '<time datetime="2026-05-01T10:30:00.123456+00:00">1 May</time>'
        '<form action=""><button>Go</button></form></body></html>',
        encoding="utf-8",
    )
    result = subprocess.run([*command, "--format", "json", "--stdout", str(page)], capture_output=True, text=True, timeout=120)
    errors = [m["message"] for m in json.loads(result.stdout)["messages"] if m["type"] == "error"]
    assert len(errors) == 2, errors
    assert any("datetime" in e for e in errors) and any("action" in e for e in errors)


def test_axe_finds_no_serious_or_critical_violation_on_any_page_type(page_without_csp, live_server, site):
    page = page_without_csp
    script = axe_script()
    found = {}
    for name, path in page_types(site).items():
        page.goto(live_server.url + path)
        page.add_script_tag(path=str(script))
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        serious = [
            (v["id"], v["impact"], [node["target"] for node in v["nodes"]][:3])
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        if serious:
            found[name] = serious
    assert found == {}


def test_the_sites_policy_blocks_an_injected_axe(page, live_server, site):
    """Why the axe tests create their browser context with bypass_csp=True: under the policy every
    reader gets, an injected script does not run (which is the point of the policy)."""
    script = axe_script()
    page.goto(live_server.url + "/en/")
    with pytest.raises(Exception):  # Playwright reports the script tag that failed to load
        page.add_script_tag(content=script.read_text(encoding="utf-8"))
    assert page.evaluate("typeof window.axe") == "undefined"


def test_arabic_text_has_enough_contrast_on_every_page_type(page, live_server, site):
    checked = 0
    for name, path in page_types(site).items():
        if not name.startswith("ar "):
            continue
        page.goto(live_server.url + path)
        texts = page.evaluate(ARABIC_CONTRAST)
        checked += len(texts)
        low = [t for t in texts if t["ratio"] < t["needed"]]
        assert low == [], f"{name}: {low}"
    assert checked > 60


def test_no_page_type_scrolls_sideways_on_a_phone(page, live_server, site, artifacts):
    page.set_viewport_size({"width": PHONE, "height": 800})
    wide = {}
    for name, path in page_types(site).items():
        page.goto(live_server.url + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if overflow > 0:
            wide[name] = overflow
            page.screenshot(path=str(artifacts / f"too-wide-{name.replace(' ', '-')}.png"), full_page=True)
    assert wide == {}


def test_a_violation_in_chromium_is_reported_and_kept_for_superusers(page, live_server, site):
    """The policy's report-uri works with a real browser: a blocked inline script arrives as a report."""
    from security.models import CspReport

    page.goto(live_server.url + "/ar/")
    with pytest.raises(Exception):
        page.add_script_tag(content="window.injected = true;")
    assert page.evaluate("typeof window.injected") == "undefined"
    for _ in range(50):
        if CspReport.objects.exists():
            break
        page.wait_for_timeout(100)
    report = CspReport.objects.get()
    assert report.violated_directive.startswith("script-src")
    assert report.document_uri == live_server.url + "/ar/" and report.blocked_uri == "inline"
