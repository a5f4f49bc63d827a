"""Build a large synthetic newsroom for benchmarks: ``python manage.py seed_bench --articles 100000``.

The generator is ``seed.benchdata``; this command reads the options, shows progress and reports.
See docs/PERFORMANCE.md.
"""

import argparse
import time

from django.core.management.base import CommandError

from newsroom.commands import NewsroomCommand
from seed import benchdata


def count_option(low: int, high: int):
    def parse(value: str) -> int:
        try:
            number = int(value.replace("_", "").replace(",", ""))
        except ValueError:
            number = None
        if number is None or not low <= number <= high:
            raise argparse.ArgumentTypeError(
                f"must be a whole number between {low:,} and {high:,}, not {value!r}"
            )
        return number

    return parse


class ProgressBar:
    """A one-line bar redrawn in place on a terminal; a line every 10% elsewhere (logs, CI)."""

    WIDTH = 30

    def __init__(self, stream, *, label: str):
        self.stream = stream  # a command's OutputWrapper (self.stderr)
        self.label = label
        self.started = time.monotonic()
        self.tty = getattr(stream, "isatty", lambda: False)()
        self.last_tenth = -1

    def __call__(self, done: int, total: int) -> None:
        fraction = done / total if total else 1.0
        if not self.tty:
            tenth = int(fraction * 10)
            if tenth == self.last_tenth:
                return
            self.last_tenth = tenth
        elapsed = time.monotonic() - self.started
        rate = done / elapsed if elapsed > 0 else 0.0
        eta = (total - done) / rate if rate else 0.0
        filled = round(fraction * self.WIDTH)
        line = (
            f"[{'#' * filled}{'.' * (self.WIDTH - filled)}] {fraction:4.0%} "
            f"{done:,}/{total:,} {self.label}  {rate:,.0f}/s  "
            f"{'ETA ' + _clock(eta) if done < total else 'in ' + _clock(elapsed)}"
        )
        if self.tty:
            self.stream.write("\r" + line, ending="\n" if done >= total else "")
        else:
            self.stream.write(line)
        self.stream.flush()


def _clock(seconds: float) -> str:
    minutes, seconds = divmod(round(seconds), 60)
    return f"{minutes}:{seconds:02d}"


class Command(NewsroomCommand):
    help = (
        "Build a large synthetic newsroom for benchmarks (three languages, translations, tags, people, "
        "organizations, ten years of dates) with bulk inserts. Refuses a database that already has "
        "content unless --append. Not for production data."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--articles", required=True, metavar="N",
            type=count_option(1, benchdata.MAX_ARTICLES),
            help="how many articles to create (language versions count one each), e.g. 100000",
        )
        parser.add_argument(
            "--tags", default=2000, metavar="N", type=count_option(0, benchdata.MAX_ENTITIES),
            help="new tags to create (default 2,000)",
        )
        parser.add_argument(
            "--people", default=5000, metavar="N", type=count_option(0, benchdata.MAX_ENTITIES),
            help="new people to create, with alternate spellings and affiliations (default 5,000)",
        )
        parser.add_argument(
            "--organizations", default=500, metavar="N", type=count_option(0, benchdata.MAX_ENTITIES),
            help="new organizations to create, with aliases (default 500)",
        )
        parser.add_argument(
            "--seed", default=1, type=int,
            help="random seed: the same seed on the same day builds the same newsroom (default 1)",
        )
        parser.add_argument(
            "--append", "--force", dest="append", action="store_true",
            help="add to a database that already has articles, people, organizations or tags "
            "(nothing there is changed or deleted)",
        )
        parser.add_argument(
            "--batch-size", default=1000, metavar="N", type=count_option(1, 100_000),
            help="articles generated and inserted per batch; bounds memory (default 1,000)",
        )

    def handle(self, *args, **options):
        try:
            report = benchdata.bench_seed(
                articles=options["articles"],
                tags=options["tags"],
                people=options["people"],
                organizations=options["organizations"],
                seed=options["seed"],
                append=options["append"],
                batch_size=options["batch_size"],
                progress=ProgressBar(self.stderr, label="articles"),
            )
        except benchdata.BenchSeedError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(report.summary()))
