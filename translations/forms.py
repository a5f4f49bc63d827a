"""Forms of the translation pages in the admin (the rules are in translations.services)."""

from django import forms

from newsroom import languages
from translations import coverage
from translations import services as translation

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class TranslatorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return user.get_full_name() or user.get_username()


class TranslateForm(forms.Form):
    """“Translate into…”: make the draft now, or (editors) request it by a due time."""

    translator = TranslatorChoiceField(queryset=translation.translators(), required=False,
                                       empty_label="— choose a translator —")
    due_at = forms.DateTimeField(label="Due", required=False, widget=DATETIME,
                                 help_text="For a request: when the translation is needed.")
    note = forms.CharField(label="Note to the translator", required=False,
                           widget=forms.Textarea(attrs={"rows": 2, "cols": 50}))

    def __init__(self, *args, translator_fixed=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["translator"].queryset = translation.translators()
        if translator_fixed is not None:  # a translator translates for themselves
            self.fields["translator"].queryset = self.fields["translator"].queryset.filter(pk=translator_fixed.pk)
            self.fields["translator"].initial = translator_fixed.pk


class ReleaseForm(forms.Form):
    languages = forms.MultipleChoiceField(label="Language versions", widget=forms.CheckboxSelectMultiple)
    publish_at = forms.DateTimeField(label="Publish at", required=False, widget=DATETIME,
                                     help_text="For “Schedule together”: one embargo for every version.")

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["languages"].choices = [
            (c.article.language, languages.name(c.article.language)) for c in candidates if c.ready
        ]
        self.fields["languages"].initial = [c.article.language for c in candidates if c.ready]


class CorrectionOfferForm(forms.Form):
    text = forms.CharField(label="Correction, in the translation's language",
                           widget=forms.Textarea(attrs={"rows": 3, "cols": 60, "dir": "auto"}))


class CoverageFilterForm(forms.Form):
    language = forms.ChoiceField(required=False, choices=[("", "All languages")])
    state = forms.ChoiceField(required=False, choices=[("", "Any state"), *coverage.STATES.items()])
    since = forms.DateField(label="From", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label="To", required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", "All languages")] + [
            (code, languages.name(code)) for code in languages.codes()
        ]
