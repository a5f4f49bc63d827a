"""Who hears about a workflow step: an item in their inbox and, if they keep it on, an e-mail.

Editors hear when something is submitted; authors (byline users, and the translator of a
translation) when their article is returned, published or withdrawn. ``transition_notify`` reacts to
``articles.signals.article_transitioned`` (connected in ``DeskConfig.ready``); the messages are
written then, in each recipient's language, and the e-mails sent by a background task once the step
is committed (``inbox.services.inbox_notify``); the person who took the step is not told about it.
"""


from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles.models import StatusChange
from desk.workflow import TRANSITIONS
from inbox import services as inbox
from inbox.services import inbox_notify, recipient_languages
from newsroom.languages import isolate

KINDS = {
    "submit": inbox.SUBMITTED,
    "return": inbox.RETURNED,
    "publish": inbox.PUBLISHED,
    "publish_due": inbox.PUBLISHED,
    "withdraw": inbox.WITHDRAWN,
}
SUBJECTS = {
    "submit": _("Submitted for review: {headline}"),
    "return": _("Returned to you: {headline}"),
    "publish": _("Published: {headline}"),
    "publish_due": _("Published as scheduled: {headline}"),
    "withdraw": _("Withdrawn: {headline}"),
}


def editors():
    """Active staff who hold the editor permission, through a group or directly."""
    permission = Permission.objects.filter(codename="publish_article", content_type__app_label="articles")
    return (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True)
        .filter(Q(groups__permissions__in=permission) | Q(user_permissions__in=permission))
        .distinct()
    )


def authors(article):
    """Byline users, and the translator a translation is assigned to."""
    people = Q(bylines__article=article)
    if article.translator_id:
        people |= Q(pk=article.translator_id)
    return get_user_model().objects.filter(people, is_active=True).distinct()


def recipient_users(change: StatusChange) -> list:
    who = TRANSITIONS[change.action].notify
    people = editors() if who == "editors" else authors(change.article)
    if change.actor_id:
        people = people.exclude(pk=change.actor_id)
    return list(people.order_by("pk"))


def recipients(change: StatusChange) -> list[str]:
    """The addresses the step's e-mail goes to (recipients who keep e-mail on)."""
    return [user.email for user in recipient_users(change) if user.email]


def by_language(users) -> dict[str, list]:
    """``users`` grouped by the language a message to them is written in."""
    languages = recipient_languages(users)
    groups: dict[str, list] = {}
    for user in users:
        groups.setdefault(languages[user.pk], []).append(user)
    return groups


def transition_notify(sender, *, change: StatusChange, action: str, **kwargs) -> None:
    """Receiver of ``article_transitioned``: who the step concerns is told."""
    if TRANSITIONS[action].notify:
        notify_transition(change=change)


def notify_transition(*, change: StatusChange) -> int:
    """An inbox item (and, for those who want it, an e-mail) for each person the step concerns, in
    their language; return how many were told."""
    if change.action not in SUBJECTS:
        return 0
    told = 0
    for language, users in by_language(recipient_users(change)).items():
        with translation.override(language):
            told += inbox_notify(
                recipients=users, kind=KINDS[change.action], title=_transition_subject(change),
                body="\n".join(_transition_lines(change)), url=admin_path(change.article), actor=change.actor,
            )
    return told


def _transition_subject(change: StatusChange) -> str:
    return SUBJECTS[change.action].format(headline=isolate(change.article.headline))


def _transition_lines(change: StatusChange) -> list[str]:
    article = change.article
    actor = (change.actor.get_full_name() or change.actor.get_username()) if change.actor else gettext("The scheduler")
    lines = [
        gettext("%(who)s — %(from_status)s → %(to_status)s") % {
            "who": isolate(actor), "from_status": change.get_from_status_display(),
            "to_status": change.get_to_status_display(),
        },
        gettext("“%(headline)s”") % {"headline": isolate(article.headline)},
    ]
    if change.note:
        lines += ["", change.note]
    if article.is_public:
        lines += ["", f"{settings.SITE_URL}{article.get_absolute_url()}"]
    return lines


def admin_path(article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def person_name(user) -> str:
    return isolate(user.get_full_name() or user.get_username()) if user else gettext("Someone")
