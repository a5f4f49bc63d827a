"""Fill empty msgstr entries of a .po file from a JSON dict {msgid: msgstr}.

Usage: python scripts/fill_po.py locale/ar/LC_MESSAGES/django.po translations.json
Only single-line msgids are handled, which is all the project's templates use.
"""

import json
import re
import sys


def fill(po_path: str, translations: dict[str, str]) -> int:
    text = open(po_path, encoding="utf-8").read()
    filled = 0

    def replace(match):
        nonlocal filled
        msgid = json.loads(f'"{match.group(1)}"')
        if msgid in translations and not match.group(2):
            filled += 1
            return f'msgid "{match.group(1)}"\nmsgstr {json.dumps(translations[msgid], ensure_ascii=False)}'
        return match.group(0)

    text = re.sub(r'msgid "((?:[^"\\]|\\.)+)"\nmsgstr "((?:[^"\\]|\\.)*)"', replace, text)
    text = text.replace("#, fuzzy\n", "", 1)
    open(po_path, "w", encoding="utf-8").write(text)
    return filled


if __name__ == "__main__":
    po, source = sys.argv[1], sys.argv[2]
    print(f"{po}: filled {fill(po, json.load(open(source, encoding='utf-8')))} entries")
