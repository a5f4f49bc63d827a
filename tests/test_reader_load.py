"""bench/readers.py judges what readers saw against the editor's log: these cases show that it catches
a stale page and lets through what the cache lifetime allows. (The load run itself: `python
bench/readers.py`, and its short smoke run in .ci/run.)"""

import importlib.util
import sys
from pathlib import Path

import pytest

from articles.models import Article, Correction, StatusChange

SCRIPT = Path(__file__).resolve().parent.parent / "bench" / "readers.py"
spec = importlib.util.spec_from_file_location("bench_readers", SCRIPT)
readers = importlib.util.module_from_spec(spec)
sys.modules["bench_readers"] = readers  # its dataclasses look their module up there
spec.loader.exec_module(readers)

Event, View = readers.Event, readers.View
LIFETIME = 60


def article_view(at, fetched_at, *, status=200, markers=(), source="cache", pk=7):
    return View(at, fetched_at, fetched_at + 0.05, f"/en/articles/{pk}/x/", pk, "en", "article", status, source,
                frozenset(markers))


def home_view(at, fetched_at, links, *, source="network"):
    return View(at, fetched_at, fetched_at + 0.05, "/en/", None, "en", "home", 200, source, frozenset(), frozenset(links))


EVENTS = [
    Event(100.0, 7, "correct", "C-00001", "en"),
    Event(110.0, 8, "publish", language="en"),
    Event(120.0, 9, "withdraw", language="en"),
]


def stale(view):
    """The two verdicts the run reports: beyond the lifetime, and from the server."""
    beyond = readers.judge(view, EVENTS, view.at - LIFETIME, view.at)
    server = readers.judge(view, EVENTS, view.fetched_at, view.received_at) if view.source != "cache" else ""
    return beyond, server


def test_a_browser_copy_may_miss_a_correction_within_the_lifetime_but_not_beyond():
    assert stale(article_view(at=150, fetched_at=95)) == ("", "")  # 50 s after the correction
    beyond, _ = stale(article_view(at=161, fetched_at=95))  # 61 s after it
    assert beyond == "story #7 lacks ['C-00001']"


def test_a_page_fresh_from_the_server_must_show_everything_committed_before_it_was_asked_for():
    _, server = stale(article_view(at=101, fetched_at=100.5, source="network"))
    assert server == "story #7 lacks ['C-00001']"
    assert stale(article_view(at=101, fetched_at=100.5, source="network", markers=["C-00001"])) == ("", "")
    # Committed while the request was on its way: either version is right.
    assert stale(article_view(at=100.1, fetched_at=99.99, source="network")) == ("", "")


def test_a_withdrawn_story_must_answer_410_once_its_lifetime_has_passed():
    assert stale(article_view(at=181, fetched_at=119, pk=9))[0] == "withdrawn story #9 still shown (200)"
    assert stale(article_view(at=170, fetched_at=119, pk=9)) == ("", "")
    assert stale(article_view(at=125, fetched_at=124.9, pk=9, status=410, source="network")) == ("", "")
    assert stale(article_view(at=125, fetched_at=124.9, pk=9, source="network"))[1] == "withdrawn story #9 still shown (200)"


def test_the_home_page_must_lead_with_the_newest_story_and_drop_withdrawn_ones():
    assert stale(home_view(at=112, fetched_at=111, links=[7, 8])) == ("", "")
    assert stale(home_view(at=112, fetched_at=111, links=[7]))[1] == "/en/ lacks the newest story #8"
    assert stale(home_view(at=122, fetched_at=121, links=[8, 9]))[1] == "/en/ still lists withdrawn [9]"


@pytest.mark.django_db
def test_the_editor_works_through_the_workflow_services():
    import random

    newsroom = readers.seed(stories=12, drafts=2, rng=random.Random(1))
    published = readers.editor_step(newsroom, "publish", 1, random.Random(1))
    assert Article.objects.get(pk=published.pk).status == Article.Status.PUBLISHED
    assert StatusChange.objects.get(article_id=published.pk).actor == newsroom.editor
    corrected = readers.editor_step(newsroom, "correct", 2, random.Random(1))
    assert Correction.objects.get(article_id=corrected.pk).text.endswith("(C-00002).")
    assert Article.objects.get(pk=corrected.pk).revised_at is not None  # readers see "Updated"
    updated = readers.editor_step(newsroom, "update", 3, random.Random(2))
    assert "U-00003" in Article.objects.get(pk=updated.pk).body
    withdrawn = readers.editor_step(newsroom, "withdraw", 4, random.Random(1))
    assert Article.objects.get(pk=withdrawn.pk).status == Article.Status.WITHDRAWN
    readers.editor_step(newsroom, "republish", 5, random.Random(1))
    assert Article.objects.get(pk=withdrawn.pk).status == Article.Status.PUBLISHED
