"""Reader-facing names of article kinds and correction kinds, in the reader's language.

The model choices carry the English names the admin shows; the public site uses these, which the
project's .po files translate.
"""

from django.utils import translation
from django.utils.translation import pgettext, pgettext_lazy

from articles.models import Article, Correction

KIND_LABELS = {
    Article.Kind.INTERVIEW: pgettext_lazy("article kind", "Interview"),
    Article.Kind.NEWS: pgettext_lazy("article kind", "News"),
    Article.Kind.FEATURE: pgettext_lazy("article kind", "Feature"),
    Article.Kind.ANALYSIS: pgettext_lazy("article kind", "Analysis"),
    Article.Kind.OPINION: pgettext_lazy("article kind", "Opinion"),
    Article.Kind.LIVE: pgettext_lazy("article kind", "Live coverage"),
}

CORRECTION_LABELS = {
    Correction.Kind.CORRECTION: pgettext_lazy("correction kind", "Correction"),
    Correction.Kind.UPDATE: pgettext_lazy("correction kind", "Update"),
}


def live_label(article) -> str:
    """"Live", in the story's own language: the mark of an open live story in feeds and the news
    sitemap, which speak the story's language whatever page asked."""
    with translation.override(article.language):
        return pgettext("live coverage open", "Live")
