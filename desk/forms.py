from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from articles.forms import ArticleAdminForm
from desk import previews, revisions


class ArticleDeskForm(ArticleAdminForm):
    """The article form as the desk saves it: it carries the version it was opened at.

    Validation only: a form opened before someone else's save is shown again with the typing kept
    and the other person's change above it; ``desk.services.article_save`` checks once more with the
    row locked when it saves.
    """

    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict = None
        if self.instance.pk:
            self.initial["version"] = self.instance.version

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk:
            # The instance is still the article as stored when this request began.
            conflict = revisions.edit_conflict(article=self.instance, version=cleaned_data.get("version"))
            if conflict is not None:
                # Keep the user's text in the form; a second save, after merging, is deliberate.
                self.conflict = conflict
                self.data = self.data.copy()
                self.data[self.add_prefix("version")] = conflict.article.version
                raise ValidationError(revisions.CONFLICT_REFUSED, code="edit_conflict")
        return cleaned_data


class TransitionForm(forms.Form):
    """What a workflow button may send along: a note, and a time when scheduling."""

    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2, "cols": 40}))
    public_note = forms.CharField(label=_("Note for readers"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 2, "cols": 40}))
    publish_at = forms.DateTimeField(
        label=_("Publish at"), required=False, widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    over_warnings = forms.BooleanField(label=_("Go ahead despite the warnings"), required=False)


class ShareLinkForm(forms.Form):
    days = forms.IntegerField(
        min_value=1, max_value=previews.MAX_DAYS, initial=previews.DEFAULT_DAYS, label=_("Valid for (days)")
    )
