"""Who hears about planning: the assignee of a new assignment, the assigning editor when it is
answered, and the item's editor when an assignment is overdue. Each message is written in its
recipient's language and goes through ``inbox.services.inbox_notify`` (their inbox, e-mail if they
keep it on)."""

from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext

from inbox.services import inbox_notify, recipient_language
from newsroom.languages import isolate
from planning.models import Assignment, PlanningItem

ASSIGNED = "planning_assigned"
ANSWERED = "planning_answered"
OVERDUE = "planning_overdue"


def item_path(item: PlanningItem) -> str:
    return reverse("admin:planning_planningitem_change", args=[item.pk])


def person_name(user) -> str:
    return isolate(user.get_full_name() or user.get_username()) if user else gettext("Someone")


def _due(assignment: Assignment) -> str:
    return isolate(formats.date_format(timezone.localtime(assignment.due_at), "DATETIME_FORMAT"))


def notify_assigned(*, assignment: Assignment, actor) -> int:
    item = assignment.item
    with translation.override(recipient_language(assignment.assignee)):
        return inbox_notify(
            recipients=[assignment.assignee], kind=ASSIGNED, actor=actor, url=item_path(item),
            title=gettext("New assignment: %(slug)s") % {"slug": isolate(item.slug_line)},
            body=gettext("%(who)s asks you to cover “%(slug)s” as %(role)s, due %(due)s.") % {
                "who": person_name(actor), "slug": isolate(item.slug_line),
                "role": assignment.get_role_display().lower(), "due": _due(assignment),
            },
        )


def notify_answered(*, assignment: Assignment, actor) -> int:
    """The editor who made the assignment hears that it was accepted, declined or done."""
    item = assignment.item
    editor = assignment.assigned_by
    if editor is None:
        return 0
    with translation.override(recipient_language(editor)):
        lines = [gettext("%(who)s: %(role)s on “%(slug)s” is now %(state)s.") % {
            "who": person_name(assignment.assignee), "role": assignment.get_role_display().lower(),
            "slug": isolate(item.slug_line), "state": assignment.get_state_display().lower(),
        }]
        if assignment.decline_reason and assignment.state == Assignment.State.DECLINED:
            lines += ["", assignment.decline_reason]
        return inbox_notify(
            recipients=[editor], kind=ANSWERED, actor=actor, url=item_path(item),
            title=gettext("Assignment %(state)s: %(slug)s") % {
                "state": assignment.get_state_display().lower(), "slug": isolate(item.slug_line),
            },
            body="\n".join(lines),
        )


def notify_overdue(*, assignment: Assignment, editors: list) -> int:
    item = assignment.item
    told = 0
    for editor in editors:
        with translation.override(recipient_language(editor)):
            told += inbox_notify(
                recipients=[editor], kind=OVERDUE, url=item_path(item),
                title=gettext("Overdue: %(slug)s") % {"slug": isolate(item.slug_line)},
                body=gettext("%(who)s has not finished %(role)s on “%(slug)s”, due %(due)s.") % {
                    "who": person_name(assignment.assignee), "role": assignment.get_role_display().lower(),
                    "slug": isolate(item.slug_line), "due": _due(assignment),
                },
            )
    return told
