"""The XSS corpus (tests/data/xss_payloads.txt) planted in a newsroom, and an inspector for what the
public site makes of it.

``hostile_newsroom()`` stores payload *i* in every field a reader can see of "story *i*": its
headline, standfirst, body, dateline, agency, lead image (alt text, caption, credit, source, also
placed in the body), staff and outside bylines, tag, public correction; the person it interviews
(name, native name, spelling, bio, role in the story, affiliation role, photo) and the organization
it mentions (name, alias, description, website). ``public_urls()`` lists every public page that
shows them (editions, articles, tag, author, person and organization pages, searches echoing the
payload, error pages, a share link), every feed and sitemap, and the search suggestions (JSON).

``inspect_html()`` parses a page and reports anything that could run or load from elsewhere;
``text_of()`` gives the text a reader sees, to check that a payload arrives as text.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, urlsplit

from django.utils import timezone, translation
from articles.models import Tag  # the articles own tag model (per-language names)

from desk import previews as preview
from articles.models import Article, Byline, Correction, Interviewee
from images.models import Image, Rendition
from newsroom.text import strip_bidi_controls
from people.models import Affiliation, Organization, OrganizationAlias, Person, PersonName
from tests.factories import ImageFactory, UserFactory

PAYLOAD_FILE = Path(__file__).resolve().parent / "data" / "xss_payloads.txt"
LANGUAGES = ["en", "ar", "ku"]
SHARED_TAG = "Hostile corpus"


def load_payloads() -> list[str]:
    lines = PAYLOAD_FILE.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


@dataclass
class HostileNewsroom:
    payloads: list[str]
    articles: list[Article] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)
    tags: list[Tag] = field(default_factory=list)
    authors: list = field(default_factory=list)
    withdrawn: Article | None = None
    share_path: str = ""


def _image_copy(original: Image, payload: str) -> Image:
    """Another library row over the same stored files, carrying the payload in its text."""
    image = Image.objects.get(pk=original.pk)
    image.pk = None
    image.alt_text = image.caption = image.credit = image.source = payload
    image.save()
    Rendition.objects.bulk_create(
        [Rendition(image=image, crop=r.crop, format=r.format, width=r.width, height=r.height, file=r.file.name)
         for r in original.renditions.all()]
    )
    return image


def hostile_newsroom(payloads: list[str] | None = None) -> HostileNewsroom:
    payloads = payloads if payloads is not None else load_payloads()
    newsroom = HostileNewsroom(payloads=payloads)
    picture = ImageFactory()
    now = timezone.now()
    for number, payload in enumerate(payloads):
        language = LANGUAGES[number % len(LANGUAGES)]
        author = UserFactory(username=f"xss-author-{number}", first_name=payload, last_name="")
        image = _image_copy(picture, payload)
        person = Person.objects.create(name=payload, native_name=payload, bio=payload, photo=image)
        PersonName.objects.create(person=person, name=f"{payload} (spelling)")
        organization = Organization.objects.create(
            name=payload, description=payload, website=f"https://xss.invalid/?q={quote(payload)}"
        )
        OrganizationAlias.objects.create(organization=organization, name=f"{payload} (alias)")
        affiliation = Affiliation.objects.create(person=person, organization=organization, role=payload)
        article = Article.objects.create(
            headline=payload,
            dek=payload,
            body=f"<p>{payload}</p><p>[image:{image.pk}]</p><p>Ends.</p>",
            dateline=payload[:120],
            agency=payload[:120],
            language=language,
            lead_image=image,
            status=Article.Status.PUBLISHED,
            published_at=now - timezone.timedelta(minutes=number + 5),
        )
        Byline.objects.create(article=article, user=author, position=0)
        Byline.objects.create(article=article, name=payload, position=1)
        article.tags.add(payload, SHARED_TAG)
        article.organizations.add(organization)
        Interviewee.objects.create(article=article, person=person, role=payload, affiliation=affiliation)
        Correction.objects.create(article=article, text=payload, created_at=now - timezone.timedelta(minutes=1))
        newsroom.articles.append(article)
        newsroom.people.append(person)
        newsroom.organizations.append(organization)
        newsroom.authors.append(author)
        newsroom.tags.append(Tag.objects.get(name__iexact=strip_bidi_controls(payload)))  # stored without them
    newsroom.withdrawn = Article.objects.create(
        headline=payloads[0], dek=payloads[1], body=f"<p>{payloads[2]}</p>", status=Article.Status.WITHDRAWN,
        published_at=now - timezone.timedelta(days=1),
    )
    draft = Article.objects.create(headline=payloads[5], dek=payloads[6], body=f"<p>{payloads[7]}</p>")
    Byline.objects.create(article=draft, name=payloads[8])
    editor = UserFactory(username="xss-editor", is_superuser=True)
    newsroom.share_path = preview.share_link_url(preview.share_link_create(article=draft, user=editor, days=1))
    return newsroom


def _in(language: str, view) -> str:
    with translation.override(language):
        return view()


def public_urls(newsroom: HostileNewsroom) -> dict:
    """Every public address showing the corpus, by kind: "html", "feed" (RSS/Atom), "sitemap", "json"
    (the search suggestions for each payload); and "errors": the addresses expected to answer 404 or
    410 (with the status)."""
    html, feeds, suggestions, errors = [], [], [], {}
    for language in LANGUAGES:
        count = sum(a.language == language for a in newsroom.articles)
        html += [f"/{language}/", f"/{language}/?page=2"] if count > 20 else [f"/{language}/"]
        html.append(f"/{language}/tags/{newsroom.tags[0].slug}/")
        feeds += [f"/{language}/rss/", f"/{language}/atom/"]
    shared = Tag.objects.get(name=SHARED_TAG)
    for number, article in enumerate(newsroom.articles):
        language = article.language
        payload = newsroom.payloads[number]
        tag, person, organization = newsroom.tags[number], newsroom.people[number], newsroom.organizations[number]
        q = quote(payload)
        html += [
            article.get_absolute_url(),
            f"/{language}/tags/{tag.slug}/",
            f"/{language}/authors/{newsroom.authors[number].pk}/",
            f"/{language}/people/{person.slug}/",
            f"/{language}/organizations/{organization.slug}/",
            f"/{language}/search/?q={q}",
            f"/{language}/search/?q={q}&tag={q}&person={q}&organization={q}&kind={q}&date_from={q}&sort={q}",
            f"/{language}/tags/{q}/",  # 404
        ]
        suggestions += [f"/{language}/search/suggest/?field={field}&q={q}" for field in ("tag", "person", "organization")]
        errors[f"/{language}/tags/{q}/"] = 404
        feeds += [f"/{language}/tags/{tag.slug}/rss/", f"/{language}/people/{person.slug}/atom/"]
    html += [
        f"/en/tags/{shared.slug}/", f"/en/tags/{shared.slug}/?page=2",
        f"/en/articles/{newsroom.withdrawn.pk}/x/",  # 410
        newsroom.share_path,
    ]
    feeds += [f"/en/tags/{shared.slug}/atom/"]
    errors[f"/en/articles/{newsroom.withdrawn.pk}/x/"] = 410
    return {
        "html": html,
        "feed": feeds,
        "sitemap": ["/sitemap.xml", "/news-sitemap.xml"],
        "json": suggestions,
        "errors": errors,
    }


# --- inspecting a page -------------------------------------------------------------------------

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "background", "data", "srcset", "lowsrc", "ping"}
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:", "livescript:")
# Elements no public template uses: if one appears, a payload made it (harmless forms, inputs and
# details would still be caught by their handlers and URLs below).
NEVER_ON_A_PUBLIC_PAGE = {
    "iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math", "base", "template",
    "style", "noscript", "isindex", "xss", "x", "marquee", "audio", "video", "textarea",
}
LOADING_ATTRIBUTES = {"src", "srcset", "poster", "background", "data"}
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")


@dataclass
class Finding:
    tag: str
    problem: str

    def __str__(self):
        return f"<{self.tag}>: {self.problem}"


class _Inspector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.findings: list[Finding] = []
        self.script_type = None
        self.scripts: list[tuple[str, str]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        names = dict(attrs)
        if tag in NEVER_ON_A_PUBLIC_PAGE:
            self.findings.append(Finding(tag, "element that readers' content never produces"))
        if tag == "script":
            kind = (names.get("type") or "").lower()
            if "src" in names:
                if not _our_script(names["src"], attrs):
                    self.findings.append(Finding(tag, f"script {names}"))
            elif kind != "application/ld+json":
                self.findings.append(Finding(tag, f"script {names}"))
            self.script_type = kind
        if tag == "meta" and (names.get("http-equiv") or "").lower() == "refresh":
            self.findings.append(Finding(tag, "meta refresh"))
        if tag == "link" and "stylesheet" in (names.get("rel") or "").lower() and not _same_site(names.get("href")):
            self.findings.append(Finding(tag, f"stylesheet from elsewhere: {names.get('href')}"))
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.findings.append(Finding(tag, f"event handler {name}={value!r}"))
            if name == "style":
                self.findings.append(Finding(tag, f"style attribute {value!r}"))
            if name == "srcdoc":
                self.findings.append(Finding(tag, "srcdoc"))
            if name in URL_ATTRIBUTES:
                cleaned = _CONTROL.sub("", value).lower()
                if cleaned.startswith(DANGEROUS_SCHEMES):
                    self.findings.append(Finding(tag, f"{name} with a script or data URL: {value!r}"))
                if name in LOADING_ATTRIBUTES and tag in {"img", "source", "script", "iframe", "embed", "object", "video", "audio"}:
                    for url in _urls(name, value):
                        if not _same_site(url):
                            self.findings.append(Finding(tag, f"{name} loads from elsewhere: {url!r}"))

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag == "script":
            self.script_type = None

    def handle_data(self, data):
        if self.script_type is not None:
            self.scripts.append((self.script_type, data))
        else:
            self.text.append(data)


# The site's own scripts: static files, loaded deferred (the search page's suggestions).
OUR_SCRIPTS = ("/static/js/search.js", "/static/js/share.js")
# The reading beacon (docs/READERSHIP.md): its one attribute more is the beacon's address on this site.
READ_SCRIPT = "/static/js/read.js"
BEACON = re.compile(r"/r/\d+/")


def _our_script(src: str, attrs) -> bool:
    """One of the site's own script files, as the templates write it, and nothing else."""
    names = sorted(name for name, _value in attrs)
    if src == READ_SCRIPT:
        return names == ["data-beacon", "defer", "src"] and BEACON.fullmatch(dict(attrs)["data-beacon"] or "") is not None
    return src in OUR_SCRIPTS and names == ["defer", "src"]


