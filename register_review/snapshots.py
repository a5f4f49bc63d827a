"""A person or an organization as plain data, compared and applied field by field.

A snapshot is ``{"fields": {attribute: value}, "lists": {name: [[...], ...]}}`` of JSON values: the
translated columns of the names and texts, the other fields (a photo or a parent as its id), and the
rows that belong to the record (spellings or aliases, roles) as sorted lists. ``snapshot_of`` reads
a stored record; ``snapshot_from_forms`` reads what an admin form and its inlines would save;
``snapshot_apply`` writes onto the current record only what changed between two snapshots, so an
editor's own edit made meanwhile to another field survives an approval.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from images.models import Image
from newsroom import languages
from people.models import Affiliation, Organization, OrganizationAlias, Person, PersonName


def _each_language(*fields: str) -> list[str]:
    return [f"{field}_{code}" for field in fields for code in languages.codes()]


@dataclass(frozen=True)
class ListSpec:
    model: type
    related_name: str
    columns: tuple[str, ...]
    label: str


@dataclass(frozen=True)
class Spec:
    fields: tuple[str, ...]
    lists: dict[str, ListSpec]


_ROLE_COLUMNS = (*_each_language("role"), "start_date", "end_date")

SPECS: dict[type, Spec] = {
    Person: Spec(
        fields=(*_each_language("name"), "native_name", *_each_language("bio"), "photo_id"),
        lists={
            "spellings": ListSpec(PersonName, "alternate_names", ("name", "language"), _("alternate spellings")),
            "roles": ListSpec(Affiliation, "affiliations", ("organization_id", *_ROLE_COLUMNS), _("roles")),
        },
    ),
    Organization: Spec(
        fields=(*_each_language("name"), *_each_language("description"), "founded_year", "website", "parent_id"),
        lists={
            "aliases": ListSpec(OrganizationAlias, "aliases", ("name", "language"), _("aliases")),
            "roles": ListSpec(Affiliation, "affiliations", ("person_id", *_ROLE_COLUMNS), _("roles")),
        },
    ),
}


_TEXT = ("CharField", "TextField", "URLField", "SlugField")


def _plain(model, name: str, value):
    """A JSON value; an empty text is always "" (a translated column may hold NULL)."""
    if isinstance(value, date):
        return value.isoformat()
    if value is None and model._meta.get_field(name).get_internal_type() in _TEXT:
        return ""
    return value


def _row(instance, columns) -> list:
    return [_plain(type(instance), column, getattr(instance, column, None)) for column in columns]


def _sorted(rows: list[list]) -> list[list]:
    return sorted(rows, key=lambda row: [str(value) for value in row])


def snapshot_of(obj) -> dict:
    spec = SPECS[type(obj)]
    return {
        "fields": {name: _plain(type(obj), name, getattr(obj, name)) for name in spec.fields},
        "lists": {
            key: _sorted([_row(row, part.columns) for row in getattr(obj, part.related_name).all()])
            for key, part in spec.lists.items()
        },
    }


def snapshot_from_forms(form, formsets) -> dict:
    """What saving ``form`` (an admin change form, validated) and its inline ``formsets`` would store."""
    obj = form.instance
    spec = SPECS[type(obj)]
    snapshot = {"fields": {name: _plain(type(obj), name, getattr(obj, name)) for name in spec.fields}, "lists": {}}
    for key, part in spec.lists.items():
        formset = next((f for f in formsets if f.model is part.model), None)
        if formset is None:  # not on the form: unchanged
            snapshot["lists"][key] = _sorted([_row(row, part.columns) for row in getattr(obj, part.related_name).all()])
            continue
        rows = []
        for inline in formset.forms:
            if formset.can_delete and formset._should_delete_form(inline):
                continue
            if inline.instance.pk is None and not inline.has_changed():
                continue  # an empty extra row
            rows.append(_row(inline.instance, part.columns))
        snapshot["lists"][key] = _sorted(rows)
    return snapshot


def _value(model, attribute: str, value):
    if value in ("", None) and model._meta.get_field(attribute).get_internal_type() not in _TEXT:
        return None
    return model._meta.get_field(attribute).to_python(value)


def snapshot_apply(obj, *, before: dict, after: dict) -> list[str]:
    """Write onto ``obj`` what changed from ``before`` to ``after``; the names of what changed."""
    spec = SPECS[type(obj)]
    changed = []
    for name in spec.fields:
        old, new = before["fields"].get(name), after["fields"].get(name)
        if old != new:
            setattr(obj, name, _value(type(obj), name, new))
            changed.append(name)
    if changed:
        obj.full_clean()
        obj.save()
    owner = {f"{type(obj)._meta.model_name}": obj}
    for key, part in spec.lists.items():
        old = {tuple(row) for row in before["lists"].get(key, [])}
        new = {tuple(row) for row in after["lists"].get(key, [])}
        related = getattr(obj, part.related_name)
        for row in old - new:
            for existing in related.all():
                if tuple(_row(existing, part.columns)) == row:
                    existing.delete()
        for row in new - old:
            item = part.model(**owner, **{c: _value(part.model, c, v) for c, v in zip(part.columns, row)})
            item.full_clean()
            item.save()
        if old != new:
            changed.append(key)
    return changed


# --- showing them ----------------------------------------------------------------------------


def _field_label(model, name: str) -> str:
    field = model._meta.get_field(name)
    return str(field.verbose_name)


def _related_names(model, snapshots: list[dict]) -> dict:
    """Names for the ids the snapshots hold (a photo, a parent, a role's organization or person)."""
    ids = {"photo_id": set(), "parent_id": set(), "organization_id": set(), "person_id": set()}
    for snap in snapshots:
        for name in ("photo_id", "parent_id"):
            if snap["fields"].get(name):
                ids[name].add(snap["fields"][name])
        for row in snap["lists"].get("roles", []):
            if row[0]:
                ids["organization_id" if model is Person else "person_id"].add(row[0])
    return {
        "photo_id": Image.objects.in_bulk(ids["photo_id"]),
        "parent_id": Organization.objects.in_bulk(ids["parent_id"]),
        "organization_id": Organization.objects.in_bulk(ids["organization_id"]),
        "person_id": Person.objects.in_bulk(ids["person_id"]),
    }


def _shown(name: str, value, names: dict) -> str:
    if value in (None, ""):
        return ""
    if name in names:
        found = names[name].get(value)
        return f"{found} (#{value})" if found else f"#{value}"
    return str(value)


def _row_lines(key: str, rows: list[list], model, names: dict) -> list[str]:
    lines = []
    for row in rows:
        if key == "roles":
            whom = _shown("organization_id" if model is Person else "person_id", row[0], names)
            roles = " / ".join(value for value in row[1:-2] if value)
            span = " – ".join(value or "…" for value in row[-2:]) if (row[-2] or row[-1]) else ""
            lines.append(gettext("%(role)s, %(whom)s") % {"role": roles, "whom": whom} + (f" ({span})" if span else ""))
        else:
            name, language = row
            lines.append(f"{name} [{language}]" if language else name)
    return lines


def snapshot_lines(model, snapshot: dict, names: dict) -> dict[str, tuple[str, list[str]]]:
    """Each field and list of ``snapshot`` as (label, lines of text) for a diff."""
    spec = SPECS[model]
    shown = {}
    for name in spec.fields:
        value = _shown(name, snapshot["fields"].get(name), names)
        shown[name] = (_field_label(model, name), value.splitlines() if value else [])
    for key, part in spec.lists.items():
        shown[key] = (str(part.label), _row_lines(key, snapshot["lists"].get(key, []), model, names))
    return shown


def related_names(model, snapshots: list[dict]) -> dict:
    return _related_names(model, snapshots)
