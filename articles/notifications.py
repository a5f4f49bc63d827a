"""E-mail sent after workflow steps (the console backend prints them unless SMTP is configured).

Editors hear when something is submitted; authors (byline users) when their article is returned,
published or withdrawn. Called by ``articles.workflow`` once the step is committed; the person who
took the step is not told about it.
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
    return get_user_model().objects.filter(is_active=True, bylines__article=article).distinct()


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
    lines += ["", f"{settings.SITE_URL}{reverse('admin:articles_article_change', args=[article.pk])}"]
    if article.is_public:
        lines.append(f"{settings.SITE_URL}{article.get_absolute_url()}")
    body = "\n".join(lines)
    messages = [(f"[{settings.SITE_NAME}] {subject}", body, None, [address]) for address in recipients(change)]
    return send_mass_mail(messages, fail_silently=False) if messages else 0
