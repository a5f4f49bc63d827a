"""Merging duplicate tags: "Hasakah", "Al-Hasakah" and "الحسكة" become one tag.

``tag_merge`` is the one way to do it (the tag admin's action calls it). In one transaction it
re-tags the stories of the merged tags with the kept one (a story carrying both keeps one link),
gives the kept tag the names it lacked in a language, keeps every name of a merged tag as a
``TagSpelling`` of the kept one (its old address then answers 301 to the kept tag's page, and the
row records who merged, when, and how many stories moved), deletes the merged tags and retires the
pages that showed any of them. It is a change to the register of tags, not to a story's text, so it writes the
link rows in bulk rather than one ``article_save`` per story (a common tag has thousands).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from articles.models import Tag, TaggedArticle, TagSpelling
from newsroom import languages
from newsroom.translated import column
from public import keys
from public.invalidation import keys_changed

MERGE_INTO_ITSELF = _("A tag cannot be merged into itself.")
NOTHING_TO_MERGE = _("Choose at least one tag to merge into the kept one.")


@transaction.atomic
def tag_merge(*, keep: Tag, merge: list[Tag], user=None) -> int:
    """Merge the tags of ``merge`` into ``keep``; returns the number of stories re-tagged."""
    if not merge:
        raise ValidationError(NOTHING_TO_MERGE, code="nothing_to_merge")
    if any(tag.pk == keep.pk for tag in merge):
        raise ValidationError(MERGE_INTO_ITSELF, code="merge_into_itself")
    ids = sorted({tag.pk for tag in merge})
    # Lock the tags (PostgreSQL), so a story tagged meanwhile is re-tagged too.
    keep = Tag.objects.select_for_update().get(pk=keep.pk)
    merged = list(Tag.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
    moved_total = 0
    for tag in merged:
        already = TaggedArticle.objects.filter(tag=keep).values("content_object_id")
        moved = TaggedArticle.objects.filter(tag=tag).exclude(content_object_id__in=already).update(tag=keep)
        TaggedArticle.objects.filter(tag=tag).delete()  # stories that carried both keep one link
        moved_total += moved
        _keep_names(keep=keep, merged=tag, user=user, moved=moved)
    Tag.objects.filter(pk__in=ids).delete()
    keep.save()
    # The links moved in bulk (no signal per row): the pages that showed a merged tag, or the kept
    # one, and the lists of names (the stories' pages carry their tags' keys).
    gone = [keep.pk, *ids]
    keys_changed({*(keys.tag(pk) for pk in gone), *(keys.tag_list(pk) for pk in gone), keys.NAMES})
    return moved_total


def _keep_names(*, keep: Tag, merged: Tag, user, moved: int) -> None:
    """The merged tag's names and addresses become the kept tag's spellings; a language in which
    the kept tag had no name yet takes the merged tag's."""
    TagSpelling.objects.filter(tag=merged).update(tag=keep)
    slugs_taken = set(TagSpelling.objects.values_list("slug", flat=True))
    seen_names = set()
    for code in languages.codes():
        name, slug = getattr(merged, column("name", code)), getattr(merged, column("slug", code))
        if not name:
            continue
        if not getattr(keep, column("name", code)):
            # The kept tag takes the name, and the address with it (it stays the tag's page).
            setattr(keep, column("name", code), name)
            if slug and not getattr(keep, column("slug", code)):
                setattr(keep, column("slug", code), slug)
                slug = None
        if slug in slugs_taken:
            slug = None
        slugs_taken.add(slug)
        if (name, slug) in seen_names:
            continue
        seen_names.add((name, slug))
        TagSpelling.objects.create(
            tag=keep, name=name, language=code, slug=slug or None, merged_by=user, stories_moved=moved
        )
