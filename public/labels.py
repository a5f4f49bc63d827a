"""Reader-facing names of article kinds and correction kinds, in the reader's language.

The model choices carry the English names the admin shows; the public site uses these, which the
project's .po files translate.
"""

from django.utils.translation import pgettext_lazy

from articles.models import Article, Correction

KIND_LABELS = {
    Article.Kind.INTERVIEW: pgettext_lazy("article kind", "Interview"),
    Article.Kind.NEWS: pgettext_lazy("article kind", "News"),
    Article.Kind.FEATURE: pgettext_lazy("article kind", "Feature"),
    Article.Kind.ANALYSIS: pgettext_lazy("article kind", "Analysis"),
    Article.Kind.OPINION: pgettext_lazy("article kind", "Opinion"),
}

CORRECTION_LABELS = {
    Correction.Kind.CORRECTION: pgettext_lazy("correction kind", "Correction"),
    Correction.Kind.UPDATE: pgettext_lazy("correction kind", "Update"),
}
