"""The desk's live forms: they validate; ``live.services`` saves."""

from django import forms
from django.utils.translation import gettext_lazy as _

from live.models import LiveEntry


class EntryForm(forms.ModelForm):
    """An entry's headline, text (the articles' rich text, sanitized the same way) and marks."""

    class Meta:
        model = LiveEntry
        fields = ["headline", "body", "key_event", "pinned"]


class TranslationForm(forms.ModelForm):
    class Meta:
        model = LiveEntry
        fields = ["headline", "body"]

    publish = forms.BooleanField(label=_("Publish the translation now"), required=False, initial=True)


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Correction"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
