"""The planning workflow, defined once: the one table of moves a planning item can make, who may make
each, and ``item_transition``, the only writer of ``PlanningItem.state``.

idea → planned → in progress → filed → published, or spiked (dropped) on the way. "In progress" is
reached by starting the story (``planning.services.story_start``, which makes the article) or by
attaching an existing article (agency copy); "filed" and "published" follow the item's article
(``planning.services.item_follow_article``), never a click.

Each move: one transaction that locks the item's row, refuses an illegal move with a
``PlanningRefused`` carrying one of the messages below (changing nothing), and writes a
``PlanningEvent`` to the item's audit trail.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from desk import workflow as desk_workflow
from planning.models import Assignment, PlanningEvent, PlanningItem, State

PLANNING_PERMISSION = "planning.view_planningitem"


class Action(models.TextChoices):
    PLAN = "plan", _("Plan")
    UNPLAN = "unplan", _("Back to ideas")
    START = "start", _("Start the story")
    FILE = "file", _("File")
    REOPEN = "reopen", _("Back in progress")
    PUBLISH = "publish", _("Mark published")
    SPIKE = "spike", _("Spike")
    REVIVE = "revive", _("Revive")


class Who(models.TextChoices):
    EDITOR = "editor", _("an editor")
    EDITOR_OR_REPORTER = "editor_or_reporter", _("an editor or the item's reporter")
    ARTICLE = "article", _("the item's article (it moves with its story)")


class _Article:
    """The actor of moves nobody clicks: the item following its article's workflow."""

    is_active = is_authenticated = is_staff = False

    def __repr__(self):
        return "ARTICLE"


ARTICLE = _Article()


@dataclass(frozen=True)
class Transition:
    action: Action
    sources: frozenset[str]
    target: str
    who: Who
    note: str = ""  # what the required note is

    @property
    def label(self) -> str:
        return self.action.label


def _t(action, sources, target, who, **options) -> Transition:
    return Transition(Action(action), frozenset(sources), target, Who(who), **options)


TRANSITIONS: dict[str, Transition] = {
    t.action.value: t
    for t in [
        _t(Action.PLAN, {State.IDEA}, State.PLANNED, Who.EDITOR),
        _t(Action.UNPLAN, {State.PLANNED}, State.IDEA, Who.EDITOR),
        _t(Action.START, {State.IDEA, State.PLANNED}, State.IN_PROGRESS, Who.EDITOR_OR_REPORTER),
        _t(Action.FILE, {State.IN_PROGRESS}, State.FILED, Who.ARTICLE),
        _t(Action.REOPEN, {State.FILED}, State.IN_PROGRESS, Who.ARTICLE),
        _t(Action.PUBLISH, {State.IN_PROGRESS, State.FILED}, State.PUBLISHED, Who.ARTICLE),
        _t(Action.SPIKE, {State.IDEA, State.PLANNED, State.IN_PROGRESS}, State.SPIKED, Who.EDITOR,
           note=_("the reason")),
        _t(Action.REVIVE, {State.SPIKED}, State.IDEA, Who.EDITOR),
    ]
}

# The moves a board's drag between two columns stands for.
BY_COLUMNS: dict[tuple[str, str], Transition] = {
    (source, t.target): t for t in TRANSITIONS.values() for source in t.sources
}

# Messages of refusals (PlanningRefused.code is the key).
UNKNOWN_ACTION = _("There is no planning step called “{action}”.")
WRONG_STATE = _("“{label}” is not possible for an item that is {state}.")
NOT_ALLOWED = _("You may not take the step “{label}” on this item: only {who} may.")
NOTE_REQUIRED = _("“{label}” needs {note}.")
NO_SUCH_MOVE = _("An item cannot move from “{source}” to “{target}”.")
MOVES_WITH_ARTICLE = _("“{target}” follows the item's article: the item moves there when its story does.")


class PlanningRefused(ValidationError):
    """An illegal planning operation. Nothing was changed."""


def refuse(message, code: str, **params) -> PlanningRefused:
    return PlanningRefused(str(message).format(**params), code=code)


# --- who may do what ---------------------------------------------------------------------------


def is_editor(user) -> bool:
    """Editors plan, assign and spike: the desk's editors (``articles.publish_article``)."""
    return user is not ARTICLE and desk_workflow.is_editor(user)


def may_see(user) -> bool:
    """Staff who may see the plan: reporters, translators, editors (the planning view permission)."""
    return bool(
        user is not None and user is not ARTICLE and user.is_active and user.is_staff
        and user.has_perm(PLANNING_PERMISSION)
    )


def may_propose(user) -> bool:
    return may_see(user) and user.has_perm("planning.add_planningitem")


def is_reporter(user, item: PlanningItem) -> bool:
    """The staff member the item's reporter assignment is for (while it is not declined)."""
    if not may_see(user) or not item.pk:
        return False
    return item.assignments.filter(
        role=Assignment.Role.REPORTER, assignee=user, state__in=[*Assignment.OPEN, Assignment.State.DONE]
    ).exists()


def may_take(user, transition: Transition, item: PlanningItem) -> bool:
    if transition.who == Who.ARTICLE:
        return user is ARTICLE
    if transition.who == Who.EDITOR:
        return is_editor(user)
    return is_editor(user) or is_reporter(user, item)


def available_transitions(user, item: PlanningItem) -> list[Transition]:
    """The steps this user may click on this item now (the item page's buttons)."""
    return [
        t for t in TRANSITIONS.values()
        if item.state in t.sources and t.who != Who.ARTICLE and t.action != Action.START and may_take(user, t, item)
    ]


def board_targets(source: str) -> list[tuple[str, str]]:
    """The columns an item in ``source`` may be dragged to by someone (who may is checked on the move)."""
    return [(t.target, State(t.target).label) for (s, target), t in BY_COLUMNS.items()
            if s == source and t.who != Who.ARTICLE]


def transition_between(source: str, target: str) -> Transition:
    """The move a drag from one column to another stands for, or a refusal."""
    transition = BY_COLUMNS.get((source, target))
    if transition is None:
        raise refuse(NO_SUCH_MOVE, "no_such_move", source=State(source).label, target=State(target).label)
    if transition.who == Who.ARTICLE:
        raise refuse(MOVES_WITH_ARTICLE, "moves_with_article", target=State(target).label)
    return transition


# --- the moves ---------------------------------------------------------------------------------


@transaction.atomic
def item_transition(*, item: PlanningItem, action: str, user, note: str = "") -> PlanningEvent:
    """Move ``item`` one step, or raise ``PlanningRefused``; ``item`` is updated in place."""
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise refuse(UNKNOWN_ACTION, "unknown_action", action=action)
    note = (note or "").strip()
    locked = PlanningItem.objects.select_for_update().get(pk=item.pk)
    if locked.state not in transition.sources:
        raise refuse(WRONG_STATE, "wrong_state", label=transition.label, state=locked.get_state_display().lower())
    if not may_take(user, transition, locked):
        raise refuse(NOT_ALLOWED, "not_allowed", label=transition.label, who=transition.who.label)
    if transition.note and not note:
        raise refuse(NOTE_REQUIRED, "note_required", label=transition.label, note=transition.note)
    from_state = locked.state
    locked.state = transition.target
    locked.save(update_fields=["state", "updated_at"])
    item.state, item.updated_at = locked.state, locked.updated_at
    return PlanningEvent.objects.create(
        item=locked, action=transition.action, from_state=from_state, to_state=transition.target, note=note,
        actor=None if user is ARTICLE else user,
    )
