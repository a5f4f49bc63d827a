"""``POST /r/<id>/``: the reading beacon (``static/js/read.js``, sent once a story's page is shown).

Cheap on purpose: no session is read, no cookie set, no CSRF token asked (a beacon carries none, and
a forged reading is worth as little as a robot's), no page cache; the rate limit counts in the cache
(``security.ratelimit``, no query) and the reading is one insert (``readership.services.hit_record``).
It always answers an empty 204 (429 over the limit), never an error page: the reader never sees it.
"""

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from newsroom.throttle import client_ip
from readership import services
from security.ratelimit import retry_after

MAX_ID = 2**31 - 1  # no story has a larger id (and the column takes none)


@csrf_exempt
@never_cache
@require_POST
def read_beacon(request, pk: int):
    if retry_after("read", request) is not None:
        return HttpResponse(status=429)
    if pk > MAX_ID:
        return HttpResponse(status=204)
    try:
        services.hit_record(
            article_pk=pk,
            address=client_ip(request),
            user_agent=request.headers.get("User-Agent", ""),
            headers=request.headers,
            staff=settings.SESSION_COOKIE_NAME in request.COOKIES,
        )
    except DatabaseError:
        pass  # a database that takes no writes (read-only, down): the reading is simply not counted
    return HttpResponse(status=204)
