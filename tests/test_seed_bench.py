"""seed_bench: a large synthetic newsroom, built in bulk (seed.benchdata)."""

import re
import subprocess
import sys
from collections import Counter, defaultdict
from datetime import datetime, timedelta, timezone
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone as dj_timezone
from articles.models import Tag  # the articles own tag model (per-language names)

from seed import benchdata
from articles.html import sanitize_html
from articles.models import Article, Byline, Interviewee
from people.models import Affiliation, Organization, Person
from tests.factories import PublishedArticleFactory

pytestmark = pytest.mark.django_db

SMALL = ["--articles", "60", "--tags", "30", "--people", "40", "--organizations", "12", "--seed", "3"]
UNTIL = datetime(2026, 3, 1, tzinfo=timezone.utc)


def seed(*args, **kwargs):
    kwargs.setdefault("stdout", StringIO())
    kwargs.setdefault("stderr", StringIO())
    call_command("seed_bench", *args, **kwargs)
    return kwargs


def fingerprint():
    """What a reader or editor would see of the newsroom, without database ids."""
    articles = [
        (
            a.language, a.headline, a.slug, a.dek, a.kind, a.status, a.published_at, a.created_at,
            hash(a.body), sorted(t.name for t in a.tags.all()),
            [(i.person.name, i.role) for i in a.interviewee_links.all()],
            sorted(o.name for o in a.organizations.all()),
        )
        for a in Article.objects.order_by("published_at", "language", "slug").prefetch_related(
            "tags", "interviewee_links__person", "organizations"
        )
    ]
    people = sorted(Person.objects.values_list("name", "native_name", "slug"))
    return articles, people, sorted(Tag.objects.values_list("name", flat=True))


def wipe():
    Interviewee.objects.all().delete()
    Article.objects.all().delete()
    Person.objects.all().delete()
    Organization.objects.all().delete()
    Tag.objects.all().delete()


def test_a_small_run_has_the_newsrooms_proportions():
    seed(*SMALL)

    assert Article.objects.count() == 60
    assert Tag.objects.count() == 30
    assert Person.objects.count() == 40
    assert Organization.objects.count() == 12

    languages = Counter(Article.objects.values_list("language", flat=True))
    assert set(languages) == {"en", "ar", "ku"}
    assert languages["ku"] < languages["en"] and languages["ku"] < languages["ar"]

    versions = defaultdict(list)
    for key, language in Article.objects.values_list("translation_key", "language"):
        versions[key].append(language)
    translated = [langs for langs in versions.values() if len(langs) > 1]
    assert abs(len(translated) - len(versions) / 3) <= 1, "a third of stories are translated"
    assert all(len(langs) == len(set(langs)) for langs in versions.values())

    statuses = Counter(Article.objects.values_list("status", flat=True))
    assert statuses["published"] >= 0.8 * 60
    for status in ("draft", "in_review", "withdrawn", "scheduled"):
        assert statuses[status] >= 1, status

    # People have other spellings and affiliations, organizations have aliases.
    assert not Person.objects.filter(alternate_names__isnull=True).exists()
    assert not Organization.objects.filter(aliases__isnull=True).exists()
    assert Affiliation.objects.count() >= 20
    assert Interviewee.objects.count() >= 20
    assert not Article.objects.filter(bylines__isnull=True).exists()
    assert Article.objects.filter(tags__isnull=False).distinct().count() == 60


def test_dates_statuses_and_links_respect_the_models_rules():
    seed(*SMALL)
    now = dj_timezone.now()

    assert not Article.objects.filter(status__in=["published", "withdrawn", "scheduled"], published_at=None).exists()
    assert not Article.objects.filter(status__in=["draft", "in_review"], published_at__isnull=False).exists()
    published = Article.objects.filter(status="published")
    assert Article.objects.published().count() == published.count(), "published means public now"
    assert not Article.objects.filter(status="scheduled", published_at__lte=now).exists()

    # Ten years of archive, with creation dates of their own rather than the seeding day.
    dates = published.order_by("published_at").values_list("published_at", flat=True)
    oldest, newest = dates.first(), dates.last()
    assert now - oldest <= timedelta(days=3660)
    assert newest - oldest >= timedelta(days=365 * 8)
    assert all(a.created_at <= a.published_at for a in published)
    assert published.filter(created_at__lt=now - timedelta(days=365)).exists()

    for link in Interviewee.objects.exclude(affiliation=None).select_related("affiliation"):
        assert link.affiliation.person_id == link.person_id
    assert not Byline.objects.filter(user=None, name="").exists()
    for affiliation in Affiliation.objects.exclude(end_date=None):
        assert affiliation.end_date >= affiliation.start_date