def _urls(name: str, value: str) -> list[str]:
    if name == "srcset":
        return [part.strip().split(" ")[0] for part in value.split(",") if part.strip()]
    return [value]


def _same_site(url: str | None) -> bool:
    if not url:
        return True
    parts = urlsplit(url.strip())
    return not parts.netloc and not parts.scheme and not url.strip().startswith(("//", "\\\\", "/\\"))


@dataclass
class Inspection:
    findings: list[Finding]
    json_ld: list[dict]
    text: str


def inspect_html(html: str) -> Inspection:
    """What in ``html`` could run or load from elsewhere, its JSON-LD (parsed) and its visible text."""
    inspector = _Inspector()
    inspector.feed(html)
    inspector.close()
    json_ld = []
    for kind, data in inspector.scripts:
        if kind == "application/ld+json":
            if "<" in data:
                inspector.findings.append(Finding("script", "a '<' inside JSON-LD"))
            try:
                json_ld.append(json.loads(data))
            except ValueError as error:
                inspector.findings.append(Finding("script", f"JSON-LD that is not JSON: {error}"))
    return Inspection(inspector.findings, json_ld, "".join(inspector.text))


def tag_payloads(payloads: list[str]) -> list[str]:
    """The payloads holding a tag: printed unescaped anywhere, a tag would appear. (Quotes alone are
    harmless in text; inside an attribute the inspector sees what they break out into.)"""
    return [p for p in payloads if re.search(r"<[a-zA-Z!/]", p)]


def markup_payloads(payloads: list[str]) -> list[str]:
    """The payloads that are markup in some context: a tag, or quotes that end an attribute."""
    return [p for p in payloads if re.search(r"<[a-zA-Z!/]", p) or '"' in p or "'" in p]
