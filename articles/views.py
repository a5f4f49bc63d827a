from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation

from articles.models import Article


def home(request):
    articles = (
        Article.objects.published()
        .in_language(translation.get_language())
        .prefetch_related("bylines__user")
    )
    page = Paginator(articles, 20).get_page(request.GET.get("page"))
    return render(request, "articles/home.html", {"page": page})


def article_detail(request, pk, slug=""):
    withdrawn = Article.objects.filter(pk=pk, status=Article.Status.WITHDRAWN).first()
    if withdrawn is not None:
        # 410 Gone: the story was public and has been taken down on purpose.
        return render(request, "410.html", {"article": withdrawn}, status=410)
    article = get_object_or_404(
        Article.objects.published().prefetch_related(
            "bylines__user", "interviewee_links__person", "organizations", "tags", "corrections"
        ),
        pk=pk,
    )
    if slug != article.slug or translation.get_language() != article.language:
        return redirect(article, permanent=True)
    return article_response(request, article)


def article_response(request, article, *, extra_context=None):
    """The public page of ``article``; staff previews and share links render it the same way."""
    return render(request, "articles/article_detail.html", {"article": article, **(extra_context or {})})
