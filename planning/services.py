"""Planning's rules: proposing and editing items, re-planning them, assignments and their answers,
starting the story, following the article, overdue assignments, calendar addresses.

Keyword-only functions named ``<thing>_<action>``, each in one transaction, refusing with a
``planning.workflow.PlanningRefused`` whose message is one of the constants below. An item's state
changes only through ``planning.workflow.item_transition``; the article's content only through
``desk.services.article_save``; its status only through ``desk.workflow.article_transition``;
translation requests only through ``translations.services``; people are told through
``planning.notifications`` (the inbox).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Byline, Interviewee
from desk import workflow as desk_workflow
from desk.services import article_save
from newsroom import languages as site_languages
from planning import notifications
from planning.models import Assignment, CalendarFeed, PlanningEvent, PlanningItem, State
from planning.workflow import (
    ARTICLE, Action, is_editor, is_reporter, item_transition, may_propose, refuse, transition_between,
)
from translations import services as translations

logger = logging.getLogger(__name__)
Role = Assignment.Role
AState = Assignment.State

# Messages (PlanningRefused.code names which).
MAY_NOT_PROPOSE = _("Only members of the newsroom's staff may propose stories.")
MAY_NOT_EDIT = _("Only editors may change a planned item; its proposer may change it while it is an idea.")
EDITORS_ONLY = _("Only editors may plan, assign and spike.")
LANGUAGE_REQUIRED = _("Choose at least one language the story is planned in.")
UNKNOWN_LANGUAGE = _("“{language}” is not one of the site's languages.")
WINDOW_BACKWARDS = _("The window must end after it starts.")
WINDOW_WITHOUT_START = _("A window needs its start: the planned time.")
ITEM_CLOSED = _("This item is {state}: it takes no more assignments.")
DUE_REQUIRED = _("Give the assignment a due time.")
TRANSLATOR_LANGUAGE = _("A translator's assignment needs one of the item's languages: {languages}.")
NOT_A_TRANSLATOR = _("{name} cannot be assigned translations (they are not a translator).")
LANGUAGE_ONLY_FOR_TRANSLATORS = _("Only a translator's assignment is for a language.")
NOT_YOURS = _("Only the person it is assigned to may answer an assignment.")
REASON_REQUIRED = _("Say why you decline.")
ASSIGNMENT_WRONG_STATE = _("An assignment that is {state} cannot be {answer}.")
ALREADY_STARTED = _("This item's story has been started already.")
ARTICLE_TAKEN = _("That article belongs to another planning item already.")
NOT_A_SOURCE = _("Attach the story's original version, not a translation.")
NOT_SCHEDULED = _("Only a scheduled story can be moved to another time here.")
NOT_A_PLAN_TIME = _("Only items that are not published or spiked can be re-planned.")

ANSWERS = {
    # answer: (states it may leave, state it reaches, who: "assignee", "assignee_or_editor" or "editor")
    "accept": ({AState.OFFERED}, AState.ACCEPTED, "assignee"),
    "decline": ({AState.OFFERED, AState.ACCEPTED}, AState.DECLINED, "assignee"),
    "done": ({AState.OFFERED, AState.ACCEPTED}, AState.DONE, "assignee_or_editor"),
    "cancel": ({AState.OFFERED, AState.ACCEPTED}, AState.CANCELLED, "editor"),
}
ANSWER_WORDS = {"accept": _("accepted"), "decline": _("declined"), "done": _("marked done"), "cancel": _("cancelled")}

# The events of an item's audit trail that are not state moves.
CREATED, EDITED, REPLANNED, ASSIGNED, ANSWERED, OVERDUE = "created", "edited", "replanned", "assigned", "answered", "overdue"
ATTACHED, TRANSLATION_REQUESTED, RESCHEDULED = "attached", "translation_requested", "rescheduled"
EVENT_LABELS = {
    CREATED: _("Proposed"), EDITED: _("Changed"), REPLANNED: _("Re-planned"), ASSIGNED: _("Assigned"),
    ANSWERED: _("Assignment answered"), OVERDUE: _("Overdue"), ATTACHED: _("Article attached"),
    TRANSLATION_REQUESTED: _("Translation requested"), RESCHEDULED: _("Story rescheduled"),
}
CLOSED_STATES = {State.PUBLISHED, State.SPIKED}
# A translation request needs a due time in the future: one that has passed gets this much more.
LATE_REQUEST_GRACE = timedelta(hours=2)


def _log(item: PlanningItem, action: str, user, note: str = "", assignment: Assignment | None = None) -> PlanningEvent:
    return PlanningEvent.objects.create(
        item=item, action=action, note=note, assignment=assignment, actor=None if user is ARTICLE else user
    )


def _when(value: datetime | None) -> str:
    return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT") if value else "—"


# --- items ---------------------------------------------------------------------------------------


def item_check_plan(item: PlanningItem) -> None:
    item.languages = list(dict.fromkeys(item.languages or []))
    if not item.languages:
        raise refuse(LANGUAGE_REQUIRED, "language_required")
    for code in item.languages:
        if code not in site_languages.codes():
            raise refuse(UNKNOWN_LANGUAGE, "unknown_language", language=code)
    item.languages.sort(key=site_languages.position)
    if item.planned_until and not item.planned_at:
        raise refuse(WINDOW_WITHOUT_START, "window_without_start")
    if item.planned_until and item.planned_until <= item.planned_at:
        raise refuse(WINDOW_BACKWARDS, "window_backwards")


def may_edit(user, item: PlanningItem) -> bool:
    if is_editor(user):
        return True
    return item.state == State.IDEA and item.created_by_id == getattr(user, "pk", None) and may_propose(user)


@transaction.atomic
def item_save(*, item: PlanningItem, user, people: Iterable | None = None, organizations: Iterable | None = None,
              tags: Iterable | None = None) -> PlanningItem:
    """Save a new item (a proposal: an idea) or the changes made on ``item``; log it.

    Anyone on the staff with planning rights proposes; editors change any item, a proposer their own
    idea. A change of planned time is logged as a re-plan (editors only once it is planned).
    """
    created = item.pk is None
    if created:
        if not may_propose(user):
            raise refuse(MAY_NOT_PROPOSE, "may_not_propose")
        item.state, item.created_by = State.IDEA, user
        before = None
    else:
        before = PlanningItem.objects.select_for_update().get(pk=item.pk)
        if not may_edit(user, before):
            raise refuse(MAY_NOT_EDIT, "may_not_edit")
        item.state, item.article_id, item.created_by_id = before.state, before.article_id, before.created_by_id
    item_check_plan(item)
    item.full_clean()
    item.save()
    if people is not None:
        item.people.set(people)
    if organizations is not None:
        item.organizations.set(organizations)
    if tags is not None:
        item.tags.set(tags)
    if created:
        _log(item, CREATED, user)
    else:
        if (before.planned_at, before.planned_until) != (item.planned_at, item.planned_until):
            _log(item, REPLANNED, user, note=f"{_when(before.planned_at)} → {_when(item.planned_at)}")
        _log(item, EDITED, user)
    return item


@transaction.atomic
def item_replan(*, item: PlanningItem, planned_at: datetime, user) -> PlanningItem:
    """Move an item to another time (a drag on the calendar), keeping the length of its window."""
    if not is_editor(user):
        raise refuse(EDITORS_ONLY, "editors_only")
    locked = PlanningItem.objects.select_for_update().get(pk=item.pk)
    if locked.state in CLOSED_STATES:
        raise refuse(NOT_A_PLAN_TIME, "closed")
    if planned_at is None:
        raise refuse(WINDOW_WITHOUT_START, "window_without_start")
    before = locked.planned_at
    if locked.planned_until and locked.planned_at:
        locked.planned_until = planned_at + (locked.planned_until - locked.planned_at)
    locked.planned_at = planned_at
    locked.save(update_fields=["planned_at", "planned_until", "updated_at"])
    _log(locked, REPLANNED, user, note=f"{_when(before)} → {_when(planned_at)}")
    return locked


def item_move(*, item: PlanningItem, target: str, user, note: str = "") -> PlanningEvent:
    """A drag on the board from the item's column to ``target``: the move it stands for, if allowed."""
    transition = transition_between(item.state, target)
    if transition.action == Action.START:
        story_start(item=item, user=user)
        return item.events.order_by("-id").first()
    return item_transition(item=item, action=transition.action, user=user, note=note)


