"""E-mail sent after workflow steps (the console backend prints them unless SMTP is configured).

Editors hear when something is submitted; authors (byline users, and the translator of a
translation) when their article is returned, published or withdrawn. ``transition_notify`` reacts to
``articles.signals.article_transitioned`` (connected in ``DeskConfig.ready``); the e-mails are
written then and sent by a background task once the step is committed (``jobs``); the person who
took the step is not told about it.

``send``, ``admin_url``, ``person_name`` and ``address_of`` are the mail helpers the other desk-side
apps use too (the translation tracking's e-mails: ``translations.notifications``).
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
from jobs import services as jobs
from jobs.tasks import mail_send
from newsroom.languages import isolate

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
    return [user for user in people.order_by("pk") if user.email]


def recipients(change: StatusChange) -> list[str]:
    return [user.email for user in recipient_users(change)]


def recipient_language(user) -> str:
    """The language ``user``'s e-mail is written in.

    The staff's preferred language belongs to their account (issue 21); until it is recorded, a
    message goes out in the language of whoever took the step (the admin's language of the request),
    or the site's default language when nobody did (the scheduler).
    """
    return translation.get_language() or settings.LANGUAGE_CODE


def by_language(users) -> dict[str, list[str]]:
    """The addresses of ``users`` grouped by the language their e-mail is written in."""
    groups: dict[str, list[str]] = {}
    for user in users:
        if user.email:
            groups.setdefault(recipient_language(user), []).append(user.email)
    return groups


def transition_notify(sender, *, change: StatusChange, action: str, **kwargs) -> None:
    """Receiver of ``article_transitioned``: the step's e-mails, sent once it is committed."""
    if TRANSITIONS[action].notify:
        notify_transition(change=change)


def notify_transition(*, change: StatusChange) -> int:
    """Send one e-mail per recipient about ``change``, in the recipient's language; return how many
    were sent."""
    if change.action not in SUBJECTS:
        return 0
    sent = 0
    for language, addresses in by_language(recipient_users(change)).items():
        with translation.override(language):
            sent += send(subject=_transition_subject(change), lines=_transition_lines(change), addresses=addresses)
    return sent


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
    lines += ["", admin_url(article)]
    if article.is_public:
        lines.append(f"{settings.SITE_URL}{article.get_absolute_url()}")
    return lines


def admin_url(article) -> str:
    return f"{settings.SITE_URL}{reverse('admin:articles_article_change', args=[article.pk])}"


def send(*, subject: str, lines: list[str], addresses: list[str]) -> int:
    """One e-mail per address, sent by a background task once the change commits (the text is
    written now, from what the change left); return how many are on their way."""
    addresses = [address for address in addresses if address]
    if addresses:
        jobs.enqueue(mail_send, subject=subject, body="\n".join(lines), addresses=addresses)
    return len(addresses)


def person_name(user) -> str:
    return isolate(user.get_full_name() or user.get_username()) if user else gettext("Someone")


def address_of(user, *, actor=None) -> list[str]:
    """``user``'s address, unless they are the one acting or cannot be reached."""
    if user is None or not user.is_active or not user.email or (actor is not None and actor.pk == user.pk):
        return []
    return [user.email]