def test_bodies_are_long_paragraphs_and_subheads_that_sanitizing_leaves_unchanged():
    seed(*SMALL)
    for language in ("en", "ar", "ku"):
        for article in Article.objects.filter(language=language)[:5]:
            assert sanitize_html(article.body) == article.body
            assert set(re.findall(r"</?([a-z0-9]+)", article.body)) == {"p", "h2"}
            words = len(re.sub(r"<[^>]+>", " ", article.body).split())
            assert 600 <= words <= 1200, (language, words)

    arabic = Article.objects.filter(language="ar").first()
    assert re.search(r"[\u0600-\u06ff]{3}", arabic.headline + arabic.body)
    kurdish = Article.objects.filter(language="ku").first()
    assert re.search(r"[êîûçş]", kurdish.body)
    english = Article.objects.filter(language="en").first()
    assert not re.search(r"[\u0600-\u06ff]", english.body) and " the " in english.body


def test_the_same_seed_builds_the_same_newsroom_and_another_seed_another():
    options = dict(articles=30, tags=20, people=25, organizations=10, until=UNTIL)
    benchdata.bench_seed(seed=11, **options)
    first = fingerprint()
    wipe()
    benchdata.bench_seed(seed=11, **options)
    assert fingerprint() == first
    wipe()
    benchdata.bench_seed(seed=12, **options)
    assert fingerprint() != first


def test_it_refuses_a_database_with_content_unless_appending():
    existing = PublishedArticleFactory(headline="Water returns to Aleppo")

    with pytest.raises(CommandError, match="already holds a newsroom \\(articles: 1\\).*--append"):
        seed(*SMALL)
    assert Article.objects.count() == 1
    assert Tag.objects.count() == Person.objects.count() == 0

    seed(*SMALL, "--append")
    assert Article.objects.count() == 61
    existing.refresh_from_db()
    assert existing.headline == "Water returns to Aleppo"

    # Appending again adds new people and tags next to the ones already there.
    seed(*SMALL, "--force")
    assert Article.objects.count() == 121
    assert Tag.objects.count() == 60
    assert Person.objects.count() == 80


@pytest.mark.parametrize("value", ["0", "-5", "many", "1.5", "20000000"])
def test_a_bad_article_count_is_refused_with_a_clear_message(value):
    with pytest.raises(CommandError, match="--articles: must be a whole number between 1 and 10,000,000"):
        seed("--articles", value)
    assert not Article.objects.exists()


def test_the_article_count_is_required():
    with pytest.raises(CommandError, match="--articles"):
        seed()


def test_a_bad_argument_exits_non_zero_on_the_command_line():
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run(
        [sys.executable, "manage.py", "seed_bench", "--articles", "0"],
        cwd=root, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode != 0
    assert "must be a whole number between 1 and 10,000,000, not '0'" in result.stderr


def test_progress_is_shown_and_the_summary_printed():
    streams = seed(*SMALL, "--batch-size", "20")
    progress = streams["stderr"].getvalue()
    assert "0/60 articles" in progress and "100% 60/60 articles" in progress
    summary = streams["stdout"].getvalue()
    assert "Benchmark newsroom ready" in summary and "60 articles" in summary


def test_an_interrupted_run_leaves_the_database_as_it_was():
    calls = []

    def interrupt(done, total):
        calls.append(done)
        if done >= 20:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        benchdata.bench_seed(articles=60, tags=10, people=10, organizations=5, batch_size=20, progress=interrupt)
    assert calls[-1] >= 20
    assert not Article.objects.exists() and not Person.objects.exists() and not Tag.objects.exists()


def test_rows_are_inserted_in_bulk_not_one_query_per_article():
    def queries_for(articles):
        wipe()
        with CaptureQueriesContext(connection) as queries:
            benchdata.bench_seed(articles=articles, tags=10, people=10, organizations=5, until=UNTIL)
        return len(queries)

    small, large = queries_for(20), queries_for(200)
    # 200 articles bring ~1,000 tag, byline, interviewee and mention rows: still a handful of
    # INSERTs per table (the database's limit on parameters splits them), not one per row.
    assert large < small + 40
