"""The one way an article's content changes: ``article_save``; and restoring a revision with it.

Every writer of content goes through ``article_save``: the admin's article form, the copy desk's
import and confirmation, "Translate into…", adding a source's correction to a translation, restoring
a revision, the demo seeder, and every part added later. In one transaction it

1. locks the article's row and refuses the save with an ``EditConflict`` when someone else saved
   since ``version`` (the version the writer's form was opened at);
2. validates and saves the content fields (never the workflow's: status, publication times and the
   version belong to ``desk.workflow`` and to this function);
3. lets the caller write the relations (``relations(article)``: bylines, interviewees,
   organizations, tags, corrections);
4. on a new article, makes it its author's (``desk.workflow.byline_ensure_author``);
5. keeps a ``Revision`` when the content changed, bumps the version once, and sets the "updated" time
   readers see on a story that has been public;
6. sends ``articles.signals.article_saved``: the translation tracking tells translators their
   translation went out of date, the public site retires its kept pages (docs/ARCHITECTURE.md).

Forms only validate; they call this to save.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Byline, Interviewee, Revision
from articles.signals import article_saved
from desk import workflow
from desk.revisions import TEXT_FIELDS, article_lock_for_edit, article_snapshot, text_key
from newsroom.translated import SOURCE
from people.models import Affiliation, Organization, Person

CANNOT_RESTORE = _("You may not edit this article, so you cannot restore one of its revisions.")
NOTHING_TO_RESTORE = _("Revision {number} is the article's current content already.")
RESTORED_NOTE = _("Restored revision {number}")

# Statuses of a story readers have seen: a change to it is shown as "updated".
BEEN_PUBLIC = frozenset({Article.Status.PUBLISHED, Article.Status.WITHDRAWN})


def content_fields() -> list[str]:
    """The article's own fields a content save writes: what its form edits, not the workflow's."""
    return [
        field.name
        for field in Article._meta.concrete_fields
        if field.editable and not field.primary_key and field.name not in workflow.WORKFLOW_FIELDS
    ]


@transaction.atomic
def article_save(
    *,
    article: Article,
    user,
    version: int | None = None,
    relations: Callable[[Article], None] | None = None,
    author=None,
    note: str = "",
    correction_added: bool = False,
) -> Revision | None:
    """Save ``article``'s content (a new article, or changes made on the instance) and keep its
    revision; return the new revision, or None when nothing changed.

    ``version``: the version the writer started from; for an existing article a save over a newer
    one raises ``desk.revisions.EditConflict`` and changes nothing. ``relations(article)`` writes
    bylines, interviewees, organizations, tags or corrections once the article has its id.
    ``author``: on a new article, the staff member whose byline it must carry so that they can go on
    editing it (the admin passes whoever creates it; imported agency copy keeps its own bylines).
    ``user``: who is saving, recorded on the revision. ``note``: the revision's note.
    ``correction_added``: a public correction came with this save (it shows the story as updated).
    """
    created = article.pk is None
    if not created:
        current = article_lock_for_edit(article_pk=article.pk, version=version)
        for field in workflow.WORKFLOW_FIELDS:  # the workflow's, as stored, never as the writer saw them
            setattr(article, field, getattr(current, field))
    article.full_clean()  # an empty slug is made from the headline when saved
    if created:
        article.save()
    else:
        article.save(update_fields=[*content_fields(), "updated_at"])
    if relations is not None:
        relations(article)
    if created and author is not None:
        workflow.byline_ensure_author(article=article, user=author)
    revision, previous = _revision_record(article=article, user=user, note=note, correction_added=correction_added)
    article_saved.send(
        sender=Article, article=article, created=created, revision=revision, previous=previous, user=user,
        correction_added=correction_added,
    )
    return revision


def _revision_record(*, article: Article, user, note: str, correction_added: bool) -> tuple[Revision | None, Revision | None]:
    """Keep the content as a new revision if it changed since the latest one; bump the version once
    for it; mark a story that has been public as updated. Return the new revision and the one before."""
    content = article_snapshot(article)
    previous = article.revisions.order_by("-number").first()
    changed = previous is None or previous.content != content
    if previous is not None and changed:
        article.version += 1
    if (changed or correction_added) and previous is not None and article.status in BEEN_PUBLIC:
        article.revised_at = timezone.now()
    Article.objects.filter(pk=article.pk).update(version=article.version, revised_at=article.revised_at)
    if not changed:
        return None, previous
    revision = Revision(
        article=article,
        number=(previous.number if previous else 0) + 1,
        version=article.version,
        content=content,
        text_key=text_key(content),
        note=note,
        created_by=user if getattr(user, "pk", None) else None,
    )
    revision.full_clean()
    revision.save()
    return revision, previous


@transaction.atomic
def revision_restore(*, revision: Revision, user) -> Revision:
    """Write an old revision's content back; that becomes a new revision."""
    article = Article.objects.select_for_update().get(pk=revision.article_id)
    if not workflow.can_edit(user, article):
        raise ValidationError(CANNOT_RESTORE, code="cannot_restore")
    content = revision.content
    for field in TEXT_FIELDS:
        setattr(article, field, content.get(field, ""))
    new = article_save(
        article=article, user=user, version=article.version, relations=lambda a: _restore_relations(a, content),
        note=RESTORED_NOTE.format(number=revision.number),
    )
    if new is None:
        raise ValidationError(NOTHING_TO_RESTORE.format(number=revision.number), code="nothing_to_restore")
    return new


def _restore_relations(article: Article, content: dict) -> None:
    """Bylines, interviewees, organizations and tags as a revision kept them (people or accounts
    deleted since are left out; a deleted staff member's byline stays as their name)."""
    byline_users = [b["user"] for b in content["bylines"] if b["user"]]
    users = set(get_user_model().objects.filter(pk__in=byline_users).values_list("pk", flat=True))
    article.bylines.all().delete()
    for position, b in enumerate(content["bylines"]):
        user_id = b["user"] if b["user"] in users else None
        name = b["name"] or ("" if user_id else b["display"])
        Byline.objects.create(article=article, position=position, user_id=user_id, name=name)

    interviewees = content["interviewees"]
    people = set(Person.objects.filter(pk__in=[i["person"] for i in interviewees]).values_list("pk", flat=True))
    affiliation_ids = [i["affiliation"] for i in interviewees if i["affiliation"]]
    affiliations = set(Affiliation.objects.filter(pk__in=affiliation_ids).values_list("pk", flat=True))
    article.interviewee_links.all().delete()
    for position, i in enumerate(item for item in interviewees if item["person"] in people):
        Interviewee.objects.create(
            article=article,
            person_id=i["person"],
            role=i["role"],
            affiliation_id=i["affiliation"] if i["affiliation"] in affiliations else None,
            position=position,
        )
    article.organizations.set(Organization.objects.filter(pk__in=[o["id"] for o in content["organizations"]]))
    with translation.override(SOURCE):  # revisions keep the tags' source names
        article.tags.set(content["tags"])
