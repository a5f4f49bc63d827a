"""E-mail of the translation tracking (the console backend prints them unless SMTP is configured).

Translators hear when a translation or a translation request is assigned to them, when a request is
cancelled, and when the source of their translation changes. Written inside the change's
transaction and sent by a background task once it commits (``desk.notifications.send``).
"""

from django.conf import settings
from django.urls import reverse

from desk.notifications import address_of, admin_url, person_name, send


def notify_translation_assigned(*, translation, actor) -> int:
    source = translation.translation_source
    return send(
        subject=f"Translation assigned to you: {source.headline}",
        lines=[f"{person_name(actor)} made a {translation.get_language_display()} draft of “{source.headline}” "
               "for you to translate.", "", admin_url(translation)],
        addresses=address_of(translation.translator, actor=actor),
    )


def notify_translation_requested(*, request) -> int:
    due = request.due_at.strftime("%Y-%m-%d %H:%M %Z")
    lines = [f"{person_name(request.requested_by)} asks you for a {request.get_language_display()} translation of "
             f"“{request.source.headline}”, due {due}."]
    if request.note:
        lines += ["", request.note]
    lines += ["", f"{settings.SITE_URL}{reverse('admin:articles_translationrequest_changelist')}?mine=1"]
    return send(subject=f"Translation requested: {request.source.headline}", lines=lines,
                addresses=address_of(request.translator, actor=request.requested_by))


def notify_translation_request_cancelled(*, request, actor) -> int:
    return send(
        subject=f"Translation request cancelled: {request.source.headline}",
        lines=[f"{person_name(actor)} cancelled the {request.get_language_display()} translation of "
               f"“{request.source.headline}”."],
        addresses=address_of(request.translator, actor=actor),
    )


def notify_translation_outdated(*, translation, actor, correction=None) -> int:
    """The source of ``translation`` changed (its text, or a new public correction)."""
    source = translation.translation_source
    what = (f"A public {correction.get_kind_display().lower()} was added to"
            if correction else f"{person_name(actor)} changed the text of")
    lines = [f"{what} “{source.headline}”, the source of your {translation.get_language_display()} "
             "translation. The translation page shows what changed; bring it up to date, then mark it so."]
    if correction:
        lines += ["", correction.text]
    lines += ["", admin_url(translation)]
    return send(subject=f"Source changed: {translation.headline}", lines=lines,
                addresses=address_of(translation.translator, actor=actor))
