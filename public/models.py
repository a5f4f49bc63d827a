"""The versions of the surrogate keys (``public.keys``): what the server's page cache checks.

A kept page remembers the version of each key it carries; a change moves the versions of the keys it
touches on (``public.invalidation.keys_changed``), in the same transaction as the change, so a page
is served from the cache only while nothing it shows has changed. The versions are numbers from one
clock (``KeyClock``), so that a page built while a change committed can tell (``public.caching``).
"""

from django.db import models


class KeyClock(models.Model):
    """One row: the last version given out. Moved on (and so locked) by each change readers see."""

    value = models.BigIntegerField(default=0)
    embargoes_released_until = models.DateTimeField(
        null=True, blank=True, help_text="Stories whose embargo lifted before this time have been purged."
    )

    class Meta:
        verbose_name = "surrogate key clock"

    def __str__(self):
        return f"Surrogate key clock at {self.value}"


class PageKey(models.Model):
    """A surrogate key and the clock's value when something it names last changed."""

    key = models.CharField(max_length=64, primary_key=True)
    version = models.BigIntegerField()

    class Meta:
        verbose_name = "surrogate key"

    def __str__(self):
        return f"{self.key} @ {self.version}"
