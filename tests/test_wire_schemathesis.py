"""schemathesis against the content API, in process through its WSGI application: every operation
of the OpenAPI document, with generated parameters, answers without a server error, with a status
the document declares, and with a body its schema allows."""

import json

import pytest
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings

import schemathesis
from schemathesis import checks
from tests.wire_support import full_story, subscriber
from wire.api import api

pytestmark = pytest.mark.django_db

# The document as the API serves it (test_the_served_document_is_the_one_tested says so), read from
# the code: the request that serves it needs the test database, which collection does not have.
DOCUMENT = json.loads(json.dumps(api.get_openapi_schema(path_prefix="/api/v1/")))
SCHEMA = schemathesis.openapi.from_dict(DOCUMENT)
SCHEMA.app = get_wsgi_application()
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
]


@pytest.fixture
def key(db):
    """A key with room for every generated request; the requests run on the test's own connection
    (as Django's test client does: its WSGI handler would close it at the end of each request, and
    on PostgreSQL the test's transaction with it)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    cache.clear()
    full_story()
    found, key = subscriber(embargo=True)
    found.keys.update(per_minute=100_000)
    yield key
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_the_served_document_is_the_one_tested(client):
    assert client.get("/api/v1/openapi.json").json() == DOCUMENT


@SCHEMA.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_keeps_to_its_openapi_document(case, key):
    case.call_and_validate(headers={"Authorization": f"Bearer {key}"}, checks=CHECKS)
