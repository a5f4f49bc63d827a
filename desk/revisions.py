"""Revisions of an article's content: snapshots, readable diffs, and the no-lost-edits lock.

Every save that changes an article's content keeps a ``Revision`` (numbered 1, 2, 3… per article)
with a snapshot of what readers would see: headline, standfirst, body, bylines, interviewees,
organizations, tags… A save that changes nothing keeps no new revision, so the latest revision
number always means "this content" (translations compare it with the number they were made from).
``desk.services.article_save`` keeps them; this module says what a snapshot is and how two differ.

Optimistic locking: ``Article.version`` goes up with every content change and every workflow step.
An edit form carries the version it was opened at; ``article_lock_for_edit`` locks the row and
refuses the save with an ``EditConflict`` (and a diff of the other person's change) if the version
moved on in the meantime.
"""

from __future__ import annotations

import difflib
import hashlib
import html
import json
import re
from dataclasses import dataclass

from django.utils import translation
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Revision, StatusChange
from newsroom.languages import isolate
from newsroom.translated import SOURCE

# The article's own fields kept in a revision, in the order a diff shows them.
TEXT_FIELDS = {
    "headline": _("Headline"),
    "dek": _("Standfirst"),
    "kind": _("Kind"),
    "language": _("Language"),
    "dateline": _("Dateline"),
    "agency": _("Source agency"),
    "slug": _("Slug"),
    "body": _("Body"),
}
# What a translation translates. Each revision keeps a fingerprint of these (``text_key``), so a
# translation can tell whether its source's text changed since (translations.services).
TRANSLATED_FIELDS = ("headline", "dek", "body")

LIST_FIELDS = {
    "bylines": _("Bylines"),
    "interviewees": _("Interviewees"),
    "organizations": _("Organizations mentioned"),
    "tags": _("Tags"),
}

BASELINE_NOTE = _("Content before its first tracked edit")
CONFLICT_REFUSED = _("Not saved: someone else changed this article after you opened it (see above).")
CONFLICT = _(
    "{who} saved this article after you opened it. Your changes were not saved; they are still in "
    "the form below. Their change is shown above the form: merge what you need and save again."
)


# --- snapshots ---------------------------------------------------------------------------------


def article_snapshot(article: Article) -> dict:
    """The article's content as stored now, as plain JSON; names as the source language writes them
    (whichever language the admin speaks, revisions compare alike)."""
    with translation.override(SOURCE):
        return _snapshot(article)


def _snapshot(article: Article) -> dict:
    content = {field: getattr(article, field) for field in TEXT_FIELDS}
    content["bylines"] = [
        {"user": b.user_id, "name": b.name, "display": b.display_name}
        for b in article.bylines.select_related("user").order_by("position", "id")
    ]
    content["interviewees"] = [
        {"person": link.person_id, "name": link.person.name, "role": link.role, "affiliation": link.affiliation_id}
        for link in article.interviewee_links.select_related("person").order_by("position", "id")
    ]
    content["organizations"] = [
        {"id": org.pk, "name": org.name} for org in article.organizations.order_by("name", "pk")
    ]
    content["tags"] = sorted(article.tags.names(), key=str.casefold)
    return content


