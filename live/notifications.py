"""Who hears about a live entry: editors when a reporter's entry waits for approval, the reporter
when it is approved. An item in their inbox (and an e-mail for those who keep it on), written in
each recipient's language (``inbox.services.inbox_notify``); whoever took the step is not told."""

from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from desk.notifications import by_language, editors
from inbox.services import inbox_notify
from live.models import LiveEntry
from newsroom.languages import isolate

ENTRY_SUBMITTED = "live_submitted"
ENTRY_APPROVED = "live_approved"
SUBMITTED_TITLE = _("A live entry waits for approval: {headline}")
APPROVED_TITLE = _("Your live entry is published: {headline}")


def _text(entry: LiveEntry) -> str:
    return " ".join(strip_tags(entry.body).split())[:500]


def entry_submitted_notify(*, entry: LiveEntry) -> int:
    """Editors are told that a reporter's entry waits in the approval queue."""
    told = 0
    for language, users in by_language(list(editors().order_by("pk"))).items():
        with translation.override(language):
            told += inbox_notify(
                recipients=users, kind=ENTRY_SUBMITTED, actor=entry.author,
                title=str(SUBMITTED_TITLE).format(headline=isolate(entry.article.headline)),
                body=_text(entry), url=reverse("admin:live_queue"),
            )
    return told


def entry_approved_notify(*, entry: LiveEntry, actor) -> int:
    """The reporter is told that their entry is published."""
    if entry.author is None:
        return 0
    told = 0
    for language, users in by_language([entry.author]).items():
        with translation.override(language):
            told += inbox_notify(
                recipients=users, kind=ENTRY_APPROVED, actor=actor,
                title=str(APPROVED_TITLE).format(headline=isolate(entry.article.headline)),
                body=_text(entry), url=reverse("admin:live_desk", args=[entry.article_id]),
            )
    return told
