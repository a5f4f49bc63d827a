"""Create a small demo newsroom: staff accounts and original demo content.

Running it again changes nothing that is already there (people, organizations, tags and stories are
found by their slugs, users by their usernames).
"""

from django.conf import settings
from django.db import transaction

from newsroom.commands import NewsroomCommand
from seed import demo


class Command(NewsroomCommand):
    help = "Create demo staff (reporter, editor, translator, admin) and demo articles. Idempotent."

    def handle(self, *args, **options):
        with transaction.atomic():
            report = demo.seed_demo()
        self.stdout.write(self.style.SUCCESS(report.summary()))
        self.stdout.write(f"\nDemo logins for {settings.SITE_URL}/admin/ :")
        for account in demo.DEMO_ACCOUNTS:
            self.stdout.write(
                f"  {account.role:<11} username {account.username:<11} password {account.password}"
            )
