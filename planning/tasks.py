"""Planning's background work: overdue assignments are marked and their editors told, every few
minutes (registered in ``PlanningConfig.ready`` with ``jobs.services.periodic_register``). Running it
twice changes nothing: an assignment is marked once."""

from datetime import timedelta

from django_tasks import task

from planning.services import assignments_overdue_mark

SWEEP_EVERY = timedelta(minutes=5)


@task()
def overdue_sweep() -> int:
    """Mark the assignments that became overdue; how many."""
    return assignments_overdue_mark()
