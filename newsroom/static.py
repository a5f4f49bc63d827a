"""Static files with hashed names, whether or not they were collected.

``StaticStorage`` is WhiteNoise's compressed manifest storage (``css/site.4f2a9c1e.css``, gzip and
Brotli copies, served with ``Cache-Control: max-age=315360000, public, immutable``), always: so
``collectstatic`` on a fresh checkout writes the manifest (Django only makes one with a manifest
storage, and the project used to choose that storage only once a manifest existed, so it never
did). Before ``collectstatic`` (development, the tests) a file the manifest does not name keeps its
plain name, and WhiteNoise serves it from the source folders (``WHITENOISE_USE_FINDERS``).
"""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    manifest_strict = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._plain: set[str] = set()  # names the manifest lacks, looked up once

    def stored_name(self, name):
        if name in self._plain:
            return name
        try:
            return super().stored_name(name)
        except ValueError:  # not collected yet: neither in the manifest nor in STATIC_ROOT
            self._plain.add(name)
            return name
