"""Presence's background work: forgetting pages closed long ago (registered in ``PresenceConfig``)."""

from datetime import timedelta

from django_tasks import task

from presence.services import presence_forget_stale

FORGET_EVERY = timedelta(hours=1)


@task()
def presence_forget_sweep() -> int:
    return presence_forget_stale()
