"""What readers see of quotes: the public site's one query (``public`` imports this, never the
desk's side of the app).

A person's quotes are their **confirmed** quotes in **published** stories, newest story first. On an
edition's page a quote said in another language gives way to its translation in the edition's
language, when a published story carries one (``original``): a reader sees each thing said once.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from articles.models import Article
from quotes.models import Quote

MAX_WORDS = 8  # words a reader's search of the quotes uses


def public_quotes(*, person, language: str, words: str = "") -> QuerySet[Quote]:
    published = Article.objects.published()
    shown = Quote.objects.filter(person=person, confirmed=True).filter(
        Exists(published.filter(pk=OuterRef("article_id")))
    )
    in_edition = Quote.objects.filter(confirmed=True, language=language).filter(
        Exists(published.filter(pk=OuterRef("article_id")))
    )
    translated_here = Exists(
        in_edition.filter(Q(original_id=OuterRef("pk")) | Q(original_id=OuterRef("original_id")) | Q(pk=OuterRef("original_id")))
    )
    quotes = shown.filter(Q(language=language) | ~translated_here)
    for word in words.split()[:MAX_WORDS]:
        quotes = quotes.filter(text__icontains=word)
    return quotes.select_related("article").order_by("-article__published_at", "-article_id", "paragraph", "pk")
