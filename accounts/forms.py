from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import admin_language_choices


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=64,
        help_text=_("The six digits your authenticator app shows now, or one of your recovery codes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false", "autocapitalize": "none"}),
    )


class AppCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from the app"),
        max_length=16,
        help_text=_("Six digits, as your authenticator app shows them now."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )


class AdminLanguageForm(forms.Form):
    admin_language = forms.ChoiceField(label=_("Language of the admin"), choices=admin_language_choices, required=False)
