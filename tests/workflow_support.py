"""Helpers shared by the workflow tests (tests/test_workflow*.py)."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from newsroom import roles
from articles.models import Article, Byline
from tests.factories import ArticleFactory, UserFactory

Status = Article.Status


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """Hashing a password properly takes a tenth of a second; these tests make many users."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def people(db, fast_passwords):
    """One user per role of the permission matrix. The author is a reporter in the byline."""
    roles.sync_roles()  # a transactional test before this one flushed the migration's groups
    return {
        "anonymous": AnonymousUser(),
        "author": UserFactory(username="author", first_name="Samer", last_name="Taha", role=roles.REPORTER),
        "other_reporter": UserFactory(username="other", role=roles.REPORTER),
        "translator": UserFactory(username="translator", role=roles.TRANSLATOR),
        "editor": UserFactory(username="editor", first_name="Hassan", last_name="Darwish", role=roles.EDITOR),
        "superuser": UserFactory(username="admin", is_superuser=True),
    }


def article_in(status: str, *, author=None, **fields) -> Article:
    """An article stored in ``status`` (as fixture data), with ``author`` as its byline user."""
    now = timezone.now()
    times = {
        Status.DRAFT: None,
        Status.IN_REVIEW: None,
        Status.SCHEDULED: now - timedelta(minutes=1),  # due: only who acts decides
        Status.PUBLISHED: now - timedelta(hours=2),
        Status.WITHDRAWN: now - timedelta(hours=2),
    }
    fields.setdefault("published_at", times[status])
    article = ArticleFactory(status=status, **fields)
    if author is not None:
        Byline.objects.create(article=article, user=author, position=0)
    else:
        Byline.objects.create(article=article, name="Desk", position=0)
    return article
