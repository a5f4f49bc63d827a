"""The desk's background work: scheduled stories go out at their time.

Scheduling a story enqueues ``article_publish_when_due`` for its time (``schedule_on_transition``,
connected in ``DeskConfig.ready``); ``publish_due_sweep`` runs every minute as the safety net (a story
scheduled while no worker ran, or before tasks existed), as ``publish_scheduled`` does from cron. Both
publish through ``desk.workflow``, which locks the row and re-checks the status: a story is
published exactly once, however many workers and copies of a task run.
"""

import logging
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from django_tasks import task

from articles.models import Article
from desk.workflow import SCHEDULER, Action, article_transition, articles_publish_due
from jobs import services as jobs

logger = logging.getLogger(__name__)

SWEEP_EVERY = timedelta(minutes=1)


@task()
def article_publish_when_due(article_id: int) -> str:
    """Publish one scheduled story if its time has come; what happened, in a word."""
    article = Article.objects.filter(pk=article_id).first()
    if article is None:
        return "deleted"
    if article.status != Article.Status.SCHEDULED:
        return "not scheduled"  # published already, or unscheduled
    if article.published_at > timezone.now():
        return "not due"  # rescheduled later: the new time has its own task
    try:
        article_transition(article=article, action=Action.PUBLISH_DUE, user=SCHEDULER)
    except ValidationError as refusal:  # another worker got there first
        logger.info("Not publishing article %s: %s", article_id, "; ".join(refusal.messages))
        return "refused"
    return "published"


@task()
def publish_due_sweep() -> int:
    """Publish every scheduled story that is due (the safety net); how many."""
    return len(articles_publish_due())


def schedule_on_transition(sender, *, article, to_status, **kwargs) -> None:
    """Receiver of ``article_transitioned``: a story just scheduled goes out at its time."""
    if to_status == Article.Status.SCHEDULED:
        jobs.enqueue(article_publish_when_due, article.pk, run_after=article.published_at)
