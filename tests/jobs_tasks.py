"""A task for the worker tests: slow enough to kill a worker in the middle of it."""

import time
from pathlib import Path

from django_tasks import task


@task()
def slow_note(path: str, seconds: float) -> str:
    """Sleep, then write one line to ``path``: a run killed before the end writes nothing."""
    time.sleep(seconds)
    with Path(path).open("a", encoding="utf-8") as note:
        note.write("done\n")
    return "done"
