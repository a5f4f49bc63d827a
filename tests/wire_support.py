"""Shared helpers of the wire's tests: the IPTC schema, subscribers, a story with everything."""

import json
from datetime import timedelta
from pathlib import Path

import jsonschema
from django.utils import timezone

from articles.models import Article, Correction, Tag, TaggedArticle
from desk import workflow
from newsroom import roles
from desk.services import article_save
from tests.factories import (
    AffiliationFactory,
    ArticleFactory,
    BylineFactory,
    ImageFactory,
    IntervieweeFactory,
    OrganizationFactory,
    PublishedArticleFactory,
    UserFactory,
)
from wire import services

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "wire" / "schema" / "ninjs-schema_2.1.json"
SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def ninjs_errors(document: dict) -> list[str]:
    """Every way ``document`` breaks the official ninjs 2.1 schema (formats included)."""
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in VALIDATOR.iter_errors(document)]


def subscriber(name="Daily Paper", languages=("en", "ar", "ku"), embargo=False, **options):
    found, key = services.subscriber_create(name=name, language_codes=list(languages), embargo=embargo, **options)
    return found, key


def bearer(key: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def full_story(*, language="en", **fields) -> Article:
    """A published story with a byline, an interviewee and their organization, a mentioned
    organization, a tag, a lead picture and a body picture, and a correction."""
    lead, inside = ImageFactory(), ImageFactory()
    article = PublishedArticleFactory(
        language=language, lead_image=lead,
        body=f"<p>First paragraph of the story.</p><p>[image:{inside.pk}]</p><p>Second one.</p>", **fields
    )
    BylineFactory(article=article, name="Rojda Ali")
    affiliation = AffiliationFactory()
    IntervieweeFactory(article=article, person=affiliation.person, affiliation=affiliation, role="spokesperson")
    article.organizations.add(OrganizationFactory(name="Kurdish Red Crescent"))
    tag = Tag.objects.create(name=f"Earthquake {article.pk}", slug=f"earthquake-{article.pk}")
    TaggedArticle.objects.create(content_object=article, tag=tag)
    Correction.objects.create(article=article, text="An earlier version misspelled a name.")
    return article


def editor():
    return UserFactory(role=roles.EDITOR)


def publish(article: Article, user) -> None:
    workflow.article_transition(article=article, action="publish", user=user)


def schedule(article: Article, user, *, hours: int = 2) -> None:
    workflow.article_transition(article=article, action="schedule", user=user,
                                publish_at=timezone.now() + timedelta(hours=hours))


def draft(**fields) -> Article:
    article = ArticleFactory(**fields)
    BylineFactory(article=article)
    return article


__all__ = ["article_save", "draft", "full_story", "ninjs_errors", "subscriber", "bearer"]
