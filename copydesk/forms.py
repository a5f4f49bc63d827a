"""The two forms of the “Import copy” admin pages: the upload and the confirmation."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Tag
from copydesk import messages
from copydesk.models import ImportRecord
from copydesk.recognition import Recognition
from copydesk.services import IntervieweeChoice
from people.models import Affiliation, Organization, Person


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Any number of files; an empty file is passed on so the importer can say why it is refused."""

    widget = MultipleFileInput

    def __init__(self, **kwargs):
        kwargs.setdefault("allow_empty_file", True)
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else [data] if data else []
        if not files and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class ImportCopyForm(forms.Form):
    files = MultipleFileField(
        required=False,
        label=_("Files"),
        help_text=_(
            "Plain text (.txt, UTF-8 or UTF-16) or Word (.docx), one story per file, up to 2 MB each. "
            "Choose several at once for a batch."
        ),
        widget=MultipleFileInput(attrs={"accept": ".txt,.text,.docx,text/plain"}),
    )
    text = forms.CharField(
        required=False,
        label=_("…or paste the copy"),
        help_text=_("Headline on the first line; dateline and byline on the lines under it."),
        widget=forms.Textarea(attrs={"rows": 14, "cols": 90, "dir": "auto"}),
        strip=False,
    )
    language = forms.ChoiceField(
        choices=[("", _("Recognise from the text"))] + list(settings.LANGUAGES),
        required=False,
        label=_("Language"),
    )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("files") and not (cleaned.get("text") or "").strip():
            raise forms.ValidationError(messages.NOTHING_TO_IMPORT, code="nothing")
        return cleaned


class ConfirmImportForm(forms.Form):
    """One checkbox per proposal (people also get a role and an affiliation), and the kind.

    Proposals whose person, organization or tag no longer exists are left out.
    """

    kind = forms.ChoiceField(choices=Article.Kind.choices, label=_("Kind"))
    # The draft's version when the page was opened: a confirmation over a later edit is refused.
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, record: ImportRecord, **kwargs):
        super().__init__(*args, **kwargs)
        self.record = record
        self.recognition = Recognition.from_dict(record.proposals)
        self.fields["kind"].initial = record.article.kind
        self.fields["version"].initial = record.article.version
        people = Person.objects.in_bulk([p.id for p in self.recognition.people])
        organizations = Organization.objects.in_bulk([o.id for o in self.recognition.organizations])
        tags = Tag.objects.in_bulk([t.id for t in self.recognition.tags])
        linked = set(record.article.interviewee_links.values_list("person_id", flat=True))
        self.people_rows, self.organization_rows, self.tag_rows = [], [], []

        for proposal in self.recognition.people:
            if (person := people.get(proposal.id)) is None:
                continue
            pk = person.pk
            self.fields[f"person_{pk}"] = forms.BooleanField(
                required=False, initial=proposal.confident or pk in linked, label=person.name
            )
            self.fields[f"role_{pk}"] = forms.CharField(
                required=False,
                max_length=300,
                initial=proposal.role,
                label=gettext("Role of %(name)s") % {"name": person.name},
                widget=forms.TextInput(attrs={"dir": "auto"}),
            )
            self.fields[f"affiliation_{pk}"] = forms.ModelChoiceField(
                queryset=Affiliation.objects.filter(person=person).select_related("organization"),
                required=False,
                initial=proposal.affiliation_id,
                label=gettext("Affiliation of %(name)s") % {"name": person.name},
            )
            self.people_rows.append((person, proposal, self[f"person_{pk}"], self[f"role_{pk}"], self[f"affiliation_{pk}"]))
        for proposal in self.recognition.organizations:
            if (organization := organizations.get(proposal.id)) is not None:
                name = f"organization_{organization.pk}"
                self.fields[name] = forms.BooleanField(required=False, initial=proposal.confident, label=organization.name)
                self.organization_rows.append((organization, proposal, self[name]))
        for proposal in self.recognition.tags:
            if (tag := tags.get(proposal.id)) is not None:
                name = f"tag_{tag.pk}"
                self.fields[name] = forms.BooleanField(required=False, initial=True, label=tag.name)
                self.tag_rows.append((tag, proposal, self[name]))

    def choices(self) -> dict:
        """Keyword arguments for ``copy_import_confirm`` (call after ``is_valid()``)."""
        data = self.cleaned_data
        return {
            "version": data["version"],
            "kind": data["kind"],
            "interviewees": [
                IntervieweeChoice(person=person, role=data[f"role_{person.pk}"], affiliation=data[f"affiliation_{person.pk}"])
                for person, *_ in self.people_rows
                if data[f"person_{person.pk}"]
            ],
            "organizations": [o for o, *_ in self.organization_rows if data[f"organization_{o.pk}"]],
            "tags": [t for t, *_ in self.tag_rows if data[f"tag_{t.pk}"]],
        }
