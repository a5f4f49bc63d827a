"""Finding quotes in a story's paragraphs and who said them: a pure function, no database.

``quotes_find(paragraphs, speakers=..., default=...)`` reads each paragraph for words between
quotation marks — “…” (English and Arabic copy), «…» (Arabic and Kurdish copy) and "…" — and
attributes each to a speaker:

1. **named**: the nearest name of one of the ``speakers`` in the same sentence, before the quote
   (“Al-Saleh said that “…””), or else after it (““…”, Al-Saleh said”). A name is any of the
   speaker's spellings, or its last word (“Al-Saleh”) when no other speaker shares it; names are
   compared by ``people.names.normalize_name`` (case, hyphens and Arabic letter forms do not matter);
2. **the same speaker**: no name in the sentence — the speaker of the paragraph's previous quote
   (“… adding that “…””);
3. **the story's interviewee**: otherwise ``default`` (“he said”, a pronoun: the caller gives the
   person interviewed in an interview, and no default elsewhere).

A quote no one can be given (no name near it and no default) is left out, and so are words in
quotation marks shorter than ``MIN_WORDS`` (a scare-quoted term, a title). The reporter confirms or
fixes what this proposes; nothing is shown to readers before that.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from people.names import normalize_name

MIN_WORDS = 3
# Opening and closing marks: English and Arabic “…”, guillemets «…» (and »…« as some copy has
# them), straight double quotes.
QUOTED = re.compile(r"“(?P<curly>[^“”]+)”|«(?P<angle>[^«»]+)»|»(?P<reversed>[^«»]+)«|\"(?P<straight>[^\"]+)\"")
_SENTENCE_END = re.compile(r"[.!?؟…](?=\s|$)")
_TRIM = " \t,;:،؛-–—"


@dataclass(frozen=True)
class Speaker:
    """Someone the story is linked to, with every spelling of their name."""

    id: int
    names: tuple[str, ...]


@dataclass(frozen=True)
class Found:
    paragraph: int  # from 1, as articles.html numbers them
    text: str  # inside the marks, trimmed of spaces and of a trailing comma
    speaker: int
    how: str  # "named", "same speaker" or "interviewee"


def _keys(speakers: Sequence[Speaker]) -> list[tuple[str, int]]:
    """(name key, speaker id), longest first; a last word only where it is one speaker's."""
    full: dict[str, int] = {}
    last: dict[str, set[int]] = {}
    for speaker in speakers:
        for name in speaker.names:
            key = normalize_name(name)
            if not key:
                continue
            full.setdefault(key, speaker.id)
            words = name.split()
            if len(words) > 1:
                last.setdefault(normalize_name(words[-1]), set()).add(speaker.id)
    for key, ids in last.items():
        if key and len(ids) == 1 and len(key) > 2:
            full.setdefault(key, next(iter(ids)))
    return sorted(full.items(), key=lambda item: -len(item[0]))


def _named(text: str, keys: list[tuple[str, int]], *, nearest_last: bool) -> int | None:
    """The speaker whose name is nearest the quote in ``text`` (its end, or its start)."""
    normalized = f" {normalize_name(text)} "
    best: tuple[int, int] | None = None
    for key, speaker in keys:
        at = normalized.rfind(f" {key} ") if nearest_last else normalized.find(f" {key} ")
        if at < 0:
            continue
        if best is None or (at > best[0] if nearest_last else at < best[0]):
            best = (at, speaker)
    return best[1] if best else None


def _sentence_before(text: str) -> str:
    ends = list(_SENTENCE_END.finditer(text))
    return text[ends[-1].end():] if ends else text


def _sentence_after(text: str) -> str:
    end = _SENTENCE_END.search(text)
    return text[: end.start()] if end else text


def quotes_find(
    paragraphs: Sequence[str], *, speakers: Sequence[Speaker], default: int | None = None, min_words: int = MIN_WORDS
) -> list[Found]:
    """The quotes of ``paragraphs`` (the texts of paragraphs 1, 2, …) with who said each."""
    keys = _keys(speakers)
    found: list[Found] = []
    for number, paragraph in enumerate(paragraphs, start=1):
        matches = list(QUOTED.finditer(paragraph))
        previous: int | None = None
        for n, match in enumerate(matches):
            text = next(group for group in match.groups() if group is not None).strip(_TRIM).strip()
            start = matches[n - 1].end() if n else 0
            end = matches[n + 1].start() if n + 1 < len(matches) else len(paragraph)
            before = _sentence_before(paragraph[start: match.start()])
            after = _sentence_after(paragraph[match.end(): end])
            speaker = _named(before, keys, nearest_last=True) or _named(after, keys, nearest_last=False)
            how = "named"
            if speaker is None and previous is not None:
                speaker, how = previous, "same speaker"
            if speaker is None and default is not None:
                speaker, how = default, "interviewee"
            if speaker is None:
                continue
            previous = speaker
            if len(text.split()) < min_words:
                continue
            found.append(Found(paragraph=number, text=text, speaker=speaker, how=how))
    return found
