"""Background tasks in tests: a test's transaction never commits, so what a change enqueued runs when
the test says so — as the worker would once the change commits (tests/conftest.py runs tasks in the
test's process)."""

from django.test import TestCase


def after_the_worker():
    """``with after_the_worker(): change()`` — the change, then the tasks it enqueued."""
    return TestCase.captureOnCommitCallbacks(execute=True)