# --- assignments ---------------------------------------------------------------------------------


@transaction.atomic
def assignment_create(*, item: PlanningItem, role: str, assignee, due_at: datetime | None, user,
                      language: str = "") -> Assignment:
    """An editor asks ``assignee`` to cover ``item`` as ``role`` by ``due_at``; they are told."""
    if not is_editor(user):
        raise refuse(EDITORS_ONLY, "editors_only")
    item = PlanningItem.objects.select_for_update().get(pk=item.pk)
    if item.state in CLOSED_STATES and not (item.state == State.PUBLISHED and role == Role.TRANSLATOR):
        raise refuse(ITEM_CLOSED, "item_closed", state=item.get_state_display().lower())
    if due_at is None:
        raise refuse(DUE_REQUIRED, "due_required")
    if role == Role.TRANSLATOR:
        if language not in item.languages:
            names = ", ".join(site_languages.name(code) for code in item.languages)
            raise refuse(TRANSLATOR_LANGUAGE, "translator_language", languages=names)
        if not translations.translators().filter(pk=assignee.pk).exists():
            raise refuse(NOT_A_TRANSLATOR, "not_a_translator", name=assignee.get_full_name() or assignee.get_username())
    elif language:
        raise refuse(LANGUAGE_ONLY_FOR_TRANSLATORS, "language_only_for_translators")
    assignment = Assignment(item=item, role=role, language=language, assignee=assignee, due_at=due_at, assigned_by=user)
    assignment.full_clean()
    assignment.save()
    _log(item, ASSIGNED, user, assignment=assignment,
         note=f"{assignment.get_role_display()}: {assignee.get_full_name() or assignee.get_username()}")
    notifications.notify_assigned(assignment=assignment, actor=user)
    if role == Role.TRANSLATOR and item.article_id and item.article.status == Article.Status.PUBLISHED:
        _request_translation(assignment, publisher=user)
    return assignment


