"""Fill the untranslated and fuzzy entries of a .po file from a JSON dict of translations.

Usage: .venv/bin/python scripts/fill_po.py locale/ar/LC_MESSAGES/django.po translations.json

The JSON maps a msgid to its msgstr, or, for a message with a plural, to the list of its plural
forms (as many as the catalogue's ``Plural-Forms`` header says: 6 for Arabic, 2 for Kurmanji). A
message with a context (``pgettext``, ``{% translate … context … %}``) is keyed ``"context\\u0004msgid"``,
as gettext itself joins them. Entries already translated (and not fuzzy) are left alone; a filled entry
loses its fuzzy flag. A translation whose placeholders (``%(name)s``, ``{name}``) differ from its
msgid's is refused. Prints what was filled and what is still untranslated; exits 1 when something is.
After filling: ``manage.py compilemessages`` (msgfmt checks the formats once more).
"""

import json
import re
import sys

import polib

PLACEHOLDERS = re.compile(r"%\((\w+)\)[sd]|\{(\w*)\}")


def placeholders(text: str) -> list[str]:
    return sorted(a or b for a, b in PLACEHOLDERS.findall(text))


def key(entry: polib.POEntry) -> str:
    return f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid


def plural_count(po: polib.POFile) -> int:
    match = re.search(r"nplurals\s*=\s*(\d+)", po.metadata.get("Plural-Forms", ""))
    return int(match.group(1)) if match else 2


def fill(po_path: str, translations: dict) -> tuple[int, list[str]]:
    po = polib.pofile(po_path, wrapwidth=0)
    forms = plural_count(po)
    filled, problems = 0, []
    for entry in po:
        if entry.obsolete or (entry.translated() and "fuzzy" not in entry.flags):
            continue
        value = translations.get(key(entry))
        if value is None:
            continue
        expected = placeholders(entry.msgid_plural or entry.msgid)
        if entry.msgid_plural:
            if not isinstance(value, list) or len(value) != forms:
                problems.append(f"{entry.msgid!r}: needs {forms} plural forms")
                continue
            if any(set(placeholders(form)) - set(expected) for form in value):
                problems.append(f"{entry.msgid!r}: a plural form has a placeholder the msgid lacks")
                continue
            entry.msgstr_plural = dict(enumerate(value))
        else:
            if placeholders(value) != placeholders(entry.msgid):
                problems.append(f"{entry.msgid!r}: placeholders {placeholders(value)} ≠ {placeholders(entry.msgid)}")
                continue
            entry.msgstr = value
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
        filled += 1
    po.metadata_is_fuzzy = False  # the header, once its messages are filled
    po.save()
    missing = [key(e) for e in po if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)]
    return filled, problems + [f"untranslated: {m!r}" for m in missing]


if __name__ == "__main__":
    po_path, source = sys.argv[1], sys.argv[2]
    with open(source, encoding="utf-8") as handle:
        count, problems = fill(po_path, json.load(handle))
    print(f"{po_path}: filled {count} entries")
    for problem in problems:
        print("  " + problem)
    sys.exit(1 if problems else 0)
