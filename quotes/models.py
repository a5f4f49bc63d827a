"""A quote: words a person said, as a story prints them between quotation marks.

Found in the body when copy is imported (``quotes.recognition``), proposed to the reporter, who
confirms, fixes (another person) or removes it on the story's admin page. Readers see a confirmed
quote of a public story on the person's page (``quotes.selectors.public_quotes``), linking to its
paragraph (``articles.html.paragraph_anchor``). The language is the story's; its date is the story's
publication. A quote in a translated story names the quote it translates (``original``).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from articles.html import paragraph_anchor
from articles.models import Article
from people.models import Person

ORIGINAL_ELSEWHERE = _("The original must be a quote of the same person in another language version of this story.")


class Quote(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="quotes", verbose_name=_("story"))
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="quotes", verbose_name=_("said by"))
    text = models.TextField(_("words"), help_text=_("As the story prints them, without the quotation marks."))
    paragraph = models.PositiveIntegerField(
        _("paragraph"), default=1, help_text=_("Its paragraph in the story, counted from 1.")
    )
    language = models.CharField(_("language"), max_length=10, editable=False, blank=True)
    original = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="translations",
        verbose_name=_("original"),
        help_text=_("In a translated story: the quote in the language it was said in."),
    )
    confirmed = models.BooleanField(
        _("confirmed"), default=False,
        help_text=_("Checked by the reporter: readers see confirmed quotes on the person's page."),
    )
    created_at = models.DateTimeField(_("found"), auto_now_add=True)

    class Meta:
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")
        ordering = ["article", "paragraph", "pk"]
        indexes = [models.Index(fields=["person", "confirmed"], name="quote_person_confirmed")]

    def __str__(self):
        return f"“{self.text[:60]}{'…' if len(self.text) > 60 else ''}”"

    @classmethod
    def from_db(cls, db, field_names, values):
        quote = super().from_db(db, field_names, values)
        quote.loaded_person_id = quote.__dict__.get("person_id")  # a fixed attribution: both pages change
        return quote

    @property
    def anchor(self) -> str:
        return paragraph_anchor(self.paragraph)

    def clean(self):
        if self.original_id and self.article_id:
            original = Quote.objects.filter(pk=self.original_id).select_related("article").first()
            story = Article.objects.filter(pk=self.article_id).values_list("translation_key", "language").first()
            if (
                original is None or story is None or original.person_id != self.person_id
                or original.article.translation_key != story[0] or original.article.language == story[1]
            ):
                raise ValidationError({"original": ORIGINAL_ELSEWHERE})

    def save(self, *args, **kwargs):
        """The story's language (a story's language rarely changes: ``quotes.services`` follows it)."""
        if type(self).article.is_cached(self):
            self.language = self.article.language
        elif self.article_id and not self.language:
            self.language = Article.objects.filter(pk=self.article_id).values_list("language", flat=True).first() or ""
        super().save(*args, **kwargs)
