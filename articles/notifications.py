"""E-mail sent after workflow steps (the console backend prints them unless SMTP is configured).

Editors hear when something is submitted; authors (byline users, and the translator of a
translation) when their article is returned, published or withdrawn. Called by ``articles.workflow``
once the step is committed; the person who took the step is not told about it.

Translators hear when a translation or a translation request is assigned to them, when a request is
cancelled, and when the source of their translation changes (``articles.translation``).
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.mail import send_mass_mail
from django.db.models import Q
from django.urls import reverse

from articles.models import StatusChange
from articles.workflow import TRANSITIONS

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
    """One e-mail per address; return how many were sent."""
    body = "\n".join(lines)
    messages = [(f"[{settings.SITE_NAME}] {subject}", body, None, [address]) for address in addresses if address]
    return send_mass_mail(messages, fail_silently=False) if messages else 0


def _name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else "Someone"


def _to(user, *, actor=None) -> list[str]:
    """The translator's address, unless they are the one acting or cannot be reached."""
    if user is None or not user.is_active or not user.email or (actor is not None and actor.pk == user.pk):
        return []
    return [user.email]


def notify_translation_assigned(*, translation, actor) -> int:
    source = translation.translation_source
    return send(
        subject=f"Translation assigned to you: {source.headline}",
        lines=[f"{_name(actor)} made a {translation.get_language_display()} draft of “{source.headline}” "
               "for you to translate.", "", admin_url(translation)],
        addresses=_to(translation.translator, actor=actor),
    )


def notify_translation_requested(*, request) -> int:
    due = request.due_at.strftime("%Y-%m-%d %H:%M %Z")
    lines = [f"{_name(request.requested_by)} asks you for a {request.get_language_display()} translation of "
             f"“{request.source.headline}”, due {due}."]
    if request.note:
        lines += ["", request.note]
    lines += ["", f"{settings.SITE_URL}{reverse('admin:articles_translationrequest_changelist')}?mine=1"]
    return send(subject=f"Translation requested: {request.source.headline}", lines=lines,
                addresses=_to(request.translator, actor=request.requested_by))


def notify_translation_request_cancelled(*, request, actor) -> int:
    return send(
        subject=f"Translation request cancelled: {request.source.headline}",
        lines=[f"{_name(actor)} cancelled the {request.get_language_display()} translation of "
               f"“{request.source.headline}”."],
        addresses=_to(request.translator, actor=actor),
    )


def notify_translation_outdated(*, translation, actor, correction=None) -> int:
    """The source of ``translation`` changed (its text, or a new public correction)."""
    source = translation.translation_source
    what = (f"A public {correction.get_kind_display().lower()} was added to"
            if correction else f"{_name(actor)} changed the text of")
    lines = [f"{what} “{source.headline}”, the source of your {translation.get_language_display()} "
             "translation. The translation page shows what changed; bring it up to date, then mark it so."]
    if correction:
        lines += ["", correction.text]
    lines += ["", admin_url(translation)]
    return send(subject=f"Source changed: {translation.headline}", lines=lines,
                addresses=_to(translation.translator, actor=actor))
