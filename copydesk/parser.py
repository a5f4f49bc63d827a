"""Reading agency copy: plain text or a Word (.docx) file in, a structured story out.

``read_copy(data, name=...)`` is the one entry point. It decodes the bytes (UTF-8 or UTF-16, with or
without a BOM), tidies the text (line endings, non-breaking and other odd spaces, invisible
characters, Arabic presentation forms), then reads the layout agency copy uses:

* the first line is the headline;
* the lines right under it hold the dateline and agency (“Istanbul, Turkey – North-Press Agency”,
  split on any dash) and the byline(s) (“Samer Taha”, “By A and B”, “بقلم …”), in either order;
* then the body: each line (or each block of a hard-wrapped text) is a paragraph; a short line with
  no final punctuation between two paragraphs is a subheading; in a question-and-answer transcript
  the speaker label (“Q:”, “Al-Saleh:”) is kept in bold. In a Word file, paragraphs styled as
  headings are subheadings wherever they are.

Nothing here touches the database. Refusals are ``ValidationError``s carrying a constant of
``copydesk.messages``.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import json
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from html import escape

from django.core.exceptions import ValidationError

from copydesk import messages
from newsroom import languages

HEADLINE_MAX = 300  # Article.headline
HEADER_LINE_MAX = 120  # Article.dateline / Article.agency
DOCX_MAX_UNPACKED = 64 * 1024 * 1024  # a 2 MB .docx that unpacks to more is not copy

# --------------------------------------------------------------------------------------------------
# Bytes to text


_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, .xls, .msg: Office 97–2003
_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]
_BINARY_BYTES = frozenset([*range(0, 9), *range(14, 32), 127])


def _refuse(message: str, code: str):
    raise ValidationError(message, code=code)


def decode_copy(data: bytes) -> str:
    """Text of a plain-text file: UTF-8 or UTF-16/32 with a BOM, UTF-8 or UTF-16 without one."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError:
                _refuse(messages.WRONG_ENCODING, "encoding")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = _utf16_without_bom(data)
        if text is None:
            binary = sum(b in _BINARY_BYTES for b in data) > len(data) * 0.02
            _refuse(messages.BINARY if binary else messages.WRONG_ENCODING, "binary" if binary else "encoding")
        return text
    if "\x00" in text:  # ASCII saved as UTF-16 without a BOM is valid UTF-8 full of NULs
        text = _utf16_without_bom(data)
        if text is None:
            _refuse(messages.BINARY, "binary")
    return text


def _utf16_without_bom(data: bytes) -> str | None:
    if len(data) % 2:
        return None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _plausible_copy(text):
            return text
    return None


def _plausible_copy(text: str) -> bool:
    """True when nearly every character is one copy is written with (Latin, Arabic, punctuation)."""

    def usual(ch: str) -> bool:
        o = ord(ch)
        return (
            ch in "\t\n\r"
            or 0x20 <= o < 0x7F
            or 0xA0 <= o <= 0x24F  # Latin-1 and Latin Extended (Kurmanji ê î û ş ç)
            or 0x600 <= o <= 0x6FF  # Arabic
            or 0x750 <= o <= 0x77F
            or 0x8A0 <= o <= 0x8FF
            or 0x2000 <= o <= 0x206F  # general punctuation: dashes, quotes, NBSP family
            or 0xFB50 <= o <= 0xFDFF
            or 0xFE70 <= o <= 0xFEFF
        )

    return bool(text) and sum(map(usual, text)) >= len(text) * 0.97


# --------------------------------------------------------------------------------------------------
# Tidying text

_NEWLINES = re.compile("\r\n?|[\u2028\u2029\x85\x0b\x0c]")
_ARABIC_PRESENTATION = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]+")
# Bidi embeddings, overrides and isolates: invisible, often unbalanced in pasted copy, and able to
# scramble a page. Direction is set per paragraph with dir="…" instead. (LRM/RLM marks are kept.)
_INVISIBLE = re.compile("[\ufeff\u00ad\u200b\u2060\u202a-\u202e\u2066-\u2069]")
_EDGE_MARKS = " \u200e\u200f\u061c"
_SPACES = re.compile(r"[^\S\n]+")  # any space but a newline: tabs, NBSP, narrow NBSP, em space…
# Control characters, lone surrogates, private-use and non-characters: never part of copy.
_JUNK = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff\ufdd0-\ufdef\ufffe\uffff\U000f0000-\U0010ffff]")


