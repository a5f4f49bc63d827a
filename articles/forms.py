from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from taggit.utils import parse_tags

from articles.models import Article, Tag
from images.widgets import ImageChooserWidget
from newsroom.translated import SOURCE


class ArticleAdminForm(forms.ModelForm):
    """The article form of the admin: the content's validation (the desk adds the edit version).

    Tags are picked from the existing ones with the admin's autocomplete (search-as-you-type), and
    new tags are typed, comma-separated, into a second box, so a reporter never creates “Aleppo” and
    “aleppo” by accident.
    """

    tags = forms.ModelMultipleChoiceField(
        queryset=Tag.objects.all(),
        required=False,
        label=_("Tags"),
        widget=AutocompleteSelectMultiple(Article._meta.get_field("tags"), admin.site),
    )
    new_tags = forms.CharField(
        required=False,
        label=_("New tags"),
        help_text=_("Tags not in the list yet, separated by commas."),
    )

    class Meta:
        model = Article
        exclude: list[str] = []
        widgets = {"dek": forms.Textarea(attrs={"rows": 3}), "lead_image": ImageChooserWidget(Article.lead_image.field)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["tags"] = list(self.instance.tags.values_list("pk", flat=True))

    def tag_names(self) -> list:
        """The tags the article should carry after this save: the chosen ones, and the typed names
        (matched with, or made as, tags' source names, whatever language the admin speaks)."""
        chosen = list(self.cleaned_data.get("tags", []))
        return list(dict.fromkeys(chosen + parse_tags(self.cleaned_data.get("new_tags", ""))))

    def _save_m2m(self):
        # Tags are saved by name (taggit creates the missing ones); everything else as usual.
        tags_field = self.fields.pop("tags")
        try:
            super()._save_m2m()
        finally:
            self.fields["tags"] = tags_field
        with translation.override(SOURCE):
            self.instance.tags.set(self.tag_names())
