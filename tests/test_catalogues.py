"""The Arabic and Kurmanji catalogues (locale/): every message translated, none fuzzy, plural forms as
the language has them, placeholders kept, the compiled .mo in step with the .po, and every string the
code marks for translation in the catalogue (run makemessages, translate, compilemessages)."""

import re
import shutil
from pathlib import Path

import polib
import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

LANGUAGES = {"ar": 6, "ku": 2}  # language -> number of plural forms
LOCALE = settings.BASE_DIR / "locale"
# Where the code of the site lives (what makemessages reads; bench/ and tests/ show nobody anything):
# every app of the project's own (an app added later is read too) and the templates.
APP_FOLDERS = sorted(
    {Path(config.path).name for config in apps.get_app_configs() if Path(config.path).parent == settings.BASE_DIR}
) + ["templates"]
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|\{(\w*)\}")


def po(language) -> polib.POFile:
    return polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))


def placeholders(text: str) -> set[str]:
    return {a or b for a, b in PLACEHOLDER.findall(text)}


def label(entry) -> str:
    return f"{entry.msgctxt}|{entry.msgid}" if entry.msgctxt else entry.msgid


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_and_none_is_fuzzy(language):
    catalogue = po(language)
    live = [e for e in catalogue if not e.obsolete]
    assert len(live) > 600  # the public site and the admin
    assert [label(e) for e in catalogue.untranslated_entries()] == []
    assert [label(e) for e in catalogue.fuzzy_entries()] == []
    assert not catalogue.metadata_is_fuzzy


@pytest.mark.parametrize("language, forms", LANGUAGES.items())
def test_plural_forms_are_the_languages_own(language, forms):
    catalogue = po(language)
    assert f"nplurals={forms};" in catalogue.metadata["Plural-Forms"]
    for entry in catalogue:
        if entry.msgid_plural and not entry.obsolete:
            assert sorted(entry.msgstr_plural) == list(range(forms)), label(entry)
            assert all(entry.msgstr_plural.values()), label(entry)


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_the_placeholders(language):
    wrong = []
    for entry in po(language):
        if entry.obsolete:
            continue
        if entry.msgid_plural:
            allowed = placeholders(entry.msgid) | placeholders(entry.msgid_plural)
            # A form for one value (Arabic's zero, one, two) may spell the number out.
            if any(placeholders(form) - allowed for form in entry.msgstr_plural.values()):
                wrong.append(label(entry))
        elif placeholders(entry.msgstr) != placeholders(entry.msgid):
            wrong.append(label(entry))
    assert wrong == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalogue_is_the_po_file(language):
    compiled = polib.mofile(str(LOCALE / language / "LC_MESSAGES" / "django.mo"))
    source = po(language)

    def messages(catalogue):
        return {(e.msgctxt, e.msgid): (e.msgstr, dict(sorted(e.msgstr_plural.items())))
                for e in catalogue if e.msgid and not e.obsolete and "fuzzy" not in e.flags}

    assert messages(compiled) == messages(source), "run: manage.py compilemessages"


def test_the_admin_reads_the_catalogues():
    with translation.override("ar"):
        assert translation.gettext("Awaiting review") == "بانتظار المراجعة"
        assert translation.ngettext("%(counter)s story", "%(counter)s stories", 7) == "%(counter)s قصص"
    with translation.override("ku"):
        assert translation.gettext("Awaiting review") == "Li benda nirxandinê"
        assert translation.pgettext("article status", "Published") == "Weşandî"


def test_every_marked_string_is_in_the_catalogues(tmp_path, settings, monkeypatch):
    """makemessages over the code now finds no message the committed catalogue lacks.

    It runs on a copy of the code: makemessages writes into the catalogue of the folder it scans."""
    source = tmp_path / "src"
    for folder in APP_FOLDERS:
        shutil.copytree(settings.BASE_DIR / folder, source / folder, ignore=shutil.ignore_patterns("__pycache__", "static"))
    (source / "locale").mkdir()
    settings.LOCALE_PATHS = [source / "locale"]
    monkeypatch.chdir(source)
    call_command("makemessages", locale=["ar"], verbosity=0, no_location=True)
    fresh = {(e.msgctxt, e.msgid) for e in polib.pofile(str(source / "locale" / "ar" / "LC_MESSAGES" / "django.po"))}
    committed = {(e.msgctxt, e.msgid) for e in po("ar") if not e.obsolete}
    assert sorted(fresh - committed, key=str) == [], "run makemessages -l ar -l ku, translate, compilemessages"
    assert sorted(committed - fresh, key=str) == [], "run makemessages: the catalogue keeps messages no code uses"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_admin_scripts_catalogue_is_translated_and_compiled(language):
    """locale/<language>/LC_MESSAGES/djangojs.po: Django admin's calendar words in Kurmanji (Django has
    none) and the Syrian month names in Arabic."""
    source = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "djangojs.po"))
    assert source.untranslated_entries() == [] and source.fuzzy_entries() == []
    compiled = polib.mofile(str(LOCALE / language / "LC_MESSAGES" / "djangojs.mo"))
    assert {(e.msgctxt, e.msgid): e.msgstr for e in compiled if e.msgid} == {
        (e.msgctxt, e.msgid): e.msgstr for e in source
    }


def test_djangos_admin_words_in_kurmanji_are_translated_and_compiled():
    folder = LOCALE / "django" / "ku" / "LC_MESSAGES"
    source = polib.pofile(str(folder / "django.po"))
    assert len(source) > 150 and source.untranslated_entries() == [] and source.fuzzy_entries() == []
    compiled = polib.mofile(str(folder / "django.mo"))
    assert {e.msgid: (e.msgstr, e.msgstr_plural) for e in compiled if e.msgid} == {
        e.msgid: (e.msgstr, e.msgstr_plural) for e in source
    }
    assert settings.LOCALE_PATHS == [LOCALE, LOCALE / "django"]  # ours first: our words win
