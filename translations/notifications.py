"""Who hears about the translation tracking: an item in the translator's inbox and, if they keep it
on, an e-mail (``inbox.services.inbox_notify``).

Translators hear when a translation or a translation request is assigned to them, when a request is
cancelled, and when the source of their translation changes. Written inside the change's
transaction, each in its recipient's language, and e-mailed by a background task once it commits;
the person who caused it is not told.
"""

from django.urls import reverse
from django.utils import translation as translation_utils
from django.utils.translation import gettext

from desk.notifications import admin_path, person_name
from inbox import services as inbox
from inbox.services import inbox_notify, recipient_language
from newsroom.languages import isolate


def notify_translation_assigned(*, translation, actor) -> int:
    source = translation.translation_source
    with translation_utils.override(recipient_language(translation.translator)):
        return inbox_notify(
            recipients=[translation.translator], kind=inbox.TRANSLATION_ASSIGNED, actor=actor,
            title=gettext("Translation assigned to you: %(headline)s") % {"headline": isolate(source.headline)},
            body=gettext("%(who)s made a %(language)s draft of “%(headline)s” for you to translate.") % {
                "who": person_name(actor), "language": translation.get_language_display(),
                "headline": isolate(source.headline),
            },
            url=admin_path(translation),
        )


def notify_translation_requested(*, request) -> int:
    due = request.due_at.strftime("%Y-%m-%d %H:%M %Z")
    with translation_utils.override(recipient_language(request.translator)):
        lines = [gettext("%(who)s asks you for a %(language)s translation of “%(headline)s”, due %(due)s.") % {
            "who": person_name(request.requested_by), "language": request.get_language_display(),
            "headline": isolate(request.source.headline), "due": isolate(due),
        }]
        if request.note:
            lines += ["", request.note]
        return inbox_notify(
            recipients=[request.translator], kind=inbox.TRANSLATION_REQUESTED, actor=request.requested_by,
            title=gettext("Translation requested: %(headline)s") % {"headline": isolate(request.source.headline)},
            body="\n".join(lines), url=reverse("admin:articles_translationrequest_changelist") + "?mine=1",
        )


def notify_translation_request_cancelled(*, request, actor) -> int:
    with translation_utils.override(recipient_language(request.translator)):
        return inbox_notify(
            recipients=[request.translator], kind=inbox.TRANSLATION_CANCELLED, actor=actor,
            title=gettext("Translation request cancelled: %(headline)s") % {"headline": isolate(request.source.headline)},
            body=gettext("%(who)s cancelled the %(language)s translation of “%(headline)s”.") % {
                "who": person_name(actor), "language": request.get_language_display(),
                "headline": isolate(request.source.headline),
            },
        )


def notify_translation_outdated(*, translation, actor, correction=None) -> int:
    """The source of ``translation`` changed (its text, or a new public correction)."""
    source = translation.translation_source
    with translation_utils.override(recipient_language(translation.translator)):
        values = {"who": person_name(actor), "headline": isolate(source.headline),
                  "language": translation.get_language_display()}
        if correction is None:
            text = gettext("%(who)s changed the text of “%(headline)s”, the source of your %(language)s translation. "
                           "The translation page shows what changed; bring it up to date, then mark it so.")
        elif correction.kind == correction.Kind.UPDATE:
            text = gettext("A public update was added to “%(headline)s”, the source of your %(language)s translation. "
                           "The translation page shows what changed; bring it up to date, then mark it so.")
        else:
            text = gettext("A public correction was added to “%(headline)s”, the source of your %(language)s "
                           "translation. The translation page shows what changed; bring it up to date, then mark it so.")
        lines = [text % values]
        if correction:
            lines += ["", correction.text]
        return inbox_notify(
            recipients=[translation.translator], kind=inbox.SOURCE_CHANGED, actor=actor,
            title=gettext("Source changed: %(headline)s") % {"headline": isolate(translation.headline)},
            body="\n".join(lines), url=admin_path(translation),
        )
