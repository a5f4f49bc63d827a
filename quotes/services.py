"""What the desk does with quotes: find them in a story, confirm them, follow the story's edits.

* ``quotes_detect`` — proposals (unconfirmed quotes) for the quotes of a story's body, attributed
  among the people linked to it (``quotes.recognition``); quotes the story already has are kept as
  they are. In a language version of a story, each is linked to the quote it translates.
* ``quotes_confirm`` — the reporter's check: readers may see these.
* ``on_article_saved`` — after every save of a story (``articles.signals.article_saved``): each
  quote is found again in the body and moved to its paragraph; one whose words are gone is removed.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from articles.html import paragraph_texts
from articles.models import Article
from quotes.models import Quote
from quotes.recognition import Speaker, quotes_find


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def _paragraph_of(text: str, paragraphs: list[str], *, was: int = 0) -> int | None:
    """The paragraph (from 1) holding ``text`` (``was``, if it still does); None when none does."""
    wanted = _folded(text)
    if 0 < was <= len(paragraphs) and wanted and wanted in _folded(paragraphs[was - 1]):
        return was
    for number, paragraph in enumerate(paragraphs, start=1):
        if wanted and wanted in _folded(paragraph):
            return number
    return None


def article_speakers(article: Article) -> tuple[list[Speaker], int | None]:
    """The people linked to ``article`` as speakers, and who says the unattributed quotes: in an
    interview, the interviewee (the first, if several). Other stories quote people the register
    does not know (“Reem, a student, says …”): there a quote needs its speaker named."""
    links = list(article.interviewee_links.select_related("person").prefetch_related("person__alternate_names").order_by("position", "pk"))
    speakers = [Speaker(id=link.person_id, names=tuple(link.person.all_names)) for link in links]
    default = None
    if links and article.kind == Article.Kind.INTERVIEW:
        default = links[0].person_id
    return speakers, default


@transaction.atomic
def quotes_detect(*, article: Article) -> list[Quote]:
    """Propose the quotes of ``article``'s body not yet on record. Returns the new ones."""
    speakers, default = article_speakers(article)
    if not speakers:
        return []
    known = {_folded(text) for text in article.quotes.values_list("text", flat=True)}
    originals = _originals(article)
    created = []
    for found in quotes_find(paragraph_texts(article.body), speakers=speakers, default=default):
        if _folded(found.text) in known:
            continue
        known.add(_folded(found.text))
        quote = Quote(article=article, person_id=found.speaker, text=found.text, paragraph=found.paragraph,
                      language=article.language)
        quote.original = _original_for(quote, originals, created)
        quote.full_clean()
        quote.save()
        created.append(quote)
    return created


def _originals(article: Article) -> list[Quote]:
    """The quotes of the version ``article`` was translated from (or of its other versions)."""
    others = Article.objects.filter(translation_key=article.translation_key).exclude(pk=article.pk)
    if article.translation_source_id:
        others = others.filter(pk=article.translation_source_id)
    return list(Quote.objects.filter(article__in=others, original__isnull=True).order_by("article_id", "paragraph", "pk"))


def _original_for(quote: Quote, originals: list[Quote], created: list[Quote]) -> Quote | None:
    """The same person's quote in the same paragraph of the original; else their quote at the
    same place in order (a translation may join or split paragraphs)."""
    theirs = [q for q in originals if q.person_id == quote.person_id]
    same_paragraph = [q for q in theirs if q.paragraph == quote.paragraph]
    taken = {q.original_id for q in created if q.original_id}
    for candidate in same_paragraph:
        if candidate.pk not in taken:
            return candidate
    position = sum(1 for q in created if q.person_id == quote.person_id)
    return theirs[position] if position < len(theirs) and theirs[position].pk not in taken else None


def quotes_confirm(*, quotes: Iterable[Quote]) -> int:
    """Mark ``quotes`` as checked by the reporter (readers see them once the story is public)."""
    count = 0
    for quote in quotes:
        if not quote.confirmed:
            quote.confirmed = True
            quote.save(update_fields=["confirmed"])
            count += 1
    return count


def quotes_follow_body(*, article: Article) -> None:
    """Each quote of ``article`` at the paragraph that now holds its words; gone words, gone quote."""
    quotes = list(article.quotes.all())
    if not quotes:
        return
    paragraphs = paragraph_texts(article.body)
    for quote in quotes:
        number = _paragraph_of(quote.text, paragraphs, was=quote.paragraph)
        if number is None:
            quote.delete()
        elif number != quote.paragraph or quote.language != article.language:
            quote.paragraph, quote.language = number, article.language
            quote.save(update_fields=["paragraph", "language"])


def on_article_saved(sender, article, **kwargs) -> None:
    """``article_saved``: the quotes follow the body as it now is."""
    quotes_follow_body(article=article)
