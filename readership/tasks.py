"""The readership's background work (registered in ``ReadershipConfig``): tallying the beacon's hits
and refreshing the "Most read" lists."""

from datetime import timedelta

from django_tasks import task

from readership import services

TALLY_EVERY = timedelta(minutes=10)


@task()
def readership_tally() -> str:
    tallied = services.tally_hits()
    changed = services.lists_refresh()
    return f"{tallied} tallies, {changed} lists changed"