def may_answer(user, assignment: Assignment, answer: str) -> bool:
    who = ANSWERS[answer][2]
    mine = assignment.assignee_id == getattr(user, "pk", None) and bool(user.is_active)
    if who == "assignee":
        return mine
    if who == "editor":
        return is_editor(user)
    return mine or is_editor(user)


@transaction.atomic
def assignment_answer(*, assignment: Assignment, answer: str, user, reason: str = "") -> Assignment:
    """Accept, decline (with a reason), finish or cancel an assignment; the assigning editor hears."""
    if answer not in ANSWERS:
        raise ValidationError(f"unknown answer {answer!r}")
    sources, target, _who = ANSWERS[answer]
    assignment = (Assignment.objects.select_for_update(of=("self",)).select_related("item", "assignee", "assigned_by")
                  .get(pk=assignment.pk))
    if not may_answer(user, assignment, answer):
        raise refuse(NOT_YOURS if ANSWERS[answer][2] != "editor" else EDITORS_ONLY, "not_yours")
    if assignment.state not in sources:
        raise refuse(ASSIGNMENT_WRONG_STATE, "wrong_state", state=assignment.get_state_display().lower(),
                     answer=ANSWER_WORDS[answer])
    reason = (reason or "").strip()
    if answer == "decline" and not reason:
        raise refuse(REASON_REQUIRED, "reason_required")
    assignment.state = target
    if answer == "decline":
        assignment.decline_reason = reason
    if target in {AState.DECLINED, AState.DONE, AState.CANCELLED}:
        assignment.closed_at = timezone.now()
    assignment.save(update_fields=["state", "decline_reason", "closed_at"])
    _log(assignment.item, ANSWERED, user, assignment=assignment,
         note=f"{assignment.get_role_display()}: {assignment.get_state_display()}" + (f" — {reason}" if reason else ""))
    if user.pk != getattr(assignment.assigned_by, "pk", None):
        notifications.notify_answered(assignment=assignment, actor=user)
    return assignment


def item_editors(item: PlanningItem) -> list:
    """Who answers for an item: its editors' assignees, else whoever made its assignments."""
    editors = [a.assignee for a in item.assignments.all() if a.role == Role.EDITOR and a.state != AState.DECLINED
               and a.state != AState.CANCELLED]
    if not editors:
        editors = [a.assigned_by for a in item.assignments.all() if a.assigned_by_id]
    return list({user.pk: user for user in editors if user.is_active}.values())