def text_key(content: dict) -> str:
    """The fingerprint of a snapshot's headline, standfirst and body."""
    text = json.dumps([content.get(field) or "" for field in TRANSLATED_FIELDS], ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def _list_lines(field: str, content: dict) -> list[str]:
    items = content.get(field, [])
    if field == "tags":
        return list(items)
    if field == "bylines":
        return [item["display"] for item in items]
    if field == "interviewees":
        return [f"{item['name']}, {item['role']}" if item["role"] else item["name"] for item in items]
    return [item["name"] for item in items]


def _text_lines(field: str, content: dict) -> list[str]:
    value = content.get(field) or ""
    if field == "body":
        # One line per paragraph, heading or list item, as a reader would read it.
        value = re.sub(r"</(p|h[1-6]|li|blockquote)>|<br\s*/?>", "\n", value)
        value = html.unescape(strip_tags(value))
    return [line.strip() for line in value.splitlines() if line.strip()]


# --- diffs -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldDiff:
    label: str
    html: SafeString  # the lines, with <del> and <ins> marking what went and what came


_WORDS = re.compile(r"\w+|\s+|[^\w\s]")  # words (any script), runs of space, single marks


def _word_diff(old: str, new: str) -> str:
    a, b = _WORDS.findall(old), _WORDS.findall(new)
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(escape("".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(f"<del>{escape(''.join(a[i1:i2]))}</del>")
        if j2 > j1:
            out.append(f"<ins>{escape(''.join(b[j1:j2]))}</ins>")
    return "".join(out)


def _lines_diff(old: list[str], new: list[str]) -> str:
    rows = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            same = old[i1:i2]
            if len(same) > 2:  # keep a line of context on each side of a change
                same = [same[0], "…", same[-1]]
            rows += [f'<div class="diff-same" dir="auto">{escape(line)}</div>' for line in same]
        else:
            rows += _replaced_lines(old[i1:i2], new[j1:j2])
    return "".join(rows)


def _replaced_lines(old: list[str], new: list[str]) -> list[str]:
    """Old lines against new: a line edited in place shows word by word, others whole."""
    rows, j = [], 0
    for line in old:
        similar = next(
            (k for k in range(j, len(new)) if difflib.SequenceMatcher(None, line, new[k]).ratio() >= 0.5), None
        )
        if similar is None:
            rows.append(f'<div class="diff-removed" dir="auto"><del>{escape(line)}</del></div>')
            continue
        rows += [f'<div class="diff-added" dir="auto"><ins>{escape(added)}</ins></div>' for added in new[j:similar]]
        rows.append(f'<div class="diff-changed" dir="auto">{_word_diff(line, new[similar])}</div>')
        j = similar + 1
    rows += [f'<div class="diff-added" dir="auto"><ins>{escape(added)}</ins></div>' for added in new[j:]]
    return rows


def lines_diff(old: list[str], new: list[str]) -> SafeString:
    """Two lists of lines compared, with <del> and <ins> (also for the register's reviewed changes)."""
    return mark_safe(_lines_diff(old, new))


def revision_diff(old: dict, new: dict) -> list[FieldDiff]:
    """What changed from ``old`` to ``new`` (two snapshots), field by field, readable."""
    changes = []
    for field, label in TEXT_FIELDS.items():
        a, b = _text_lines(field, old), _text_lines(field, new)
        if a != b:
            changes.append(FieldDiff(label, mark_safe(_lines_diff(a, b))))
    for field, label in LIST_FIELDS.items():
        a, b = _list_lines(field, old), _list_lines(field, new)
        if a != b:
            changes.append(FieldDiff(label, mark_safe(_lines_diff(a, b))))
    return changes


def revision_ensure_baseline(*, article: Article) -> None:
    """Keep the stored content as revision 1 of an article saved before revisions were kept."""
    if not article.revisions.exists():
        content = article_snapshot(article)
        Revision.objects.create(
            article=article, number=1, version=article.version, content=content, text_key=text_key(content),
            note=BASELINE_NOTE,
        )


# --- no lost edits -----------------------------------------------------------------------------


class EditConflict(Exception):
    """Someone else changed the article since the editor opened it."""

    def __init__(self, *, article: Article, since_version: int):
        self.article = article
        self.since_version = since_version
        revisions = article.revisions.order_by("number")
        base = revisions.filter(version__lte=since_version).last() or revisions.first()
        self.changes = revision_diff(base.content, article_snapshot(article)) if base else []
        self.steps = list(
            StatusChange.objects.filter(article=article, version__gt=since_version).select_related("actor")
        )
        authors = [r.created_by for r in revisions.filter(version__gt=since_version).select_related("created_by")]
        authors += [step.actor for step in self.steps]
        names = list(dict.fromkeys(u.get_full_name() or u.get_username() for u in authors if u))
        who = gettext(" and ").join(isolate(name) for name in names) if names else gettext("Someone else")
        super().__init__(CONFLICT.format(who=who))


def edit_conflict(*, article: Article, version: int | None) -> EditConflict | None:
    """The conflict of saving over ``article`` (as stored now) from a form opened at ``version``.

    Read-only: the admin form shows it while validating, with the typing kept; ``article_save``
    asks again with the row locked, which is what makes it a guarantee.
    """
    if version == article.version:
        return None
    return EditConflict(article=article, since_version=version or 0)


def article_lock_for_edit(*, article_pk: int, version: int | None) -> Article:
    """Lock the article's row for the rest of the transaction and check nobody saved meanwhile."""
    current = Article.objects.select_for_update().get(pk=article_pk)
    revision_ensure_baseline(article=current)
    conflict = edit_conflict(article=current, version=version)
    if conflict is not None:
        raise conflict
    return current
