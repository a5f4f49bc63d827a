"""Who and what a story is about, found against the newsroom's own register.

``copy_recognize(parsed=...)`` reads the headline and body of a parsed story and proposes:

* **people** named by their name, native-script name or an alternate spelling, or by their surname
  alone (“Al-Saleh”) when no one else in the register has it;
* **organizations** named by their name or an alias (“The White Helmets”), also in the adjective
  form of a country name (“The Syrian Civil Defense” for “Syria Civil Defense”);
* **tags** that already exist, where the text names them (“Aleppo”, “Idlib”);
* **candidates**: capitalised names (two words or more) that are in no register, to create;
* the **kind** “interview” when the copy says it is one, or is a question-and-answer transcript.

Every comparison uses the keys of ``people.names.normalize_name`` (case, hyphens, punctuation and a
leading “The” do not matter), so this module holds no second name rule. Each person, organization
and tag is proposed once, however often it is named. The register is read in a fixed number of
queries (one per table), whatever the length of the copy.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from functools import lru_cache

from django.utils.translation import gettext, gettext_noop, pgettext_lazy

from articles.models import Article, Tag
from copydesk.parser import ParsedCopy
from people.models import KEY_SEPARATOR, Affiliation, Organization, OrganizationAlias, Person, PersonName
from people.names import normalize_name

MAX_KEY_WORDS = 12
MAX_CANDIDATES = 30


# How a name matched, as the confirmation page says it (“by alias”): the stored word, translated.
MATCHED_BY = {
    "name": pgettext_lazy("how a name matched", "name"),
    "native name": pgettext_lazy("how a name matched", "native name"),
    "alternate spelling": pgettext_lazy("how a name matched", "alternate spelling"),
    "alias": pgettext_lazy("how a name matched", "alias"),
    "surname": pgettext_lazy("how a name matched", "surname"),
    "spelling variant": pgettext_lazy("how a name matched", "spelling variant"),
}

# Why the kind was proposed. Stored in English with the proposals, translated when shown.
KIND_TRANSCRIPT = gettext_noop("The copy is a question-and-answer transcript.")
KIND_SAYS = gettext_noop("The copy says “{words}”.")
_KIND_SAYS = re.compile("^" + re.escape(KIND_SAYS).replace(re.escape("{words}"), "(?P<words>.*)") + "$")


@dataclass
class Proposal:
    """One person, organization or tag the copy names."""

    id: int
    name: str
    found_as: list[str] = field(default_factory=list)  # the text as written, first mention first
    mentions: int = 0
    matched_by: str = ""  # how the first mention matched: "name", "alias", "surname", …
    confident: bool = True  # False when only a surname matched: offered, not preselected
    role: str = ""  # people: the role the copy gives them (“head of The Syrian Civil Defense”)
    affiliation_id: int | None = None

    @property
    def matched_by_label(self) -> str:
        return str(MATCHED_BY.get(self.matched_by, self.matched_by))


@dataclass
class Candidate:
    """A capitalised name in the copy that is in no register."""

    name: str
    mentions: int = 1


@dataclass
class Recognition:
    people: list[Proposal] = field(default_factory=list)
    organizations: list[Proposal] = field(default_factory=list)
    tags: list[Proposal] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)
    kind: str = ""  # "interview" or "" (no proposal)
    kind_reason: str = ""

    def as_dict(self) -> dict:
        return asdict(self)

    @property
    def kind_label(self) -> str:
        return str(dict(Article.Kind.choices).get(self.kind, self.kind))

    @property
    def kind_reason_label(self) -> str:
        """``kind_reason`` in the active language (it is stored in English)."""
        if self.kind_reason == KIND_TRANSCRIPT:
            return gettext(KIND_TRANSCRIPT)
        if says := _KIND_SAYS.match(self.kind_reason):
            return gettext(KIND_SAYS).format(words=says["words"])
        return self.kind_reason

    @classmethod
    def from_dict(cls, data: dict) -> Recognition:
        data = data or {}
        return cls(
            people=[Proposal(**p) for p in data.get("people", [])],
            organizations=[Proposal(**p) for p in data.get("organizations", [])],
            tags=[Proposal(**p) for p in data.get("tags", [])],
            candidates=[Candidate(**c) for c in data.get("candidates", [])],
            kind=data.get("kind", ""),
            kind_reason=data.get("kind_reason", ""),
        )


# --------------------------------------------------------------------------------------------------
# Words of the copy


@dataclass
class _Word:
    text: str  # without surrounding punctuation
    start: int
    end: int
    keys: tuple[str, ...]  # normalize_name(text).split(): "Al-Saleh" -> ("al", "saleh")
    capitalised: bool
    sentence_start: bool
    break_after: bool  # punctuation after it ends a name


_WORD = re.compile(r"\S+")
_LEAD = re.compile(r"^[^\w]+")
_TRAIL = re.compile(r"[^\w]+$")
_BREAKS_BEFORE = set("([{“\"«„")
_BREAKS_AFTER = set('.,;:!?)]}”"»…،؛؟')
_SENTENCE_END = set(".!?…؟")
_POSSESSIVE = re.compile(r"[’']s$")


@lru_cache(maxsize=50_000)
def _word_keys(core: str) -> tuple[str, ...]:
    return tuple(normalize_name(_POSSESSIVE.sub("", core)).split())


def _words(text: str) -> list[_Word]:
    words: list[_Word] = []
    sentence_start = True
    for match in _WORD.finditer(text):
        raw = match.group()
        lead = _LEAD.match(raw)
        trail = _TRAIL.search(raw)
        lead_s = lead.group() if lead else ""
        trail_s = trail.group() if trail and (not lead or trail.start() > 0) else ""
        core = raw[len(lead_s) : len(raw) - len(trail_s)]
        if words and set(lead_s) & _BREAKS_BEFORE:
            words[-1].break_after = True
        if not core:
            if words and (set(raw) & (_BREAKS_AFTER | _BREAKS_BEFORE) or raw in {"–", "—", "-"}):
                words[-1].break_after = True
            sentence_start = sentence_start or bool(set(raw) & _SENTENCE_END)
            continue
        particle, _, rest = core.partition("-")
        if particle.lower() in _CONNECTORS and rest:  # “al-Hawa” is written as a name
            core_for_case = rest
        else:
            core_for_case = core
        letters = [ch for ch in core_for_case if ch.isalpha()]
        words.append(
            _Word(
                text=core,
                start=match.start() + len(lead_s),
                end=match.end() - len(trail_s),
                keys=_word_keys(core),
                capitalised=bool(letters) and letters[0].isupper(),
                sentence_start=sentence_start,
                break_after=bool(set(trail_s) & _BREAKS_AFTER),
            )
        )
        sentence_start = bool(set(trail_s) & _SENTENCE_END)
    return words


def _segments(words: list[_Word]) -> list[list[int]]:
    """Runs of word indexes that punctuation does not interrupt: a name never spans a comma."""
    segments, current = [], []
    for i, word in enumerate(words):
        current.append(i)
        if word.break_after:
            segments.append(current)
            current = []
    if current:
        segments.append(current)
    return segments


_ARABIC_CLITICS = ("و", "ف")
_ARABIC_PREPOSITIONS = ("ب", "ل", "ك")


def _first_key_variants(key: str) -> list[str]:
    """An Arabic first word may carry “and”/“so” and a preposition: والدفاع, للدفاع, بالدفاع."""
    variants = [key]
    if not key or not ("\u0600" <= key[0] <= "\u06ff"):
        return variants
    stem = key
    if stem.startswith(_ARABIC_CLITICS) and len(stem) > 3:
        stem = stem[1:]
        variants.append(stem)
    if stem.startswith("لل") and len(stem) > 3:
        variants.append("ال" + stem[2:])
    elif stem.startswith(_ARABIC_PREPOSITIONS) and len(stem) > 3:
        variants.append(stem[1:])
    return variants


def _loose(key: str) -> str:
    """Country adjectives as country names, for organizations: “syrian” -> “syria”."""
    return " ".join(t[:-1] if len(t) > 4 and t.endswith("an") and t[-2] == "a" else t for t in key.split())


# --------------------------------------------------------------------------------------------------
# The register, as keys


class _Index:
    """Keys -> entries [(kind, id, matched_by)], with lookups by exact and loose key."""

    def __init__(self):
        self.exact: dict[str, list[tuple[str, int, str]]] = defaultdict(list)
        self.loose: dict[str, list[tuple[str, int, str]]] = defaultdict(list)
        self.secondary: dict[str, list[tuple[str, int, str]]] = defaultdict(list)
        self.starts: set[str] = set()  # first words of every key: most words start none
        self._may_start: dict[str, bool] = {}
        self.longest = 1

    def add(self, key: str, entry: tuple[str, int, str], *, loose: bool = False, secondary: bool = False):
        target = self.secondary if secondary else self.exact
        if not key or any(e[:2] == entry[:2] for e in target.get(key, [])):
            return  # one entry per person/organization/tag and key: the first way it matched wins
        target[key].append(entry)
        self.starts.add(key.split(" ", 1)[0])
        if loose:
            self.loose[_loose(key)].append(entry)
            self.starts.add(_loose(key).split(" ", 1)[0])
        self.longest = min(MAX_KEY_WORDS, max(self.longest, key.count(" ") + 1))

    def keys(self) -> set[str]:
        return set(self.exact) | set(self.secondary)

    def may_start(self, key: str) -> bool:
        known = self._may_start.get(key)
        if known is None:
            known = self._may_start[key] = any(
                v in self.starts or _loose(v) in self.starts for v in _first_key_variants(key)
            )
        return known

    def lookup(self, keys: list[str]) -> list[tuple[str, int, str]] | None:
        """Entries for one run of word keys, trying each spelling of the first word."""
        rest = keys[1:]
        for first in _first_key_variants(keys[0]):
            joined = " ".join([first, *rest])
            if joined in self.exact:
                return self.exact[joined]
        for first in _first_key_variants(keys[0]):
            joined = " ".join([first, *rest])
            if (lk := _loose(joined)) in self.loose:
                return list(dict.fromkeys((kind, pk, "spelling variant") for kind, pk, _ in self.loose[lk]))
            if joined in self.secondary:
                return self.secondary[joined]
        return None


def _entity_index() -> tuple[_Index, dict[int, str], dict[int, str]]:
    index = _Index()
    people = {}
    rows = Person.objects.values_list("id", "name", "name_key", "native_name_key", "translated_name_keys")
    for pk, name, key, native_key, translated_keys in rows:
        people[pk] = name
        index.add(key, ("person", pk, "name"))
        index.add(native_key, ("person", pk, "native name"))
        for other in filter(None, translated_keys.split(KEY_SEPARATOR)):  # their name in Arabic, Kurmanji
            index.add(other, ("person", pk, "name"))
    for pk, key in PersonName.objects.values_list("person_id", "name_key"):
        index.add(key, ("person", pk, "alternate spelling"))
    organizations = {}
    for pk, name, key, translated_keys in Organization.objects.values_list("id", "name", "name_key", "translated_name_keys"):
        organizations[pk] = name
        index.add(key, ("organization", pk, "name"), loose=True)
        for other in filter(None, translated_keys.split(KEY_SEPARATOR)):
            index.add(other, ("organization", pk, "name"), loose=True)
    for pk, key in OrganizationAlias.objects.values_list("organization_id", "name_key"):
        index.add(key, ("organization", pk, "alias"), loose=True)

    # Surnames: everything after the first word of a name, when it belongs to one person only and
    # is nobody's or nothing's full name.
    surnames: dict[str, set[int]] = defaultdict(set)
    for pk, name in people.items():
        for key in {normalize_name(name)}:
            parts = key.split()
            if len(parts) >= 2 and len(parts[-1]) >= 3:
                surnames[" ".join(parts[1:])].add(pk)
    for surname, owners in surnames.items():
        if len(owners) == 1 and surname not in index.exact:
            index.add(surname, ("person", next(iter(owners)), "surname"), secondary=True)
    return index, people, organizations


def _tag_index() -> tuple[_Index, dict[int, str]]:
    index, names = _Index(), {}
    for pk, name in Tag.objects.values_list("id", "name"):
        names[pk] = name
        index.add(normalize_name(name), ("tag", pk, "name"))
    return index, names


# --------------------------------------------------------------------------------------------------
# Matching


@dataclass
class _Match:
    entries: list[tuple[str, int, str]]
    first: int  # word indexes
    last: int


def _scan(
    words: list[_Word], segments: list[list[int]], index: _Index, *, capitalised_only: bool = False
) -> list[_Match]:
    """Leftmost-longest matches of register keys in the words, never across punctuation."""
    matches = []
    for segment in segments:
        keys: list[str] = []
        owner: list[int] = []  # word index of each key
        for i in segment:
            keys.extend(words[i].keys)
            owner.extend([i] * len(words[i].keys))
        k = 0
        while k < len(keys):
            found = None
            starts_word = k == 0 or owner[k - 1] != owner[k]
            if keys[k] != "the" and starts_word and index.may_start(keys[k]):
                for n in range(min(index.longest, len(keys) - k), 0, -1):
                    # a match covers whole words: “Al-Saleh” is two keys but one word
                    if k + n < len(keys) and owner[k + n] == owner[k + n - 1]:
                        continue
                    entries = index.lookup(keys[k : k + n])
                    if entries:
                        found = _Match(entries, owner[k], owner[k + n - 1])
                        break
            if found and capitalised_only and not _written_as_a_name(words[found.first]):
                found = None
            if found:
                matches.append(found)
                k += sum(len(words[i].keys) for i in range(found.first, found.last + 1))
            else:
                k += 1
    return matches


def _written_as_a_name(word: _Word) -> bool:
    first = next((ch for ch in word.text if ch.isalpha()), "")
    return not first.islower()


def _surface(text: str, words: list[_Word], match: _Match) -> str:
    """The name as the copy writes it, with the “The” the key leaves out."""
    first = match.first
    if first and words[first - 1].keys == ("the",) and not words[first - 1].break_after:
        first -= 1
    return text[words[first].start : words[match.last].end]


_APPOSITIVE = re.compile(r"^\s*[,،]\s*(?P<role>[^,،.;:“”\"()«»]{3,120})")
_ROLE_STOP = re.compile(r"\s+(?:on|about|in|to|at|who|which|that|during|when)\s+")


def _appositive(text: str, end: int) -> str:
    """“Raed Al-Saleh, head of The Syrian Civil Defense on the work…” -> “head of The Syrian Civil Defense”."""
    match = _APPOSITIVE.match(text[end:])
    if not match:
        return ""
    role = _ROLE_STOP.split(match["role"], maxsplit=1)[0].strip()
    first = next((ch for ch in role if ch.isalpha()), "")
    if not first or first.isupper() or len(role.split()) > 10:
        return ""
    return role


# --------------------------------------------------------------------------------------------------
# Candidates


_CONNECTORS = {"al", "el", "bin", "ibn", "bint", "abu", "de", "du", "la", "le", "van", "von", "der", "of", "for", "the"}
_SENTENCE_STARTERS = set(
    """a an the he she it its they we you i his her their our this that these those there here
    in on at as by for from with without of to into after before since during while when where why how
    what which who whom whose if but and or so yet also then now today yesterday however although though
    because furthermore moreover meanwhile regarding according despite instead besides nevertheless
    according still such some many most all both each every other another no not one two three
    mr mrs ms dr""".split()
)


def _candidates(text: str, words: list[_Word], segments: list[list[int]], taken: set[int], known: set[str]) -> list[str]:
    found = []
    for segment in segments:
        run: list[int] = []
        for i in [*segment, None]:
            word = words[i] if i is not None else None
            if word is not None and i not in taken and (
                word.capitalised or (run and word.text.lower() in _CONNECTORS)
            ):
                run.append(i)
                continue
            while run and words[run[-1]].text.lower() in _CONNECTORS:
                run.pop()
            while run and (
                words[run[0]].text.lower() in _CONNECTORS
                or (words[run[0]].sentence_start and words[run[0]].text.lower() in _SENTENCE_STARTERS)
            ):
                run.pop(0)
            if len(run) >= 2:
                name = text[words[run[0]].start : words[run[-1]].end]
                if normalize_name(name) not in known:
                    found.append(name)
            run = []
    return found


# --------------------------------------------------------------------------------------------------
# Kind


_INTERVIEW_WORDS = re.compile(r"\binterviews?\b|مقابلة|حوار مع|\bhevpeyvîn", re.IGNORECASE)


def _kind(parsed: ParsedCopy) -> tuple[str, str]:
    if parsed.is_transcript:
        return "interview", KIND_TRANSCRIPT
    for text in [parsed.headline, *(b.text for b in parsed.blocks)]:
        if match := _INTERVIEW_WORDS.search(text):
            return "interview", KIND_SAYS.format(words=match.group())
    return "", ""


# --------------------------------------------------------------------------------------------------
# Entry point


def copy_recognize(*, parsed: ParsedCopy) -> Recognition:
    """Propose the people, organizations, tags and kind of a parsed story (see the module doc)."""
    entity_index, people_names, organization_names = _entity_index()
    tag_index, tag_names = _tag_index()

    units = [parsed.headline, *(b.text for b in parsed.blocks)]  # bylines and agency are not subjects
    proposals: dict[tuple[str, int], Proposal] = {}
    person_mentions: dict[int, list[tuple[str, int]]] = defaultdict(list)
    candidate_counts: dict[str, list] = {}
    known_keys = entity_index.keys() | tag_index.keys()

    def note(kind: str, pk: int, matched_by: str, surface: str, names: dict[int, str]):
        proposal = proposals.get((kind, pk))
        if proposal is None:
            proposal = proposals[(kind, pk)] = Proposal(id=pk, name=names[pk], matched_by=matched_by, confident=False)
        proposal.mentions += 1
        proposal.confident = proposal.confident or matched_by != "surname"
        if surface not in proposal.found_as and len(proposal.found_as) < 5:
            proposal.found_as.append(surface)

    for unit_number, text in enumerate([parsed.dateline, *units]):
        words = _words(text)
        segments = _segments(words)
        taken: set[int] = set()
        if unit_number:  # the dateline names places (tags), not subjects
            for match in _scan(words, segments, entity_index):
                surface = _surface(text, words, match)
                taken.update(range(match.first, match.last + 1))
                for kind, pk, matched_by in match.entries:
                    names = people_names if kind == "person" else organization_names
                    note(kind, pk, matched_by, surface, names)
                    if kind == "person" and len(person_mentions[pk]) < 50:
                        person_mentions[pk].append((text, words[match.last].end))
        for match in _scan(words, segments, tag_index, capitalised_only=True):
            taken.update(range(match.first, match.last + 1))
            for kind, pk, matched_by in match.entries:
                note(kind, pk, matched_by, _surface(text, words, match), tag_names)
        if unit_number >= 2 and parsed.blocks[unit_number - 2].kind == "p":  # headline and subheads are in title case
            for name in _candidates(text, words, segments, taken, known_keys):
                key = normalize_name(name)
                if key in candidate_counts:
                    candidate_counts[key][1] += 1
                else:
                    candidate_counts[key] = [name, 1]

    result = Recognition()
    for (kind, _pk), proposal in proposals.items():
        {"person": result.people, "organization": result.organizations, "tag": result.tags}[kind].append(proposal)
    _suggest_roles(result, person_mentions)
    result.candidates = [Candidate(name, n) for name, n in list(candidate_counts.values())[:MAX_CANDIDATES]]
    result.kind, result.kind_reason = _kind(parsed)
    return result


def _suggest_roles(result: Recognition, mentions: dict[int, list[tuple[str, int]]]) -> None:
    """A role for each person: as the copy puts it, else their affiliation with an organization named."""
    if not result.people:
        return
    named_organizations = {o.id for o in result.organizations}
    affiliations = (
        Affiliation.objects.filter(person_id__in=[p.id for p in result.people])
        .select_related("organization")
        .order_by("-start_date", "pk")
    )
    best: dict[int, Affiliation] = {}
    for affiliation in affiliations:
        current = best.get(affiliation.person_id)
        score = (affiliation.organization_id in named_organizations, affiliation.is_current)
        if current is None or score > (current.organization_id in named_organizations, current.is_current):
            best[affiliation.person_id] = affiliation
    for person in result.people:
        person.role = next((role for text, end in mentions[person.id] if (role := _appositive(text, end))), "")
        if affiliation := best.get(person.id):
            person.affiliation_id = affiliation.pk
            person.role = person.role or f"{affiliation.role}, {affiliation.organization.name}"