def tidy_text(text: str) -> list[str]:
    """Split copy into clean lines: one kind of newline, plain spaces, no invisible characters.

    Control characters are dropped; more than a handful means the "text" is really binary data.
    """
    text = _NEWLINES.sub("\n", text)
    text = _ARABIC_PRESENTATION.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text)
    text, junk = _JUNK.subn("", text)
    if junk > max(2, len(text) // 100):
        _refuse(messages.BINARY, "binary")
    return [_SPACES.sub(" ", line).strip(_EDGE_MARKS) for line in text.split("\n")]


# --------------------------------------------------------------------------------------------------
# The structured result


@dataclass(frozen=True)
class Block:
    """One piece of the body: a paragraph, a subheading or a quotation."""

    kind: str  # "p", "h2", "h3" or "blockquote"
    text: str
    label: str = ""  # the speaker of a transcript paragraph: "Q", "Al-Saleh"
    direction: str = "ltr"

    def html(self, article_direction: str) -> str:
        attrs = f' dir="{self.direction}"' if self.direction != article_direction else ""
        inner = escape(self.text, quote=False)
        if self.label:
            inner = f"<strong>{escape(self.label, quote=False)}:</strong> {inner}"
        if self.kind == "blockquote":
            return f"<blockquote{attrs}><p>{inner}</p></blockquote>"
        return f"<{self.kind}{attrs}>{inner}</{self.kind}>"


@dataclass(frozen=True)
class ParsedCopy:
    headline: str
    dateline: str = ""
    agency: str = ""
    bylines: tuple[str, ...] = ()
    blocks: tuple[Block, ...] = ()
    language: str = "en"
    is_transcript: bool = False
    source_format: str = "text"  # "text" or "docx"

    @property
    def direction(self) -> str:
        return languages.direction(self.language)

    @property
    def subheadings(self) -> list[str]:
        return [b.text for b in self.blocks if b.kind in {"h2", "h3"}]

    @property
    def paragraphs(self) -> list[str]:
        return [f"{b.label}: {b.text}" if b.label else b.text for b in self.blocks if b.kind == "p"]

    def body_html(self) -> str:
        return "".join(block.html(self.direction) for block in self.blocks)

    def fingerprint(self) -> str:
        """The same story gives the same fingerprint whatever its encoding, line endings or format."""
        canonical = [
            self.headline,
            self.dateline,
            self.agency,
            list(self.bylines),
            [[b.kind, b.label, b.text] for b in self.blocks],
        ]
        blob = json.dumps(canonical, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(blob.encode("utf-8", "surrogatepass")).hexdigest()


# --------------------------------------------------------------------------------------------------
# Reading the layout


@dataclass
class _Line:
    text: str
    style: str = ""  # from Word: "title", "h2", "h3", "quote"


_FINAL_PUNCTUATION = tuple('.,;:!?…"”»)]،؛؟۔')
_DASH_SPLIT = re.compile(r"\s*[\u2012-\u2015\u2212]\s*|\s+--?\s+|\s*--\s*")
_BYLINE_PREFIX = re.compile(
    r"^(?:by|written by|reporting by|reported by|بقلم|إعداد|اعداد|كتب|كتبه|ji aliyê|nivîsar|nivîskar)"
    r"\s*[:：]?\s+(?P<names>\S.*)$",
    re.IGNORECASE,
)
_LABELLED = re.compile(
    r"^(?P<label>dateline|place|agency|source|byline|bylines|author|authors|reporter|reporters)"
    r"\s*[:：]\s*(?P<value>\S.*)$",
    re.IGNORECASE,
)
_NAME_SEPARATORS = re.compile(r"\s*(?:,\s*and\s+|,|،|;|&|\s+and\s+|\s+و\s+|\s+û\s+)\s*", re.IGNORECASE)
_NAME_PARTICLES = {"al", "el", "bin", "ibn", "bint", "abu", "abou", "de", "du", "da", "van", "von", "der", "la", "le"}
_SPEAKER = re.compile(r"^(?P<label>[^\W\d_][\w’'.\- ]{0,28}?)\s*[:：]\s+(?P<text>\S.*)$")
_QA_LABELS = {"q", "a", "question", "answer", "س", "ج", "سؤال", "جواب", "pirs", "bersiv"}
_END_MARKS = {"end", "ends", "-30-", "###", "—ends—"}


def _ends_with_punctuation(text: str) -> bool:
    return text.endswith(_FINAL_PUNCTUATION)


def _has_letter(text: str) -> bool:
    return any(ch.isalpha() for ch in text)


def _is_arabic_letter(ch: str) -> bool:
    return "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" or "\u08a0" <= ch <= "\u08ff"


_LETTER = re.compile(r"[^\W\d_]")
_RTL_LETTER = re.compile("[\u0590-\u05ff\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")
_ARABIC_LETTER = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")


def _direction(text: str) -> str:
    """'rtl' when most letters are Arabic (or Hebrew), else 'ltr'."""
    rtl = len(_RTL_LETTER.findall(text))
    return "rtl" if rtl * 2 > len(_LETTER.findall(text)) else "ltr"


def _looks_like_a_name(name: str) -> bool:
    words = name.split()
    if not 2 <= len(words) <= 5 or any(ch.isdigit() for ch in name):
        return False
    for word in words:
        letters = [ch for ch in word if ch.isalpha()]
        if not letters:
            return False
        if word.lower() in _NAME_PARTICLES or _is_arabic_letter(letters[0]) or letters[0].isupper():
            continue
        return False
    return True


def _split_arabic_and(part: str) -> list[str]:
    """“نور خليل وريم عبد الله”: in Arabic “and” (و) is written onto the next name."""
    words, names, current = part.split(), [], []
    for word in words:
        if len(current) >= 2 and word.startswith("و") and len(word) > 2 and _is_arabic_letter(word[-1]):
            names.append(" ".join(current))
            current = [word[1:]]
        else:
            current.append(word)
    return [*names, " ".join(current)] if current else names


def _name_parts(text: str) -> list[str]:
    parts = _NAME_SEPARATORS.split(text.strip().rstrip("."))
    return [piece.strip(" .:") for part in parts for piece in _split_arabic_and(part) if piece.strip(" .:")]


def _split_names(text: str) -> list[str]:
    """The names after “By”: roles and titles in lower case (“North-Press correspondent”) are left out."""
    return [
        part
        for part in _name_parts(text)
        if _looks_like_a_name(part) or (len(part.split()) == 1 and part[:1].isupper())
    ]


def _split_dateline(text: str) -> tuple[str, str] | None:
    parts = _DASH_SPLIT.split(text, maxsplit=1)
    if len(parts) != 2:
        return None
    place, agency = (p.strip(" ,.;:") for p in parts)
    if not (place or agency) or len(place) > HEADER_LINE_MAX or len(agency) > HEADER_LINE_MAX:
        return None
    return place, agency


def _header_field(line: _Line, found: dict) -> tuple[str, object] | None:
    """What a line under the headline holds ('bylines' or 'dateline'), or None if it is body text."""
    text = line.text
    if line.style or len(text) > HEADER_LINE_MAX:
        return None
    if labelled := _LABELLED.match(text):
        label, value = labelled["label"].lower(), labelled["value"]
        if label in {"dateline", "place"}:
            return "dateline", _split_dateline(value) or (value.strip(" ."), "")
        if label in {"agency", "source"}:
            return "agency", value.strip(" .")
        names = _split_names(value)
        return ("bylines", names) if names else None
    if prefixed := _BYLINE_PREFIX.match(text):
        names = _split_names(prefixed["names"])
        return ("bylines", names) if names else None
    if _ends_with_punctuation(text):
        return None
    if "dateline" not in found and (split := _split_dateline(text)):
        return "dateline", split
    names = _name_parts(text)
    if names and all(_looks_like_a_name(n) for n in names):
        return "bylines", names
    return None


def _is_wrapped(lines: list[str]) -> bool:
    """Hard-wrapped text: short lines that run on without punctuation into the next line."""
    filled = [t for t in lines if t]
    if not filled or max(map(len, filled)) > 90:
        return False
    run_on = sum(
        1
        for here, after in zip(lines, lines[1:])
        if len(here) >= 45 and after and not _ends_with_punctuation(here)
    )
    return run_on >= 2


def _body_pieces(lines: list[_Line]) -> list[_Line]:
    """Body lines joined into paragraphs (hard-wrapped text), blanks and decoration dropped."""
    plain = [line.text if not line.style else "" for line in lines]
    wrapped = _is_wrapped(plain)
    pieces: list[_Line] = []
    previous_open = False  # the last piece may continue on the next line
    for line in lines:
        text = line.text
        if not text or not any(ch.isalnum() for ch in text):
            previous_open = False
            continue
        if wrapped and previous_open and not line.style:
            pieces[-1].text += " " + text
        else:
            pieces.append(_Line(text, line.style))
        previous_open = wrapped and not line.style and len(text) >= 45 and not _ends_with_punctuation(text)
    while pieces and pieces[-1].text.strip("() ").lower() in _END_MARKS:
        pieces.pop()
    return pieces


def _subheading_shape(text: str) -> bool:
    return len(text) <= 100 and len(text.split()) <= 14 and _has_letter(text) and not _ends_with_punctuation(text)


def _speaker_labels(pieces: list[_Line]) -> set[str]:
    """Labels that introduce turns of a transcript: Q/A words, or capitalised names used twice."""
    counts: dict[str, int] = {}
    for piece in pieces:
        if not piece.style and (m := _SPEAKER.match(piece.text)):
            counts[m["label"]] = counts.get(m["label"], 0) + 1
    labels = set()
    for label, n in counts.items():
        words = label.split()
        capitalised = all(w[:1].isupper() or _is_arabic_letter(w[:1]) or w.lower() in _NAME_PARTICLES for w in words)
        if label.lower() in _QA_LABELS or (n >= 2 and len(words) <= 3 and capitalised):
            labels.add(label)
    return labels if sum(counts[label] for label in labels) >= 2 else set()


def _structure(lines: list[_Line], *, source_format: str) -> ParsedCopy:
    filled = [i for i, line in enumerate(lines) if line.text]
    if not filled:
        _refuse(messages.EMPTY, "empty")
    first = next((i for i in filled if _has_letter(lines[i].text) or any(c.isdigit() for c in lines[i].text)), None)
    if first is None:
        _refuse(messages.NO_HEADLINE, "no_headline")
    headline = lines[first].text
    if len(headline) > HEADLINE_MAX:
        _refuse(messages.HEADLINE_TOO_LONG, "headline_too_long")

    found: dict[str, object] = {}
    bylines: list[str] = []
    position, header_lines = first + 1, 0
    while position < len(lines) and header_lines < 4:
        line = lines[position]
        if not line.text:
            position += 1
            continue
        header = _header_field(line, found)
        if header is None:
            break
        header_lines += 1
        kind, value = header
        if kind == "bylines":
            bylines.extend(n for n in value if n not in bylines)
        elif kind == "dateline":
            found["dateline"], agency = value
            if agency and "agency" not in found:
                found["agency"] = agency
        else:
            found[kind] = value
        position += 1

    pieces = _body_pieces(lines[position:])
    labels = _speaker_labels(pieces)
    raw: list[tuple[str, str, str]] = []  # (kind, label, text)
    for piece in pieces:
        if piece.style in {"title", "h2", "h3"}:
            raw.append(("h3" if piece.style == "h3" else "h2", "", piece.text))
        elif piece.style == "quote":
            raw.append(("blockquote", "", piece.text))
        elif labels and (m := _SPEAKER.match(piece.text)) and m["label"] in labels:
            raw.append(("p", m["label"], m["text"]))
        else:
            raw.append(("p?" if _subheading_shape(piece.text) else "p", "", piece.text))
    blocks = []
    for i, (kind, label, text) in enumerate(raw):
        if kind == "p?":
            before = any(k == "p" for k, _, _ in raw[:i])
            after = i + 1 < len(raw) and raw[i + 1][0] == "p"
            kind = "h2" if before and after else "p"
        blocks.append(Block(kind, text, label, _direction(text)))

    all_text = " ".join([headline, *(b.text for b in blocks)])
    return ParsedCopy(
        headline=headline,
        dateline=str(found.get("dateline", ""))[:HEADER_LINE_MAX],
        agency=str(found.get("agency", ""))[:HEADER_LINE_MAX],
        bylines=tuple(bylines),
        blocks=tuple(blocks),
        language=_guess_language(all_text),
        is_transcript=bool(labels),
        source_format=source_format,
    )


_KURMANJI_LETTERS = re.compile("[êîûÊÎÛ]")


def _guess_language(text: str) -> str:
    """'ar' for copy mostly in Arabic script, 'ku' for Latin copy with Kurmanji letters, else 'en'."""
    letters = len(_LETTER.findall(text))
    if letters and len(_ARABIC_LETTER.findall(text)) * 2 > letters:
        return "ar"
    kurmanji = len(_KURMANJI_LETTERS.findall(text))
    return "ku" if letters and kurmanji >= max(3, letters // 200) else "en"


# --------------------------------------------------------------------------------------------------
# Word files


def _docx_lines(data: bytes) -> list[_Line]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            unpacked = sum(info.file_size for info in archive.infolist())
        if "word/document.xml" not in names or unpacked > DOCX_MAX_UNPACKED:
            _refuse(messages.NOT_A_WORD_FILE, "not_docx")
        # Imported when a Word file arrives: python-docx loads lxml, which plain-text imports and
        # every process that never reads a .docx need not pay for.
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = docx.Document(io.BytesIO(data))
        paragraphs = []
        for element in document.element.body.iterchildren():
            tag = element.tag.rsplit("}", 1)[-1]
            if tag == "p":
                paragraphs.append(Paragraph(element, document))
            elif tag == "tbl":  # text in tables (a fact box, a transcript grid) is read row by row
                for row in Table(element, document).rows:
                    for cell in row.cells:
                        paragraphs.extend(cell.paragraphs)
        lines: list[_Line] = []
        for paragraph in paragraphs:
            style = _docx_style(paragraph)
            for text in tidy_text(paragraph.text):
                lines.append(_Line(text, style if text else ""))
            lines.append(_Line(""))
        return lines
    except ValidationError:
        raise
    except Exception:  # python-docx and zipfile raise many kinds of errors on a broken file
        _refuse(messages.NOT_A_WORD_FILE, "not_docx")


def _docx_style(paragraph) -> str:
    style = paragraph.style
    while style is not None:
        name = (style.name or "").lower()
        if name == "title":
            return "title"
        if name.startswith("heading"):
            level = name.removeprefix("heading").strip()
            return "h3" if level.isdigit() and int(level) >= 3 else "h2"
        if "quote" in name:
            return "quote"
        style = style.base_style
    return ""


# --------------------------------------------------------------------------------------------------
# Entry point


def read_copy(data: bytes | str, *, name: str = "") -> ParsedCopy:
    """Read one story: ``data`` is a file's bytes, or text pasted into the admin."""
    if isinstance(data, str):
        if not data.strip():
            _refuse(messages.EMPTY, "empty")
        return _structure([_Line(t) for t in tidy_text(data)], source_format="text")
    if not data.strip():
        _refuse(messages.EMPTY, "empty")
    if data.startswith(_OLE_MAGIC):
        _refuse(messages.LEGACY_WORD_FILE, "legacy_word")
    if data.startswith(_ZIP_MAGIC):
        lines = _docx_lines(data)
        headline_first = next((i for i, line in enumerate(lines) if line.text), None)
        if headline_first is not None and lines[headline_first].style == "title":
            lines[headline_first].style = ""
        return _structure(lines, source_format="docx")
    if name.lower().endswith(".docx"):
        _refuse(messages.NOT_A_WORD_FILE, "not_docx")
    return _structure([_Line(t) for t in tidy_text(decode_copy(data))], source_format="text")

