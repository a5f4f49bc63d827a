"""The checklist's background work: a story's links checked.

``article_links_check`` fetches each web address of a body (``checklist.rules.links_in``) with the
SSRF-safe fetch of ``checklist.links`` and keeps one ``LinkCheck`` per address; the checklist's
"Links answer" rule reads them. Running it twice changes nothing more (jobs run at least once:
docs/DEPLOY.md).
"""

from django.utils import timezone
from django_tasks import task

from articles.models import Article
from checklist import links
from checklist.models import LinkCheck
from checklist.rules import links_in


@task()
def article_links_check(article_id: int) -> int:
    """Check every link of one story's body; how many do not answer."""
    article = Article.objects.filter(pk=article_id).only("body").first()
    if article is None:
        return 0
    urls = links_in(article.body)
    broken = 0
    for url in urls:
        answer = links.fetch(url)  # a module attribute: the tests put a fake there
        broken += not answer.ok
        LinkCheck.objects.update_or_create(
            article=article, url=url,
            defaults={"ok": answer.ok, "status_code": answer.status_code, "error": answer.error[:300],
                      "checked_at": timezone.now()},
        )
    LinkCheck.objects.filter(article=article).exclude(url__in=urls).delete()
    return broken
