"""Forms of the translation pages in the admin (the rules are in translations.services)."""

from django import forms
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from newsroom import languages
from newsroom.translated import SOURCE, column
from translations import coverage, names
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


class NameCoverageFilterForm(forms.Form):
    """The names' coverage: which kind, which language, which state."""

    kind = forms.ChoiceField(label=_("Kind"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)
    state = forms.ChoiceField(label=_("State"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All kinds"))] + [(k.key, k.label) for k in names.KINDS.values()]
        self.fields["language"].choices = [("", _("All languages"))] + [
            (code, name) for code, name in languages.LANGUAGES if code in names.target_languages()
        ]
        self.fields["state"].choices = [("", _("Missing or outdated"))] + list(names.STATES.items())


class NameTranslationForm(forms.Form):
    """A tag's, person's or organization's texts in one language, each beside its English source."""

    def __init__(self, *args, obj, kind, language, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        direction = languages.direction(language)
        for field_name in kind.fields:
            model_field = kind.model._meta.get_field(field_name)
            long = isinstance(model_field, models.TextField)
            widget = forms.Textarea(attrs={"rows": 5, "cols": 60}) if long else forms.TextInput(attrs={"size": 50})
            widget.attrs.update({"lang": language, "dir": direction})
            self.fields[field_name] = forms.CharField(
                label=capfirst(model_field.verbose_name), required=False, widget=widget,
                max_length=model_field.max_length, initial=obj.__dict__.get(column(field_name, language)) or "",
            )
            self.rows.append({
                "field": self[field_name],
                "source": obj.__dict__.get(column(field_name, SOURCE)) or "",
                "state": obj.translation_state(field_name, language),
            })
