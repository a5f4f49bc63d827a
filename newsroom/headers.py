"""Browser-side defences sent with every response: Content-Security-Policy and Permissions-Policy.

The policy itself is ``settings.CONTENT_SECURITY_POLICY`` (django-csp). Public pages get it as it
is: scripts, styles, fonts and pictures only from this site (plus ``CSP_MEDIA_ORIGINS``), no inline
script, no inline style, no plugins, no ``<base>``, not framed.

The admin gets the same policy with two additions, both for django-prose-editor (the body editor):

* its ``<script type="importmap">`` is inline, so ``script-src`` lists the SHA-256 of that exact
  import map, computed here from the editor's own media (never from the page). No other inline
  script may run in the admin either.
* Tiptap, the editor's core, injects one ``<style>`` element with the ProseMirror base rules
  (``white-space: break-spaces`` and friends). Blocked, the editor turns every typed space into a
  non-breaking one. So ``style-src`` lists the SHA-256 of that one stylesheet
  (``PROSE_EDITOR_STYLE_HASHES``, for the pinned django-prose-editor 0.28.0). After an upgrade of
  the editor the browser test ``test_admin_editor_runs_under_the_admin_policy`` fails with the new
  hash in Chromium's message until it is written here.

Nothing in the admin gets ``'unsafe-inline'``.

docs/SECURITY.md explains the policy; The middleware is ``newsroom.middleware.SecurityHeadersMiddleware``; tests/test_security_settings.py
and the browser tests check it.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import cache

from django.urls import reverse
from django_prose_editor.widgets import prose_editor_admin_media, prose_editor_media

PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
    "payment=(), usb=(), interest-cohort=(), browsing-topics=()"
)

# The stylesheet Tiptap injects (django-prose-editor 0.28.0); see the module docstring.
PROSE_EDITOR_STYLE_HASHES = ("'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='",)

_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\ssrc=)[^>]*>(.+?)</script>", re.S)


@cache
def admin_script_hashes() -> tuple[str, ...]:
    """CSP hashes of the inline scripts the admin's own widgets render: the editor's import map."""
    media = prose_editor_media(base=prose_editor_admin_media, preset="configurable")
    hashes = []
    for inline in _INLINE_SCRIPT.findall(str(media)):
        digest = hashlib.sha256(inline.encode("utf-8")).digest()
        hashes.append(f"'sha256-{base64.b64encode(digest).decode('ascii')}'")
    return tuple(hashes)


@cache
def admin_prefix() -> str:
    return reverse("admin:index")


def is_admin(request) -> bool:
    return request.path_info.startswith(admin_prefix())


def admin_policy_update(request) -> dict | None:
    """What the admin adds to the policy (the editor's import map and stylesheet), None elsewhere."""
    if not is_admin(request):
        return None
    return {"script-src": list(admin_script_hashes()), "style-src": list(PROSE_EDITOR_STYLE_HASHES)}
