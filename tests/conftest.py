import threading

import pytest
from django.conf import settings
from django.core.servers.basehttp import ServerHandler
from django.test.testcases import TransactionTestCase
from django.utils import translation

from newsroom import roles
from tests import accounts_support
from tests.copy_fixtures import SHARED_FIXTURES, fixture_text, register_interview, shared_files
from tests.factories import UserFactory


def pytest_report_header(config):
    """Say whether ../shared/fixtures adds copy-desk tests: it is an extra input where present,
    never a reason to skip (no folder, no extra test)."""
    found = shared_files()
    if found:
        return f"shared fixtures: {len(found)} file(s) in {SHARED_FIXTURES}, tested as extra input"
    return f"shared fixtures: none at {SHARED_FIXTURES} (no extra tests; the copy desk's own are in tests/fixtures)"


_SHARED_CONNECTION = threading.Lock()
_answer = ServerHandler.run


def _answer_one_at_a_time(handler, application):
    """The live server answers one request at a time when its threads share the test's in-memory
    SQLite connection: a browser asks several things at once (a page, then its CSP report or favicon
    while the next page loads), and two threads in one SQLite connection break each other's
    transactions ("cannot start a transaction within a transaction", answered 503). Held per request
    (not per connection: a browser keeps a connection open between requests). On PostgreSQL, and on
    the file databases of a real site, each thread has its own connection and nothing waits."""
    if not getattr(handler.request_handler.server, "connections_override", None):
        return _answer(handler, application)
    with _SHARED_CONNECTION:
        return _answer(handler, application)


ServerHandler.run = _answer_one_at_a_time
_flush = TransactionTestCase._fixture_teardown


def _flush_alone(self):
    """A transactional test's database is emptied while no request of its live server runs: a
    browser's last beacon (a page closing says "left") arriving during the flush met it in the same
    connection, and both waited for ever."""
    with _SHARED_CONNECTION:
        return _flush(self)


TransactionTestCase._fixture_teardown = _flush_alone


@pytest.fixture(autouse=True)
def tasks_run_in_the_test(settings):
    """Background tasks run in the test's process, once the change that enqueued them commits
    (``django_capture_on_commit_callbacks(execute=True)`` commits them in a test). The worker itself
    is tested with the database backend and a real ``run_worker`` process (tests/test_jobs.py)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}}


@pytest.fixture(autouse=True)
def default_language():
    """Every test starts in the site's default language. A request leaves its language active in the
    thread (the locale middleware activates it; nothing deactivates it), and messages, notes and
    e-mails are written in the active language, and names, bios and tags saved afterwards would go
    to its columns (django-modeltranslation): a test after an Arabic request would read Arabic."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Tests hash passwords with MD5: PBKDF2's million rounds cost 0.3 s for every user made."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def own_fixture():
    """Read a story of tests/fixtures/ (the tests' own agency copy, see tests/copy_fixtures.py),
    decoded as UTF-8 exactly as stored."""
    return fixture_text


@pytest.fixture
def interview_register(db):
    """Hevin Mustafa, head of Syria Fire and Rescue Corps (alias The Orange Vests): the people of
    the interview fixture, as (person, organization, affiliation)."""
    return register_interview()


@pytest.fixture
def reporter(db):
    return UserFactory(username="reporter", first_name="Samer", last_name="Taha", role=roles.REPORTER)


@pytest.fixture
def other_reporter(db):
    return UserFactory(username="reporter2", role=roles.REPORTER)


@pytest.fixture
def editor(db):
    return UserFactory(username="editor", role=roles.EDITOR)


@pytest.fixture
def translator(db):
    return UserFactory(username="translator", role=roles.TRANSLATOR)


@pytest.fixture
def superuser(db):
    return UserFactory(username="admin", is_superuser=True)


@pytest.fixture
def verified_login(db):
    """``verified_login(client, user)``: signed in with a verified second factor (tests/accounts_support.py)."""
    return accounts_support.verified_login


@pytest.fixture
def media_root(settings, tmp_path):
    """Uploads and image renditions go to a fresh folder for the test."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


# The per-address limits of newsroom/settings.py (security/ratelimit.py), as production has them.
PRODUCTION_RATE_LIMITS = {"search": "120/m", "suggest": "600/m", "csp-report": "60/m", "read": "120/m"}


@pytest.fixture(autouse=True)
def rate_limits_out_of_the_way(settings):
    """Tests ask the search from one address hundreds of times a second (the XSS corpus: 400
    searches in a few seconds), which is what the limits stop; tests of the limits set their own
    (tests/test_rate_limits_and_csp_reports.py, which also checks PRODUCTION_RATE_LIMITS)."""
    settings.RATE_LIMITS = {group: "1000000/m" for group in PRODUCTION_RATE_LIMITS}


@pytest.fixture(autouse=True)
def fresh_page_cache():
    """Every test starts with an empty cache: kept pages carry the versions of their surrogate keys,
    and a rolled-back test leaves the same versions to the next one."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
