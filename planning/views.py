"""The one planning address outside the admin: a person's iCalendar feed, at a secret address (no
sign-in: a phone's calendar cannot sign in; resetting the address in "My calendar" cuts off the old
one). Never cached, never indexed."""

from django.http import Http404, HttpResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from inbox.services import recipient_language
from planning.ical import feed_calendar
from planning.models import CalendarFeed


@require_GET
def ical_feed(request, key: str):
    feed = CalendarFeed.objects.select_related("user").filter(key=key, user__is_active=True, user__is_staff=True).first()
    if feed is None:
        raise Http404
    response = HttpResponse(feed_calendar(feed, language=recipient_language(feed.user)),
                            content_type="text/calendar; charset=utf-8")
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response
