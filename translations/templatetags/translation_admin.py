"""The admin index's translation desk: the signed-in user's open translation requests."""

from django import template
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from desk import workflow
from translations import names
from translations import services as translation

register = template.Library()


@register.simple_tag(takes_context=True)
def translation_desk(context):
    """Open requests assigned to the user and how many are overdue (one query), with links."""
    user = context["request"].user
    counts = translation.open_requests_for(user).aggregate(
        open=Count("pk"), overdue=Count("pk", filter=Q(due_at__lt=timezone.now()))
    )
    is_translator = workflow.may_translate(user)
    return {
        **counts,
        "requests_url": reverse("admin:articles_translationrequest_changelist") + "?mine=1",
        "coverage_url": reverse("admin:articles_article_coverage"),
        "is_translator": is_translator,
        # The names, bios and descriptions waiting in a language: the translators' queue.
        "names": names.names_to_translate_count() if is_translator else None,
        "names_url": reverse("admin:articles_article_name_coverage") if is_translator else "",
    }
