"""Publish the scheduled articles whose time has come.

Run it every minute from cron (``* * * * * python manage.py publish_scheduled``), or keep one
running with ``--loop`` where there is no cron. Two copies at once are safe: each article is
published exactly once (see ``desk.workflow.articles_publish_due``).
"""

import time

from django.core.management.base import CommandError
from django.db import close_old_connections, connection

from desk.workflow import articles_publish_due
from newsroom.commands import NewsroomCommand


class Command(NewsroomCommand):
    help = "Publish scheduled articles that are due. Safe to run every minute, and twice at once."

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Keep running, checking every --interval seconds.")
        parser.add_argument("--interval", type=float, default=60.0, help="Seconds between checks with --loop (default 60).")
        parser.add_argument("--max-rounds", type=int, default=0, help="With --loop: stop after this many checks (0: never).")

    def handle(self, *args, loop=False, interval=60.0, max_rounds=0, **options):
        if interval < 0 or max_rounds < 0:
            raise CommandError("--interval and --max-rounds cannot be negative.")
        if max_rounds and not loop:
            raise CommandError("--max-rounds only counts the rounds of --loop: add --loop, or leave it out.")
        rounds = 0
        while True:
            if not connection.in_atomic_block:
                close_old_connections()  # a long --loop must not keep a broken or stale connection
            published = articles_publish_due()
            for article in published:
                self.stdout.write(f"Published #{article.pk} “{article.headline}” ({article.language})")
            if options["verbosity"] >= 2:
                self.stdout.write(f"Checked for due articles: {len(published)} published.")
            rounds += 1
            if not loop or rounds == max_rounds:
                return
            time.sleep(interval)