@transaction.atomic
def assignments_overdue_mark(*, now: datetime | None = None) -> int:
    """Mark each open assignment past its due time (once) and tell the item's editors."""
    now = now or timezone.now()
    overdue = (
        Assignment.objects.select_for_update(of=("self",))
        .filter(state__in=Assignment.OPEN, due_at__lt=now, overdue_notified_at__isnull=True)
        .exclude(item__state__in=CLOSED_STATES)
        .select_related("item", "assignee")
    )
    marked = 0
    for assignment in overdue:
        assignment.overdue_notified_at = now
        assignment.save(update_fields=["overdue_notified_at"])
        _log(assignment.item, OVERDUE, None, assignment=assignment,
             note=f"{assignment.get_role_display()}: {assignment.assignee.get_full_name() or assignment.assignee.get_username()}")
        editors = item_editors(PlanningItem.objects.prefetch_related("assignments__assignee", "assignments__assigned_by").get(pk=assignment.item_id))
        notifications.notify_overdue(assignment=assignment, editors=editors)
        marked += 1
    return marked


# --- from plan to copy ---------------------------------------------------------------------------


def reporter_of(item: PlanningItem):
    assignment = (
        item.assignments.filter(role=Role.REPORTER).exclude(state__in=[AState.DECLINED, AState.CANCELLED])
        .select_related("assignee").order_by("id").first()
    )
    return assignment.assignee if assignment else None


@transaction.atomic
def story_start(*, item: PlanningItem, user) -> Article:
    """"Start the story": a draft article prefilled from the item (slug line as headline, summary as
    standfirst, kind, the first planned language, people, organizations, tags, the reporter's
    byline), linked both ways; the item moves to "in progress"."""
    locked = PlanningItem.objects.select_for_update().get(pk=item.pk)
    if locked.article_id:
        raise refuse(ALREADY_STARTED, "already_started")
    if not (is_editor(user) or is_reporter(user, locked)):
        # the workflow's own refusal, with its message
        item_transition(item=locked, action=Action.START, user=user)
    reporter = reporter_of(locked)
    language = locked.languages[0] if locked.languages else site_languages.codes()[0]
    article = Article(headline=locked.slug_line, dek=locked.summary, kind=locked.kind, language=language,
                      dateline=locked.place)
    people, organizations, tags = list(locked.people.all()), list(locked.organizations.all()), list(locked.tags.all())

    def relations(new: Article) -> None:
        if reporter is not None:
            Byline.objects.create(article=new, user=reporter, position=0)
        for position, person in enumerate(people):
            Interviewee.objects.create(article=new, person=person, position=position)
        new.organizations.set(organizations)
        new.tags.set(tags)

    article_save(article=article, user=user, relations=relations, author=reporter or user,
                 note=str(_("Started from the plan “{slug}”")).format(slug=locked.slug_line))
    locked.article = article
    locked.save(update_fields=["article", "updated_at"])
    item_transition(item=locked, action=Action.START, user=user)
    item.article, item.state = article, locked.state
    return article


@transaction.atomic
def item_attach_article(*, item: PlanningItem, article: Article, user) -> PlanningItem:
    """Attach an existing story (imported agency copy) to the item; the item catches up with it."""
    if not is_editor(user):
        raise refuse(EDITORS_ONLY, "editors_only")
    locked = PlanningItem.objects.select_for_update().get(pk=item.pk)
    if locked.article_id:
        raise refuse(ALREADY_STARTED, "already_started")
    if article.translation_source_id:
        raise refuse(NOT_A_SOURCE, "not_a_source")
    if PlanningItem.objects.filter(article=article).exists():
        raise refuse(ARTICLE_TAKEN, "article_taken")
    locked.article = article
    locked.save(update_fields=["article", "updated_at"])
    _log(locked, ATTACHED, user, note=article.headline)
    item_transition(item=locked, action=Action.START, user=user)
    _catch_up(locked, article.status, publisher=user)
    item.article, item.state = article, locked.state
    return locked


