from pathlib import Path

import pytest

from newsroom import roles
from tests.factories import UserFactory

SHARED_FIXTURES = Path(__file__).resolve().parent.parent.parent / "shared" / "fixtures"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Tests hash passwords with MD5: PBKDF2's million rounds cost 0.3 s for every user made."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def shared_fixture():
    """Read a file of ../shared/fixtures (test input provided with the project, never copied in)."""

    def read(name: str) -> str:
        path = SHARED_FIXTURES / name
        if not path.exists():
            pytest.skip(f"shared fixture {path} is not on this machine")
        return path.read_text(encoding="utf-8")

    return read


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
def media_root(settings, tmp_path):
    """Uploads and image renditions go to a fresh folder for the test."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def fresh_page_cache():
    """Every test starts with an empty cache: the page cache files pages under the content
    generation's token, and a rolled-back test leaves the same token to the next one."""
    from django.core.cache import cache

    from public import caching

    cache.clear()
    caching.forget_this_process()
    yield
    cache.clear()
    caching.forget_this_process()
