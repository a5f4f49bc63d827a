"""The checklist's rules, defined once: what each looks at, its label, and its defaults.

Each rule is a function of a story and its configured row (``ChecklistRule``: on/off, blocking or
warning, before review and/or publication, a threshold) that answers with an ``Outcome``: passed or
not, what it found, or ``None`` when the rule does not apply to this story (the interviewee rule on
a news story). Editors change the rows in the admin; the defaults below are what a new newsroom
starts with (migration ``0002``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Callable

from django.utils.html import strip_tags
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from images.body import image_ids
from images.models import Image

TOKEN = re.compile(r"\[image:\s*(\d+)\s*\]", re.IGNORECASE)  # any token, in its own paragraph or not


@dataclass(frozen=True)
class Outcome:
    passed: bool
    detail: str = ""


@dataclass(frozen=True)
class Rule:
    key: str
    label: str
    check: Callable
    enabled: bool = True
    severity: str = "warning"
    threshold: int | None = None
    threshold_label: str = ""


def _headline_length(article, rule) -> Outcome:
    length = len(article.headline.strip())
    limit = rule.threshold or 110
    detail = ngettext("%(length)d character (at most %(limit)d).", "%(length)d characters (at most %(limit)d).",
                      length) % {"length": length, "limit": limit}
    return Outcome(length <= limit, detail)


def _standfirst(article, rule) -> Outcome:
    present = bool(strip_tags(article.dek).strip())
    return Outcome(present, "" if present else gettext("There is no standfirst."))


def _tags(article, rule) -> Outcome:
    wanted = rule.threshold or 1
    count = article.tags.count()
    return Outcome(count >= wanted, ngettext("%(count)d tag (at least %(wanted)d).",
                                             "%(count)d tags (at least %(wanted)d).", count)
                   % {"count": count, "wanted": wanted})


def _interviewees(article, rule) -> Outcome | None:
    if article.kind != article.Kind.INTERVIEW:
        return None
    linked = article.interviewee_links.exists()
    return Outcome(linked, "" if linked else gettext("An interview names nobody it interviews."))


def _lead_image(article, rule) -> Outcome:
    present = article.lead_image_id is not None
    return Outcome(present, "" if present else gettext("There is no lead picture."))


def _lead_image_alt(article, rule) -> Outcome | None:
    if article.lead_image_id is None:
        return None
    image = article.lead_image
    alt = (getattr(image, f"alt_text_{article.language}", "") or "").strip()
    if alt:
        return Outcome(True)
    return Outcome(False, gettext("The lead picture has no alt text in %(language)s.")
                   % {"language": article.get_language_display()})


def _image_tokens(article, rule) -> Outcome | None:
    body = article.body or ""
    ids = {int(found) for found in TOKEN.findall(body)} | image_ids(body)  # the editor's figures too
    if not ids:
        return None
    missing = sorted(ids - set(Image.objects.filter(pk__in=ids).values_list("pk", flat=True)))
    if not missing:
        return Outcome(True)
    return Outcome(False, gettext("No picture in the library for: %(tokens)s.")
                   % {"tokens": ", ".join(f"[image:{pk}]" for pk in missing)})  # the editor's pictures too


class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = (dict(attrs).get("href") or "").strip()
            if href.lower().startswith(("http://", "https://")) and href not in self.found:
                self.found.append(href)


def links_in(html: str) -> list[str]:
    """The web addresses a body links to, in order, each once."""
    parser = _Links()
    parser.feed(html or "")
    parser.close()
    return parser.found[:100]


def _links(article, rule) -> Outcome | None:
    urls = links_in(article.body)
    if not urls:
        return None
    checks = {check.url: check for check in article.link_checks.all()}
    broken = [url for url in urls if url in checks and not checks[url].ok]
    waiting = sum(1 for url in urls if url not in checks)
    if broken:
        return Outcome(False, gettext("Not answering: %(urls)s.") % {"urls": ", ".join(broken)})
    if waiting:
        return Outcome(True, ngettext("%(count)d link not checked yet.", "%(count)d links not checked yet.",
                                      waiting) % {"count": waiting})
    return Outcome(True)


RULES: dict[str, Rule] = {
    rule.key: rule
    for rule in [
        Rule("headline_length", _("Headline length"), _headline_length, threshold=110,
             threshold_label=_("at most this many characters")),
        Rule("standfirst", _("Standfirst present"), _standfirst, enabled=False),
        Rule("tags", _("Tags"), _tags, enabled=False, threshold=1, threshold_label=_("at least this many tags")),
        Rule("interviewees", _("Interviewees linked on an interview"), _interviewees, severity="blocking"),
        Rule("lead_image", _("Lead picture"), _lead_image, enabled=False),
        Rule("lead_image_alt", _("Alt text of the lead picture"), _lead_image_alt, severity="blocking"),
        Rule("image_tokens", _("Pictures in the body exist"), _image_tokens, severity="blocking"),
        Rule("links", _("Links answer"), _links),
    ]
}
