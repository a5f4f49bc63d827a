from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from newsroom.commands import NewsroomCommand
from wire import services


class Command(NewsroomCommand):
    help = (
        "Create a wire subscriber with its first API key. The key is printed once, alone on the last "
        "line; only its hash is kept."
    )

    def add_arguments(self, parser):
        parser.add_argument("name", help="the subscriber's name, e.g. “Daily Paper”")
        parser.add_argument("--languages", required=True, help="the editions it receives, e.g. en,ar,ku")
        parser.add_argument("--sections", default="", help="kinds of story it receives (news,interview…); all when empty")
        parser.add_argument("--embargo", action="store_true", help="it receives embargoed copy ahead of release")
        parser.add_argument("--webhook", default="", help="the address its pushed items are sent to")

    def handle(self, *args, **options):
        split = lambda value: [part.strip() for part in value.split(",") if part.strip()]  # noqa: E731
        try:
            subscriber, key = services.subscriber_create(
                name=options["name"], language_codes=split(options["languages"]), sections=split(options["sections"]),
                embargo=options["embargo"], webhook_url=options["webhook"],
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(f"Subscriber “{subscriber.name}” created (languages: {', '.join(subscriber.languages)}; "
                          f"embargoed copy: {'yes' if subscriber.embargo else 'no'}).")
        if subscriber.webhook_secret:
            self.stdout.write(f"Webhook signing secret: {subscriber.webhook_secret}")
        self.stdout.write("API key (shown once; send it as “Authorization: Bearer <key>”):")
        self.stdout.write(key)
