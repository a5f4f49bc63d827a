"""Previews: staff see any article as readers will; outsiders see one through a share link.

A share link is a random key, signed with the site's secret (so a mistyped or forged address is
refused before the database is asked), stored with an expiry (7 days unless chosen otherwise) and
revocable. An address that is not signed, unknown, expired or revoked answers 404, like anything
unpublished: the public never learns that an article exists.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from articles.models import Article, ShareLink
from desk.workflow import is_editor
from public.views import article_response

DEFAULT_DAYS = 7
MAX_DAYS = 90
SALT = "articles.share-link"

SHARE_EDITORS_ONLY = _("Only editors can create or revoke share links.")
SHARE_PUBLISHED = _("This article is published: share its public address instead.")
SHARE_DAYS = _("A share link lasts from 1 to {max_days} days.")
ALREADY_REVOKED = _("This share link was revoked already.")

PREFETCH = ["bylines__user", "interviewee_links__person", "organizations", "tags", "corrections"]


def _token(link: ShareLink) -> str:
    return signing.Signer(salt=SALT).sign(link.key)


def share_link_url(link: ShareLink) -> str:
    return reverse("article-share", kwargs={"token": _token(link)})


@transaction.atomic
def share_link_create(*, article: Article, user, days: int = DEFAULT_DAYS) -> ShareLink:
    if not is_editor(user):
        raise ValidationError(SHARE_EDITORS_ONLY, code="editors_only")
    if article.status == Article.Status.PUBLISHED:
        raise ValidationError(SHARE_PUBLISHED, code="published")
    if not 1 <= days <= MAX_DAYS:
        raise ValidationError(SHARE_DAYS.format(max_days=MAX_DAYS), code="days")
    now = timezone.now()
    link = ShareLink(
        article=article,
        key=secrets.token_urlsafe(24),
        created_at=now,
        created_by=user,
        expires_at=now + timedelta(days=days),
    )
    link.full_clean()
    link.save()
    return link


@transaction.atomic
def share_link_revoke(*, link: ShareLink, user) -> ShareLink:
    if not is_editor(user):
        raise ValidationError(SHARE_EDITORS_ONLY, code="editors_only")
    link = ShareLink.objects.select_for_update().get(pk=link.pk)
    if link.revoked_at is not None:
        raise ValidationError(ALREADY_REVOKED, code="revoked")
    link.revoked_at, link.revoked_by = timezone.now(), user
    link.save(update_fields=["revoked_at", "revoked_by"])
    return link


def share_link_resolve(token: str) -> ShareLink | None:
    """The active link behind a token, or None (bad signature, unknown, expired or revoked)."""
    try:
        key = signing.Signer(salt=SALT).unsign(token)
    except signing.BadSignature:
        return None
    link = ShareLink.objects.select_related("article").filter(key=key).first()
    return link if link is not None and link.is_active else None


def _private(response):
    """Never kept by any cache or indexed, and never telling another site the secret address."""
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


def preview_response(request, article: Article, *, shared: bool):
    """The public article page for ``article``, in its language, whatever its status."""
    article = Article.objects.prefetch_related(*PREFETCH).get(pk=article.pk)
    with translation.override(article.language):
        response = article_response(
            request, article, extra_context={"preview": {"status": article.get_status_display(), "shared": shared}}
        )
    return _private(response)


def shared_article(request, token: str):
    """The page an outside reviewer opens from a share link."""
    link = share_link_resolve(token)
    if link is None:
        raise Http404("No such article.")
    if link.article.is_public:
        return redirect(link.article)
    return preview_response(request, link.article, shared=True)
