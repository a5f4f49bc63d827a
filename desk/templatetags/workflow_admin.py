"""The admin index's queues: what waits for the signed-in user, with counts."""

from django import template
from django.urls import reverse

from desk import queues

register = template.Library()


@register.simple_tag(takes_context=True)
def workflow_queues(context):
    user = context["request"].user
    changelist = reverse("admin:articles_article_changelist")
    return [
        {"queue": queue, "count": count, "url": f"{changelist}?queue={queue.key}"}
        for queue, count in queues.queues_for(user)
    ]


@register.filter
def staff_name(user, fallback="—"):
    """A user's full name, else their username; ``fallback`` when there is no user."""
    if user is None:
        return fallback
    return user.get_full_name() or user.get_username()
