"""Media on S3-compatible object storage (docs/IMAGES.md), end to end against a real S3 API: moto's
server on a local port stands in for AWS, MinIO or R2. An upload and its renditions land in the
bucket with the caching headers the settings promise, the pages point at the bucket, and the
addresses they print serve the pictures' bytes."""

import json
import socket
import urllib.request

import pytest
from django.core.files.storage import default_storage

from tests.factories import ImageFactory, PublishedArticleFactory

boto3 = pytest.importorskip("boto3")
moto_server = pytest.importorskip("moto.server")

BUCKET = "newsroom-media"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    port = _free_port()
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def s3_media(settings, s3_endpoint):
    """The project's settings as MEDIA_STORAGE_BACKEND=storages.backends.s3.S3Storage makes them."""
    client = boto3.client(
        "s3", endpoint_url=s3_endpoint, region_name="us-east-1",
        aws_access_key_id="test", aws_secret_access_key="test",
    )
    client.create_bucket(Bucket=BUCKET)
    # What docs/IMAGES.md asks of a bucket: the objects (published pictures) readable by anyone.
    client.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
                       "Resource": f"arn:aws:s3:::{BUCKET}/*"}],
    }))
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_endpoint,
                "region_name": "us-east-1",
                "access_key": "test",
                "secret_key": "test",
                "querystring_auth": False,
                "file_overwrite": False,
                "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
            },
        },
    }
    yield client
    keys = [item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])]
    for key in keys:
        client.delete_object(Bucket=BUCKET, Key=key)
    client.delete_bucket(Bucket=BUCKET)


def test_the_settings_build_an_s3_storage_from_the_environment(monkeypatch):
    """MEDIA_STORAGE_BACKEND and the S3_* variables become the default storage's options."""
    import importlib

    from newsroom import settings as project_settings

    monkeypatch.setenv("MEDIA_STORAGE_BACKEND", "storages.backends.s3.S3Storage")
    monkeypatch.setenv("S3_BUCKET", BUCKET)
    monkeypatch.setenv("S3_ENDPOINT_URL", "https://s3.example.net")
    monkeypatch.setenv("S3_CUSTOM_DOMAIN", "media.news.example.org")
    try:
        fresh = importlib.reload(project_settings)
        options = fresh.STORAGES["default"]["OPTIONS"]
        assert fresh.STORAGES["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
        assert options["bucket_name"] == BUCKET and options["endpoint_url"] == "https://s3.example.net"
        assert options["file_overwrite"] is False and options["querystring_auth"] is False
        assert "https://media.news.example.org" in fresh.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"]
    finally:
        monkeypatch.undo()
        importlib.reload(project_settings)


@pytest.mark.django_db
def test_an_upload_and_its_renditions_are_stored_in_the_bucket_and_served_from_it(s3_media, client):
    image = ImageFactory(alt_text="Rescue workers in Jindires")
    assert image.renditions.exists()

    stored = {item["Key"] for item in s3_media.list_objects_v2(Bucket=BUCKET)["Contents"]}
    names = {image.file.name, *image.renditions.values_list("file", flat=True)}
    assert names <= stored, names - stored
    assert len(names) >= 4  # the original and at least three renditions

    head = s3_media.head_object(Bucket=BUCKET, Key=image.renditions.first().file.name)
    assert head["CacheControl"] == "public, max-age=31536000, immutable"

    # The public page points at the bucket, and the address it prints answers with the picture.
    article = PublishedArticleFactory(lead_image=image)
    html = client.get(article.get_absolute_url()).content.decode()
    url = default_storage.url(image.renditions.filter(format="webp").first().file.name)
    assert url.startswith(s3_media.meta.endpoint_url) and url in html
    with urllib.request.urlopen(url, timeout=10) as answer:  # noqa: S310 (the local stand-in)
        body = answer.read()
    assert body[:4] == b"RIFF" and body[8:12] == b"WEBP"


@pytest.mark.django_db
def test_deleting_an_image_deletes_its_files_from_the_bucket(s3_media, django_capture_on_commit_callbacks):
    from images.services import image_delete

    image = ImageFactory()
    assert s3_media.list_objects_v2(Bucket=BUCKET)["KeyCount"] > 0
    with django_capture_on_commit_callbacks(execute=True):
        image_delete(image=image)
    assert s3_media.list_objects_v2(Bucket=BUCKET)["KeyCount"] == 0
