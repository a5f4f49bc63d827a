from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from taggit.models import Tag
from taggit.utils import parse_tags

from articles import preview, revisions, workflow
from articles.models import Article
from images.widgets import ImageChooserWidget


class ArticleAdminForm(forms.ModelForm):
    """The article form of the admin.

    Tags are picked from the existing ones with the admin's autocomplete (search-as-you-type), and
    new tags are typed, comma-separated, into a second box, so a reporter never creates “Aleppo” and
    “aleppo” by accident.
    """

    tags = forms.ModelMultipleChoiceField(
        queryset=Tag.objects.all(),
        required=False,
        widget=AutocompleteSelectMultiple(Article._meta.get_field("tags"), admin.site),
    )
    new_tags = forms.CharField(
        required=False,
        label="New tags",
        help_text="Tags not in the list yet, separated by commas.",
    )
    # The version this form was opened at: a save is refused if someone else saved meanwhile.
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Article
        exclude: list[str] = []
        widgets = {"dek": forms.Textarea(attrs={"rows": 3}), "lead_image": ImageChooserWidget(Article.lead_image.field)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict = None
        if self.instance.pk:
            self.initial["tags"] = list(self.instance.tags.values_list("pk", flat=True))
            self.initial["version"] = self.instance.version

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk:
            try:
                current = revisions.article_lock_for_edit(
                    article_pk=self.instance.pk, version=cleaned_data.get("version")
                )
            except revisions.EditConflict as conflict:
                # Keep the user's text in the form; a second save, after merging, is deliberate.
                self.conflict = conflict
                self.data = self.data.copy()
                self.data[self.add_prefix("version")] = conflict.article.version
                raise ValidationError(revisions.CONFLICT_REFUSED, code="edit_conflict") from None
            for field in workflow.WORKFLOW_FIELDS:
                setattr(self.instance, field, getattr(current, field))
        return cleaned_data

    def tag_names(self) -> list[str]:
        """The names the article should carry after this save."""
        chosen = [tag.name for tag in self.cleaned_data.get("tags", [])]
        return list(dict.fromkeys(chosen + parse_tags(self.cleaned_data.get("new_tags", ""))))

    def _save_m2m(self):
        # Tags are saved by name (taggit creates the missing ones); everything else as usual.
        tags_field = self.fields.pop("tags")
        try:
            super()._save_m2m()
        finally:
            self.fields["tags"] = tags_field
        self.instance.tags.set(self.tag_names())


class TransitionForm(forms.Form):
    """What a workflow button may send along: a note, and a time when scheduling."""

    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2, "cols": 40}))
    publish_at = forms.DateTimeField(
        required=False, widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )


class ShareLinkForm(forms.Form):
    days = forms.IntegerField(
        min_value=1, max_value=preview.MAX_DAYS, initial=preview.DEFAULT_DAYS, label="Valid for (days)"
    )
