"""E-mail of the translation tracking (the console backend prints them unless SMTP is configured).

Translators hear when a translation or a translation request is assigned to them, when a request is
cancelled, and when the source of their translation changes. Written inside the change's
transaction, each in its recipient's language (``desk.notifications.recipient_language``), and
sent by a background task once it commits (``desk.notifications.send``).
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation as translation_utils
from django.utils.translation import gettext

from desk.notifications import address_of, admin_url, person_name, recipient_language, send
from newsroom.languages import isolate


def notify_translation_assigned(*, translation, actor) -> int:
    source = translation.translation_source
    with translation_utils.override(recipient_language(translation.translator)):
        return send(
            subject=gettext("Translation assigned to you: %(headline)s") % {"headline": isolate(source.headline)},
            lines=[gettext("%(who)s made a %(language)s draft of “%(headline)s” for you to translate.") % {
                "who": person_name(actor), "language": translation.get_language_display(),
                "headline": isolate(source.headline),
            }, "", admin_url(translation)],
            addresses=address_of(translation.translator, actor=actor),
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
        lines += ["", f"{settings.SITE_URL}{reverse('admin:articles_translationrequest_changelist')}?mine=1"]
        return send(subject=gettext("Translation requested: %(headline)s") % {"headline": isolate(request.source.headline)},
                    lines=lines, addresses=address_of(request.translator, actor=request.requested_by))


def notify_translation_request_cancelled(*, request, actor) -> int:
    with translation_utils.override(recipient_language(request.translator)):
        return send(
            subject=gettext("Translation request cancelled: %(headline)s") % {"headline": isolate(request.source.headline)},
            lines=[gettext("%(who)s cancelled the %(language)s translation of “%(headline)s”.") % {
                "who": person_name(actor), "language": request.get_language_display(),
                "headline": isolate(request.source.headline),
            }],
            addresses=address_of(request.translator, actor=actor),
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
        lines += ["", admin_url(translation)]
        return send(subject=gettext("Source changed: %(headline)s") % {"headline": isolate(translation.headline)},
                    lines=lines, addresses=address_of(translation.translator, actor=actor))
