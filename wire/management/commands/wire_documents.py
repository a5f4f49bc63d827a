from django.db.models import Q

from articles.models import Article
from newsroom.commands import NewsroomCommand
from wire import documents
from wire.models import StoredDocument


class Command(NewsroomCommand):
    help = (
        "Build and store the API's ninjs documents of the stories subscribers can receive that have "
        "none yet (or all of them with --all). The API builds a missing or outdated document itself; "
        "this does it ahead, after an import, a restore or on a fresh install."
    )

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="build every document again, stored or not")

    def handle(self, *args, **options):
        receivable = Q(status__in=[Article.Status.PUBLISHED, Article.Status.SCHEDULED, Article.Status.WITHDRAWN])
        articles = Article.objects.filter(receivable)
        if not options["all"]:
            articles = articles.exclude(pk__in=StoredDocument.objects.values("article_id"))
        ids = list(articles.order_by("pk").values_list("pk", flat=True))
        built = documents.documents_build(ids)
        self.stdout.write(f"{built} ninjs documents built and stored.")