def _catch_up(item: PlanningItem, status: str, *, publisher) -> None:
    """Move the item to where its article's status says it is."""
    if status in {Article.Status.IN_REVIEW, Article.Status.SCHEDULED} and item.state == State.IN_PROGRESS:
        item_transition(item=item, action=Action.FILE, user=ARTICLE)
    elif status == Article.Status.DRAFT and item.state == State.FILED:
        item_transition(item=item, action=Action.REOPEN, user=ARTICLE)
    elif status == Article.Status.PUBLISHED and item.state in {State.IN_PROGRESS, State.FILED}:
        item_transition(item=item, action=Action.PUBLISH, user=ARTICLE)
        for assignment in item.assignments.filter(role=Role.TRANSLATOR, state__in=Assignment.OPEN,
                                                  translation_request__isnull=True).select_related("assignee", "assigned_by"):
            _request_translation(assignment, publisher=publisher)


def item_follow_article(sender, *, article: Article, to_status: str, user, **kwargs) -> None:
    """Receiver of ``article_transitioned`` (``PlanningConfig.ready``): the item of a story moves
    with it (filed when submitted or scheduled, back in progress when returned, published when
    published) and, on publication, its translators' assignments become translation requests — in
    the step's own transaction."""
    item = PlanningItem.objects.filter(article=article).first()
    if item is None:
        return
    _catch_up(item, to_status, publisher=user)


def _request_translation(assignment: Assignment, *, publisher) -> None:
    """The translation request a translator's assignment becomes once its source is published,
    asked by the editor who assigned it (or, if they no longer may, by the publisher)."""
    item = assignment.item
    article = item.article
    if assignment.language == article.language:
        return
    requester = next((u for u in (assignment.assigned_by, publisher) if desk_workflow.is_editor(u)), None)
    if requester is None:
        return
    due_at = max(assignment.due_at, timezone.now() + LATE_REQUEST_GRACE)
    try:
        with transaction.atomic():
            request = translations.translation_request_create(
                source=article, language=assignment.language, translator=assignment.assignee, due_at=due_at,
                user=requester, note=item.notes,
            )
    except ValidationError as refusal:
        _log(item, TRANSLATION_REQUESTED, requester, assignment=assignment, note="; ".join(refusal.messages))
        return
    assignment.translation_request = request
    assignment.save(update_fields=["translation_request"])
    _log(item, TRANSLATION_REQUESTED, requester, assignment=assignment, note=site_languages.name(assignment.language))


@transaction.atomic
def story_reschedule(*, article: Article, publish_at: datetime, user) -> Article:
    """Move a scheduled story to another time (a drag on the calendar): the desk's workflow takes it
    out of the schedule and schedules it again, with its own rules (only editors schedule)."""
    if article.status != Article.Status.SCHEDULED:
        raise refuse(NOT_SCHEDULED, "not_scheduled")
    desk_workflow.article_transition(article=article, action=desk_workflow.Action.UNSCHEDULE, user=user)
    desk_workflow.article_transition(article=article, action=desk_workflow.Action.SCHEDULE, user=user, publish_at=publish_at)
    item = PlanningItem.objects.filter(article=article).first()
    if item is not None:
        _log(item, RESCHEDULED, user, note=_when(publish_at))
    return article


# --- calendar addresses --------------------------------------------------------------------------


def calendar_feed_for(user) -> CalendarFeed:
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    return feed


@transaction.atomic
def calendar_feed_reset(*, user, time_zone: str | None = None) -> CalendarFeed:
    """A new secret address; the old one stops working at once."""
    old = CalendarFeed.objects.filter(user=user).first()
    CalendarFeed.objects.filter(user=user).delete()
    zone = time_zone or (old.time_zone if old else None)
    return CalendarFeed.objects.create(user=user, **({"time_zone": zone} if zone else {}))


def staff_choices():
    return get_user_model().objects.filter(is_active=True, is_staff=True).order_by("first_name", "last_name", "username")


def open_assignments_for(user):
    return Assignment.objects.filter(assignee=user, state__in=Assignment.OPEN).exclude(item__state__in=CLOSED_STATES)


def visible_items(user):
    """The items a user may see: all of them for reporters and editors; translators their own."""
    items = PlanningItem.objects.all()
    if is_editor(user) or user.has_perm("planning.add_planningitem"):
        return items
    return items.filter(Q(assignments__assignee=user)).distinct()


@transaction.atomic
def calendar_feed_set_zone(*, user, time_zone: str) -> CalendarFeed:
    feed = calendar_feed_for(user)
    feed.time_zone = time_zone
    feed.full_clean()
    feed.save(update_fields=["time_zone"])
    return feed
