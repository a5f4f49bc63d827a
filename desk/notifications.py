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

from articles.models import StatusChange
from desk.workflow import TRANSITIONS
from jobs import services as jobs
from jobs.tasks import mail_send

SUBJECTS = {
    "submit": "Submitted for review: {headline}",
    "return": "Returned to you: {headline}",
    "publish": "Published: {headline}",
    "publish_due": "Published as scheduled: {headline}",
    "withdraw": "Withdrawn: {headline}",
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


def recipients(change: StatusChange) -> list[str]:
    who = TRANSITIONS[change.action].notify
    people = editors() if who == "editors" else authors(change.article)
    if change.actor_id:
        people = people.exclude(pk=change.actor_id)
    return [user.email for user in people.order_by("pk") if user.email]


def transition_notify(sender, *, change: StatusChange, action: str, **kwargs) -> None:
    """Receiver of ``article_transitioned``: the step's e-mails, sent once it is committed."""
    if TRANSITIONS[action].notify:
        notify_transition(change=change)


def notify_transition(*, change: StatusChange) -> int:
    """Send one e-mail per recipient about ``change``; return how many were sent."""
    if change.action not in SUBJECTS:
        return 0
    article = change.article
    subject = SUBJECTS[change.action].format(headline=article.headline)
    actor = (change.actor.get_full_name() or change.actor.get_username()) if change.actor else "The scheduler"
    lines = [
        f"{actor} — {change.get_from_status_display()} → {change.get_to_status_display()}",
        f"“{article.headline}”",
    ]
    if change.note:
        lines += ["", change.note]
    lines += ["", admin_url(article)]
    if article.is_public:
        lines.append(f"{settings.SITE_URL}{article.get_absolute_url()}")
    return send(subject=subject, lines=lines, addresses=recipients(change))


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
    return (user.get_full_name() or user.get_username()) if user else "Someone"


def address_of(user, *, actor=None) -> list[str]:
    """``user``'s address, unless they are the one acting or cannot be reached."""
    if user is None or not user.is_active or not user.email or (actor is not None and actor.pk == user.pk):
        return []
    return [user.email]
