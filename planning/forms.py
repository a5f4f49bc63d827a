"""The planning pages' forms: they validate input only; the rules are in ``planning.services``."""

import zoneinfo

from django import forms
from django.utils.translation import gettext_lazy as _

from newsroom import languages as site_languages
from planning.models import Assignment, PlanningItem, State
from planning.services import item_check_plan, refuse, staff_choices


class PlanningItemForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("languages"), choices=(), widget=forms.CheckboxSelectMultiple, help_text=_("The languages it is planned in.")
    )

    class Meta:
        model = PlanningItem
        fields = ["slug_line", "summary", "desk", "kind", "languages", "planned_at", "planned_until", "priority",
                  "place", "people", "organizations", "tags", "notes", "attachment", "link"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["languages"].choices = [(c, site_languages.name(c)) for c in site_languages.codes()]

    def clean(self):
        cleaned = super().clean()
        probe = PlanningItem(languages=cleaned.get("languages") or [], planned_at=cleaned.get("planned_at"),
                             planned_until=cleaned.get("planned_until"))
        try:
            item_check_plan(probe)
        except forms.ValidationError as refusal:
            raise forms.ValidationError(refusal.messages) from refusal
        return cleaned


class AssignmentForm(forms.Form):
    role = forms.ChoiceField(label=_("role"), choices=Assignment.Role.choices)
    assignee = forms.ModelChoiceField(label=_("assignee"), queryset=staff_choices())
    language = forms.ChoiceField(label=_("language"), required=False)
    due_at = forms.DateTimeField(label=_("due"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", "—")] + [(c, site_languages.name(c)) for c in site_languages.codes()]
        self.fields["assignee"].queryset = staff_choices()


class MoveForm(forms.Form):
    target = forms.ChoiceField(choices=State.choices)
    note = forms.CharField(required=False)


class CalendarFeedForm(forms.Form):
    time_zone = forms.CharField(label=_("time zone"), max_length=64)

    def clean_time_zone(self):
        value = self.cleaned_data["time_zone"].strip()
        if value not in zoneinfo.available_timezones():
            raise refuse(_("“{zone}” is not a time zone name (e.g. Europe/Istanbul)."), "unknown_zone", zone=value)
        return value
