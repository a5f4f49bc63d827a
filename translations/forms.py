"""Forms of the translation pages in the admin (the rules are in translations.services)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from newsroom import languages
from translations import coverage
from translations import services as translation

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class TranslatorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return user.get_full_name() or user.get_username()


class TranslateForm(forms.Form):
    """“Translate into…”: make the draft now, or (editors) request it by a due time."""

    translator = TranslatorChoiceField(queryset=translation.translators(), required=False, label=_("Translator"),
                                       empty_label=_("— choose a translator —"))
    due_at = forms.DateTimeField(label=_("Due"), required=False, widget=DATETIME,
                                 help_text=_("For a request: when the translation is needed."))
    note = forms.CharField(label=_("Note to the translator"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2, "cols": 50}))

    def __init__(self, *args, translator_fixed=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["translator"].queryset = translation.translators()
        if translator_fixed is not None:  # a translator translates for themselves
            self.fields["translator"].queryset = self.fields["translator"].queryset.filter(pk=translator_fixed.pk)
            self.fields["translator"].initial = translator_fixed.pk


class ReleaseForm(forms.Form):
    languages = forms.MultipleChoiceField(label=_("Language versions"), widget=forms.CheckboxSelectMultiple)
    publish_at = forms.DateTimeField(label=_("Publish at"), required=False, widget=DATETIME,
                                     help_text=_("For “Schedule together”: one embargo for every version."))

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["languages"].choices = [
            (c.article.language, languages.name(c.article.language)) for c in candidates if c.ready
        ]
        self.fields["languages"].initial = [c.article.language for c in candidates if c.ready]


class CorrectionOfferForm(forms.Form):
    text = forms.CharField(label=_("Correction, in the translation's language"),
                           widget=forms.Textarea(attrs={"rows": 3, "cols": 60, "dir": "auto"}))


class CoverageFilterForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), required=False, choices=[("", _("All languages"))])
    state = forms.ChoiceField(label=_("State"), required=False, choices=[("", _("Any state")), *coverage.STATES.items()])
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", _("All languages"))] + [
            (code, languages.name(code)) for code in languages.codes()
        ]
