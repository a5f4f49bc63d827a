import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
application = get_wsgi_application()

# What loading made (modules, settings, URL patterns, admin registrations) lives as long as the
# process. Frozen, the garbage collector's full collections no longer walk it in the middle of a
# request: they took up to 90 ms on a feed or sitemap, the pages' slowest 1 % (docs/PERFORMANCE.md).
gc.freeze()
