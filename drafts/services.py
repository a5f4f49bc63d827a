"""Keeping, reading and dropping the draft copy of a story's form (docs/DRAFTS.md).

The browser sends the form every few seconds while it has unsaved changes (``drafts.js``); the copy
comes back with a notice when the person opens the story again, and goes when they save or discard
it. Only someone who may edit the story keeps one; the story itself is never written here (saving
is ``desk.services.article_save``, from the form, after the person chose to restore).
"""

from __future__ import annotations

import json
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article
from desk import workflow
from drafts.models import Draft
from newsroom.text import strip_bidi_controls

MAX_BYTES = 512 * 1024  # a long story with every field is far below; a pasted book is not a story
MAX_FIELDS = 2000
MAX_NAME = 200
_NAME = re.compile(r"^[A-Za-z0-9_-]+$")
# Never kept: the form's protection against forgery, and which button was pressed.
_SKIPPED_NAMES = ("csrfmiddlewaretoken",)

TOO_LARGE = _("The draft is too large to keep (more than %(limit)s kB). Save the story instead.")
NOT_JSON = _("The draft could not be read: it is not a form copy.")
BAD_FIELDS = _("The draft could not be read: its fields are not a list of names and values.")
BAD_VERSION = _("The draft could not be read: it does not say which version of the story it was typed over.")
NOT_EDITABLE = _("You may not edit this story, so no draft of it is kept for you.")


def _refuse(message, code: str, **params) -> ValidationError:
    return ValidationError(message, code=code, params=params or None)


def draft_parse(*, body: bytes) -> tuple[list[list[str]], int]:
    """The fields and version a browser sent, checked; ``ValidationError`` with a constant message."""
    if len(body) > MAX_BYTES:
        raise _refuse(TOO_LARGE, "too_large", limit=MAX_BYTES // 1024)
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise _refuse(NOT_JSON, "not_json") from None
    if not isinstance(data, dict):
        raise _refuse(NOT_JSON, "not_json")
    fields, version = data.get("fields"), data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise _refuse(BAD_VERSION, "bad_version")
    if not isinstance(fields, list) or len(fields) > MAX_FIELDS:
        raise _refuse(BAD_FIELDS, "bad_fields")
    kept = []
    for entry in fields:
        if (not isinstance(entry, list) or len(entry) not in (2, 3)
                or not all(isinstance(part, str) for part in entry)
                or not _NAME.match(entry[0]) or len(entry[0]) > MAX_NAME):
            raise _refuse(BAD_FIELDS, "bad_fields")
        if entry[0] in _SKIPPED_NAMES or entry[0].startswith("_"):
            continue
        kept.append([strip_bidi_controls(part) for part in entry])
    return kept, version


def may_keep_draft(user, article: Article) -> bool:
    return workflow.can_edit(user, article)


@transaction.atomic
def draft_keep(*, article: Article, user, fields: list[list[str]], version: int) -> Draft:
    """Keep ``fields`` as ``user``'s draft of ``article`` (replacing the one before)."""
    if not may_keep_draft(user, article):
        raise _refuse(NOT_EDITABLE, "not_editable")
    draft, _created = Draft.objects.update_or_create(
        article=article, user=user, defaults={"fields": fields, "version": version, "saved_at": timezone.now()},
    )
    return draft


def draft_discard(*, article: Article, user) -> int:
    """Drop ``user``'s draft of ``article`` (after they saved, or chose not to restore it)."""
    deleted, _by_model = Draft.objects.filter(article=article, user=user).delete()
    return deleted


def draft_for(*, article: Article, user) -> Draft | None:
    return Draft.objects.filter(article=article, user=user).first()
