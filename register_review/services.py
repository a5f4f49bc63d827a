"""Reviewed changes to people and organizations: propose, approve, reject.

A reporter's change to a person or an organization is kept as a ``ProposedChange`` and not applied;
the editors are told (``inbox_notify``); an editor approves it (what the reporter changed is applied,
over whatever changed meanwhile elsewhere) or rejects it, and the reporter is told either way. Each
step writes an admin log entry (Django's ``LogEntry``) on the person or organization, so the audit
trail shows who proposed, who approved and who rejected. Editors' own edits apply at once, through
the admin, which logs them with their author.
"""

from __future__ import annotations

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from desk.notifications import editors
from desk.revisions import FieldDiff, lines_diff
from desk.workflow import is_editor
from inbox.services import inbox_notify, recipient_languages
from newsroom.languages import isolate
from register_review.models import ProposedChange
from register_review.snapshots import related_names, snapshot_apply, snapshot_lines, snapshot_of  # noqa: F401  (snapshot_of: tests)

NOTHING_CHANGED = _("Nothing was changed, so there is nothing to review.")
NOT_PENDING = _("This change has already been decided.")
EDITORS_ONLY = _("Only editors approve or reject proposed changes.")
KIND = "register_review"


def needs_review(user) -> bool:
    """Whether this user's changes to people and organizations wait for an editor."""
    return not is_editor(user)


def _log(*, user, obj, message: str) -> None:
    LogEntry.objects.create(
        user_id=user.pk, content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk),
        object_repr=str(obj)[:200], action_flag=CHANGE, change_message=message,
    )


def _tell(recipients, *, title: str, params: dict, body: str = "", url: str, actor) -> None:
    """``title`` (a lazy message) in each recipient's own language."""
    users = [user for user in recipients if user is not None]
    languages = recipient_languages(users)
    for language in dict.fromkeys(languages.get(user.pk, "en") for user in users):
        group = [user for user in users if languages.get(user.pk, "en") == language]
        with translation.override(language):
            inbox_notify(recipients=group, kind=KIND, title=str(title) % params, body=body, url=url, actor=actor)


def review_url(change: ProposedChange) -> str:
    return reverse("admin:register_review_proposedchange_change", args=[change.pk])


@transaction.atomic
def change_propose(*, obj, user, after: dict) -> ProposedChange:
    """Keep ``after`` (``snapshot_from_forms``) as a change to ``obj`` waiting for an editor; ``obj``
    itself is not touched."""
    stored = type(obj).objects.get(pk=obj.pk)
    before = snapshot_of(stored)
    if before == after:
        raise ValidationError(NOTHING_CHANGED, code="nothing_changed")
    change = ProposedChange.objects.create(
        **{type(obj)._meta.model_name: stored}, before=before, after=after, proposed_by=user,
    )
    _log(user=user, obj=stored, message=gettext("Proposed a change for review (#%(number)s).") % {"number": change.pk})
    _tell(editors(), title=_("%(who)s proposed a change to %(what)s"),
          params={"who": isolate(user.get_full_name() or user.get_username()), "what": isolate(str(stored))},
          url=review_url(change), actor=user)
    return change


def _decide(change: ProposedChange, user) -> ProposedChange:
    if not is_editor(user):
        raise PermissionDenied(EDITORS_ONLY)
    locked = ProposedChange.objects.select_for_update().get(pk=change.pk)
    if locked.state != ProposedChange.State.PENDING:
        raise ValidationError(NOT_PENDING, code="not_pending")
    return locked


@transaction.atomic
def change_approve(*, change: ProposedChange, user, note: str = "") -> list[str]:
    """Apply what the proposal changed; the names of the fields and lists written."""
    locked = _decide(change, user)
    target = type(locked.target).objects.select_for_update().get(pk=locked.target.pk)
    changed = snapshot_apply(target, before=locked.before, after=locked.after)
    locked.state, locked.decided_by, locked.decided_at = ProposedChange.State.APPROVED, user, timezone.now()
    locked.decision_note = (note or "").strip()
    locked.save(update_fields=["state", "decided_by", "decided_at", "decision_note"])
    who = locked.proposed_by.get_username() if locked.proposed_by else "?"
    _log(user=user, obj=target, message=gettext("Approved the change proposed by %(who)s (#%(number)s): %(fields)s.")
         % {"who": who, "number": locked.pk, "fields": ", ".join(changed) or "—"})
    _tell([locked.proposed_by], title=_("Your change to %(what)s was approved"), params={"what": isolate(str(target))},
          body=locked.decision_note, url=target.get_absolute_url(), actor=user)
    change.refresh_from_db()
    return changed


@transaction.atomic
def change_reject(*, change: ProposedChange, user, note: str = "") -> None:
    locked = _decide(change, user)
    locked.state, locked.decided_by, locked.decided_at = ProposedChange.State.REJECTED, user, timezone.now()
    locked.decision_note = (note or "").strip()
    locked.save(update_fields=["state", "decided_by", "decided_at", "decision_note"])
    who = locked.proposed_by.get_username() if locked.proposed_by else "?"
    _log(user=user, obj=locked.target, message=gettext("Rejected the change proposed by %(who)s (#%(number)s).")
         % {"who": who, "number": locked.pk})
    _tell([locked.proposed_by], title=_("Your change to %(what)s was not accepted"),
          params={"what": isolate(str(locked.target))}, body=locked.decision_note, url=review_url(locked), actor=user)
    change.refresh_from_db()


def change_diff(change: ProposedChange) -> list[FieldDiff]:
    """What the proposal changes, field by field (its lines with <del> and <ins>)."""
    model = type(change.target)
    names = related_names(model, [change.before, change.after])
    old, new = snapshot_lines(model, change.before, names), snapshot_lines(model, change.after, names)
    return [FieldDiff(label, lines_diff(old[key][1], lines)) for key, (label, lines) in new.items() if old[key][1] != lines]
