"""A person's assignments as an iCalendar feed (RFC 5545, written with the ``icalendar`` library):
one event per assignment, from the item's planned time (or an hour before its due time) to the due
time, in the time zone the person chose, with the zone's definition included."""

from __future__ import annotations

from datetime import timedelta

import icalendar
from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext

from planning.models import CalendarFeed
from planning.selectors import feed_assignments, zone_of


def feed_calendar(feed: CalendarFeed, *, language: str) -> bytes:
    zone = zone_of(feed.time_zone)
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Newsroom//Planning//EN")
    calendar.add("version", "2.0")
    with translation.override(language):
        calendar.add("x-wr-calname", gettext("My assignments"))
        calendar.add("x-wr-timezone", feed.time_zone)
        now = timezone.now()
        for assignment in feed_assignments(feed.user):
            item = assignment.item
            end = assignment.due_at.astimezone(zone)
            start = item.planned_at.astimezone(zone) if item.planned_at and item.planned_at < assignment.due_at else end - timedelta(hours=1)
            event = icalendar.Event()
            event.add("uid", f"planning-assignment-{assignment.pk}@{settings.SITE_URL.split('//')[-1]}")
            event.add("dtstamp", now)
            event.add("summary", f"{assignment.get_role_display()}: {item.slug_line}")
            event.add("dtstart", start)
            event.add("dtend", end)
            lines = [item.summary] if item.summary else []
            lines.append(gettext("State: %(state)s") % {"state": assignment.get_state_display()})
            if assignment.language:
                lines.append(gettext("Into %(language)s") % {"language": assignment.get_language_display()})
            event.add("description", "\n".join(lines))
            if item.place:
                event.add("location", item.place)
            event.add("status", "CONFIRMED" if assignment.state != "offered" else "TENTATIVE")
            calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
