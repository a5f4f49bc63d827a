"""What a change touches: the surrogate keys (``public.keys``) of the pages that show it.

Whoever makes the change — the workflow, ``article_save``, the admin's people, tags and pictures, a
shell, a factory — the rows readers see send Django's model signals, and the receivers here
(connected in ``PublicConfig.ready``) name the keys:

* an article readers can see or could (published, withdrawn): its own key, its story's, its
  edition's lists, search, the sitemap, the lists of names, and the tags, people, organizations and
  authors' lists it carries now (their pages list it; the pages that listed it before carry its own
  key; related boxes are chosen by tag and person), and its sections' lists. A draft, a story in
  review, a scheduled story or a translation draft touches nothing: no reader can see it.
* a byline, interviewee, correction, tag or organization link of such an article: the article, and
  the author, person, tag or organization linked.
* a person, organization, affiliation, tag, picture, or a staff member's name: that thing (and, for
  names, the lists of public names).
* a quote (``quotes.Quote``) of such an article: the quotes of the person who said it (and of the
  one it was attributed to before); an article's change also touches the quotes of each person
  it has confirmed quotes of (a story published in another language adds to every edition's page).
* a story's section (``fronts.ArticleSection``): the article and the section's list of stories, if
  readers can see the article (not the section's name, which every page's menu shows); a section
  itself: its name and its list; a menu entry: the edition's menu; a front layout, its
  slots and section blocks: that front; a breaking news banner: its edition's banner; a "Most read"
  list (``readership.MostRead``, saved only when the tally changes it): that list.
* a live entry readers see or saw (published, withdrawn), or its correction: its live story's entries
  (``k.live``: the story page, the entries' pages, the polling answer).

``keys_changed`` moves the keys' versions on in the change's own transaction — a kept page that
shows any of them is out of date the moment the change is committed, never before — and, once it
commits, has the edge caches purge them: at once from the committing process, or, when the edge does
not take it at once, by ``public.tasks.edge_purge``, a background task with retries (nothing is sent
or enqueued without an edge: ``EDGE_PURGE_BACKEND``).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone
from django_tasks import task

from articles.models import Article, Byline, Correction, Interviewee, Tag, TaggedArticle, TagSpelling
from backups.signals import database_restored as restored
from fronts.models import ArticleSection, BreakingNews, FrontLayout, MenuItem, Section, SectionBlock, Slot
from jobs import services as jobs
from public import keys as k
from public.models import KeyClock, PageKey
from public.tasks import edge_purge, purge_at_once, replication_position
from quotes.models import Quote
from readership.models import MostRead

# Statuses of an article readers see, or saw (a withdrawn story answers 410 where it stood).
VISIBLE = frozenset({Article.Status.PUBLISHED, Article.Status.WITHDRAWN})
# Of a staff user, only these fields are shown (bylines, author pages): logging in changes nothing.
USER_FIELDS_SHOWN = frozenset({"first_name", "last_name", "username", "is_active"})


def keys_changed(keys: Iterable[str]) -> None:
    """The pages carrying any of ``keys`` show something that changed: move the keys on (in the
    current transaction) and purge them at the edge once it commits."""
    keys = {key for key in keys if key}
    if not keys:
        return
    with transaction.atomic():
        if not KeyClock.objects.filter(pk=1).update(value=F("value") + 1):
            KeyClock.objects.get_or_create(pk=1, defaults={"value": 1})
        version = KeyClock.objects.values_list("value", flat=True).get(pk=1)
        PageKey.objects.bulk_create(
            [PageKey(key=key, version=version) for key in keys],
            update_conflicts=True, unique_fields=["key"], update_fields=["version"],
        )
    if settings.EDGE_PURGE_BACKEND:
        _purge_once_committed(keys)


def everything_changed() -> None:
    """Every page is out of date (a bulk change that sends no signal: ``seed_bench``)."""
    keys_changed([k.ALL])


def database_restored(**kwargs) -> None:
    """A backup was restored (``backups.signals.database_restored``): its key versions are older than
    the ones kept pages were checked against, and new changes would give out those numbers again, so
    every kept page is dropped and the edges are purged of everything. The restored rows stay as
    they were backed up (the restore is checked against the backup's summary)."""
    cache.clear()
    if settings.EDGE_PURGE_BACKEND:
        _purge_once_committed({k.ALL})


def _purge_once_committed(keys: set[str]) -> None:
    """One purge task per transaction, with every key it touched, enqueued once it commits."""
    connection = transaction.get_connection()
    pending = getattr(connection, "_edge_purge_pending", None)
    registered = pending is not None and any(func is pending.flush for _sids, func, _robust in connection.run_on_commit)
    if registered:
        pending.keys |= keys
        return
    pending = _PendingPurge()
    pending.keys |= keys  # before on_commit: outside a transaction it runs at once
    connection._edge_purge_pending = pending
    transaction.on_commit(pending.flush)


class _PendingPurge:
    def __init__(self):
        self.keys: set[str] = set()

    def flush(self) -> None:
        keys, after = sorted(self.keys), replication_position()
        if not purge_at_once(keys, after=after):
            jobs.enqueue(edge_purge, keys, after=after)


# --- what each kind of row touches ------------------------------------------------------------------


def article_keys(article: Article) -> set[str]:
    """The keys a change of ``article`` touches (none while no reader can see it)."""
    if article.status not in VISIBLE:
        return set()
    found = {k.article(article.pk), k.story(article.translation_key), k.edition(article.language), k.SEARCH,
             k.SITEMAP, k.NAMES}
    # The lists of its tags, people and organizations, not those things themselves: another story's
    # page that shows the same tag's name stays kept.
    found |= {k.tag_list(pk) for pk in TaggedArticle.objects.filter(content_object=article).values_list("tag_id", flat=True)}
    for person, organization in Interviewee.objects.filter(article=article).values_list(
        "person_id", "affiliation__organization_id"
    ):
        found |= {k.person_list(person), k.organization_list(organization) if organization else ""}
    found |= {k.organization_list(pk) for pk in article.organizations.values_list("pk", flat=True)}
    found |= {k.works(pk) for pk in Byline.objects.filter(article=article, user__isnull=False)
              .values_list("user_id", flat=True)}
    found |= {k.section_list(pk) for pk in ArticleSection.objects.filter(article=article)
              .values_list("section_id", flat=True)}
    found |= {k.quotes(pk) for pk in Quote.objects.filter(article=article, confirmed=True)
              .values_list("person_id", flat=True)}
    return found - {""}


def _visible(article_id) -> bool:
    return Article.objects.filter(pk=article_id, status__in=VISIBLE).exists()


def _link_keys(link, *linked: str) -> set[str]:
    """A row linking something to an article: the article's key and the linked thing's, if readers
    can see the article."""
    if type(link).article.is_cached(link):  # saved with its article at hand (a form, article_save)
        visible = link.article.status in VISIBLE
    else:
        visible = _visible(link.article_id)
    return {k.article(link.article_id), *linked} if visible else set()


def _on_article(sender, instance, **kwargs):
    keys_changed(article_keys(instance))


def _on_byline(sender, instance, **kwargs):
    keys_changed(_link_keys(instance, k.works(instance.user_id) if instance.user_id else ""))


def _on_interviewee(sender, instance, **kwargs):
    """The person's list of stories, and the organization's of their affiliation (an organization's
    page and a search for its name list the stories of the people who spoke for it); as loaded too,
    when the link moved to someone else or to another affiliation."""
    people = {instance.person_id, getattr(instance, "loaded_person_id", None)} - {None}
    # The public names too: the first published story interviewing someone gives them a page.
    found = _link_keys(instance, k.NAMES, *(k.person_list(pk) for pk in people))
    affiliations = {instance.affiliation_id, getattr(instance, "loaded_affiliation_id", None)} - {None}
    if found and affiliations:
        found |= {k.organization_list(pk) for pk in apps.get_model("people.Affiliation").objects
                  .filter(pk__in=affiliations).values_list("organization_id", flat=True)}
    keys_changed(found)


def _on_quote(sender, instance, **kwargs):
    """The article's own page does not show its quotes: only the person's page (both people's,
    when a reporter gave the quote to someone else)."""
    if _visible(instance.article_id):
        before = getattr(instance, "loaded_person_id", None)
        keys_changed({k.quotes(instance.person_id), k.quotes(before) if before else ""})


def _on_correction(sender, instance, **kwargs):
    keys_changed(_link_keys(instance, k.CORRECTIONS))  # the story, and the corrections pages


def _on_article_relation(sender, instance, action, pk_set=None, model=None, **kwargs):
    """Tags and organizations added to or removed from an article (``m2m_changed``)."""
    if not action.startswith("post_") or not isinstance(instance, Article) or instance.status not in VISIBLE:
        return
    linked = k.tag_list if sender is TaggedArticle else k.organization_list
    keys_changed({k.article(instance.pk), k.NAMES, *(linked(pk) for pk in pk_set or ())})  # NAMES: see _on_interviewee


def _on_tag_link(sender, instance, **kwargs):
    """A tag link row saved or deleted on its own (not through the article's manager)."""
    if _visible(instance.content_object_id):
        keys_changed({k.article(instance.content_object_id), k.tag_list(instance.tag_id), k.NAMES})


# Live coverage (the ``live`` app, above the public site: named by label, never imported). Entries
# readers see or saw; a pending entry or a draft translation touches nothing.
LIVE_ENTRY_SHOWN = frozenset({"published", "withdrawn"})


def _on_live_entry(sender, instance, **kwargs):
    if instance.state in LIVE_ENTRY_SHOWN:
        keys_changed({k.live(instance.article_id)})


def _on_live_correction(sender, instance, **kwargs):
    entry = instance.entry
    if entry.state in LIVE_ENTRY_SHOWN:
        keys_changed({k.live(entry.article_id)})


def _on_named(key):
    def receiver(sender, instance, **kwargs):
        keys_changed({key(instance), k.NAMES})

    return receiver


def _on_user(sender, instance, update_fields=None, **kwargs):
    if update_fields is not None and not set(update_fields) & USER_FIELDS_SHOWN:
        return  # a login (last_login), a new password: nothing readers see
    keys_changed({k.author(instance.pk)})


def connect() -> None:
    """Connect the receivers (``PublicConfig.ready``)."""
    named = {
        "people.Person": lambda person: k.person(person.pk),
        "people.PersonName": lambda name: k.person(name.person_id),
        "people.Organization": lambda organization: k.organization(organization.pk),
        "people.OrganizationAlias": lambda alias: k.organization(alias.organization_id),
        "images.Image": lambda image: k.image(image.pk),
        "images.Rendition": lambda rendition: k.image(rendition.image_id),
    }
    receivers = {
        Article: _on_article,
        Byline: _on_byline,
        Interviewee: _on_interviewee,
        Correction: _on_correction,
        Quote: _on_quote,
        TaggedArticle: _on_tag_link,
        get_user_model(): _on_user,
        Tag: _on_named(lambda tag: k.tag(tag.pk)),
        TagSpelling: _on_named(lambda spelling: k.tag(spelling.tag_id)),
        **{apps.get_model(label): _on_named(key) for label, key in named.items()},
    }
    receivers[apps.get_model("people.Affiliation")] = _on_affiliation
    receivers |= {
        ArticleSection: _on_article_section,
        Section: lambda sender, instance, **kw: keys_changed({k.section(instance.pk), k.section_list(instance.pk),
                                                              k.SECTIONS}),
        MenuItem: lambda sender, instance, **kw: keys_changed({k.menu(instance.language)}),
        FrontLayout: lambda sender, instance, **kw: keys_changed({k.front(instance.language, instance.section_id)}),
        Slot: _on_layout_part,
        SectionBlock: _on_layout_part,
        BreakingNews: lambda sender, instance, **kw: keys_changed({k.breaking(instance.language)}),
        # A "Most read" list the last tally changed (readership.services.lists_refresh).
        MostRead: lambda sender, instance, **kw: keys_changed({k.most_read(instance.language, instance.section_id)}),
    }
    if apps.is_installed("live"):
        receivers[apps.get_model("live.LiveEntry")] = _on_live_entry
        receivers[apps.get_model("live.EntryCorrection")] = _on_live_correction
    for model, receiver in receivers.items():
        for name, signal in (("saved", post_save), ("deleted", post_delete)):
            # weak=False: the receivers made by _on_named live nowhere else.
            signal.connect(receiver, sender=model, weak=False, dispatch_uid=f"public-keys-{name}-{model._meta.label}")
    for through in (TaggedArticle, Article.organizations.through):
        m2m_changed.connect(_on_article_relation, sender=through, dispatch_uid=f"public-keys-m2m-{through._meta.label}")
    restored.connect(database_restored, dispatch_uid="public-keys-database-restored")


def _on_article_section(sender, instance, **kwargs):
    keys_changed(_link_keys(instance, k.section_list(instance.section_id)))


def _on_layout_part(sender, instance, **kwargs):
    """A slot or a section block: the front of its layout (read once: the layout is small)."""
    layout = FrontLayout.objects.filter(pk=instance.layout_id).values_list("language", "section_id").first()
    if layout is not None:
        keys_changed({k.front(*layout)})


def _on_affiliation(sender, instance, **kwargs):
    keys_changed({k.person(instance.person_id), k.organization(instance.organization_id)})


# --- embargoes lifting -----------------------------------------------------------------------------

EMBARGO_SWEEP_EVERY = timedelta(seconds=30)
EMBARGO_LOOKBACK = timedelta(hours=1)  # the first sweep (or one after a long stop) looks this far back


@task()
def embargoes_release() -> int:
    """Purge the pages of stories stored as published with a time that has now come (an embargo set
    outside the workflow, which would have scheduled them): no write marks that moment."""
    now = timezone.now()
    with transaction.atomic():
        clock, _ = KeyClock.objects.select_for_update().get_or_create(pk=1)
        since = clock.embargoes_released_until or now - EMBARGO_LOOKBACK
        released = Article.objects.filter(status=Article.Status.PUBLISHED, published_at__gt=since, published_at__lte=now)
        found = set()
        for article in released:
            found |= article_keys(article)
        keys_changed(found)
        KeyClock.objects.filter(pk=1).update(embargoes_released_until=now)
    return len(found)
