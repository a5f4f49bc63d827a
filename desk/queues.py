"""The desk's queues: what waits for whom (the views of the admin's article list and its header)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Byline
from articles.queries import article_id_in
from desk.workflow import is_editor

Status = Article.Status


@dataclass(frozen=True)
class Queue:
    key: str
    label: str
    description: str
    editors_only: bool = False

    def condition(self, user) -> Q:
        # article_id_in: on PostgreSQL the byline ids and the translator column are two index scans
        # combined, where "id IN (…) OR translator" read every article of the archive.
        mine = article_id_in(Byline.objects.filter(user=user).values("article")) | Q(translator=user)
        return {
            "mine": mine,
            "drafts": mine & Q(status=Status.DRAFT),
            "review": Q(status=Status.IN_REVIEW),
            "scheduled": Q(status=Status.SCHEDULED),
        }[self.key]


QUEUES: dict[str, Queue] = {
    q.key: q
    for q in [
        Queue("review", _("Awaiting review"), _("Submitted by reporters: return or publish."), editors_only=True),
        Queue("scheduled", _("Scheduled"), _("Waiting for their publication time."), editors_only=True),
        Queue("drafts", _("My drafts"), _("Yours to finish and submit (returned ones too).")),
        Queue("mine", _("My articles"), _("Everything with your byline, and translations assigned to you.")),
    ]
}


def queues_for(user) -> list[tuple[Queue, int]]:
    """The queues this user works from, with how many articles wait in each.

    One small count per queue: each reads an index (articles by status, bylines by user), where one
    aggregate with a filter per queue would read every article of the archive.
    """
    queues = [q for q in QUEUES.values() if is_editor(user) or not q.editors_only]
    return [(q, Article.objects.filter(q.condition(user)).count()) for q in queues]
