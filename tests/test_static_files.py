"""Static files: hashed names once collected (on a fresh checkout too), kept a year by browsers and
edges, compressed with Brotli and gzip, answered before any middleware that does not concern them."""

import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.template import engines
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext


@pytest.fixture(scope="module")
def collected_root(tmp_path_factory):
    """``collectstatic`` into an empty folder, as on a fresh checkout (once: compressing every file
    takes a while)."""
    root = tmp_path_factory.mktemp("static")
    with override_settings(STATIC_ROOT=root):
        call_command("collectstatic", "--noinput", verbosity=0)
    return root


@pytest.fixture
def collected(collected_root, settings):
    """The site serving the collected files."""
    settings.STATIC_ROOT = collected_root
    settings.WHITENOISE_USE_FINDERS = False
    return collected_root


def test_collectstatic_on_a_fresh_checkout_writes_the_manifest_and_pages_link_hashed_names(collected):
    assert (collected / "staticfiles.json").exists()
    link = engines["django"].from_string("{% load static %}{% static 'css/site.css' %}").render({})
    assert re.fullmatch(r"/static/css/site\.[0-9a-f]{12}\.css", link), link


@pytest.mark.django_db
def test_a_hashed_file_is_kept_a_year_and_sent_compressed_without_touching_the_database(collected):
    link = engines["django"].from_string("{% load static %}{% static 'css/site.css' %}").render({})
    client = Client()  # made after the files were collected: WhiteNoise reads the folder when it starts
    with CaptureQueriesContext(connection) as queries:
        response = client.get(link, headers={"accept-encoding": "br, gzip"})
    assert response.status_code == 200 and len(queries) == 0
    assert "immutable" in response["Cache-Control"] and "max-age=315360000" in response["Cache-Control"]
    assert response["Content-Encoding"] == "br"
    gzipped = client.get(link, headers={"accept-encoding": "gzip"})
    assert gzipped["Content-Encoding"] == "gzip"


def test_before_collectstatic_the_plain_names_are_used(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "nothing-collected"
    link = engines["django"].from_string("{% load static %}{% static 'css/site.css' %}").render({})
    assert link == "/static/css/site.css"
