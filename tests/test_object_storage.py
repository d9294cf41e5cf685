"""Media on S3-compatible object storage: with MEDIA_STORAGE=s3, uploads and their renditions
live in the bucket, pages and feeds link to the bucket, and nothing lands in MEDIA_ROOT.

The store is moto's S3 server on loopback (one per session); each test gets a bucket of its own
and the media settings newsroom/settings.py makes from the AWS_* variables.
"""

import json
import sys
import urllib.request
from io import BytesIO
from pathlib import Path
from types import SimpleNamespace
from uuid import uuid4
from xml.etree import ElementTree

import boto3
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from articles.models import Article
from articles.renditions import FORMATS, RENDITIONS, make_renditions, rendition_name

MOTO_SERVER = Path(sys.executable).with_name("moto_server")


@pytest.fixture(scope="session")
def s3_endpoint(run_server, tmp_path_factory):
    """The address of one moto S3 server on a free loopback port, for the whole session."""
    log = tmp_path_factory.mktemp("moto") / "moto.log"
    command = [str(MOTO_SERVER), "--host", "127.0.0.1", "--port", "0"]
    with run_server(command, ready=r"Running on (http://127\.0\.0\.1:\d+)", log=log) as address:
        yield address


@pytest.fixture
def bucket(s3_endpoint, settings, settings_from_environment):
    """A new, empty bucket, with media stored in it as the environment below configures."""
    name = f"newsroom-media-{uuid4().hex[:12]}"
    credentials = {"AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test"}
    s3 = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="us-east-1",
        aws_access_key_id=credentials["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=credentials["AWS_SECRET_ACCESS_KEY"],
    )
    s3.create_bucket(Bucket=name)
    # Readers fetch pictures straight from the bucket, so its policy lets anyone read them
    # (as the README asks of a production bucket).
    s3.put_bucket_policy(Bucket=name, Policy=json.dumps(_public_read(name)))
    public_address = f"{s3_endpoint}/{name}/"
    configured = settings_from_environment(
        MEDIA_STORAGE="s3",
        AWS_STORAGE_BUCKET_NAME=name,
        AWS_S3_ENDPOINT_URL=s3_endpoint,
        AWS_S3_REGION_NAME="us-east-1",
        MEDIA_URL=public_address,
        **credentials,
    )
    settings.STORAGES = {**settings.STORAGES, "default": configured["STORAGES"]["default"]}
    settings.MEDIA_URL = configured["MEDIA_URL"]
    settings.SECURE_CSP = configured["SECURE_CSP"]

    def keys():
        listing = s3.list_objects_v2(Bucket=name)
        return sorted(entry["Key"] for entry in listing.get("Contents", []))

    return SimpleNamespace(url=public_address, origin=s3_endpoint, keys=keys)


def _public_read(bucket_name):
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{bucket_name}/*",
            }
        ],
    }


def _photo(name="front-line.jpg", colour=(200, 30, 30)):
    buffer = BytesIO()
    Image.new("RGB", (1600, 900), colour).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def _upload(editor_client, change_url, edit_post, article, photo):
    """Attach `photo` as the lead image through the article's admin change form."""
    data = edit_post(article, lead_image=photo, lead_image_alt="Smoke over the power station")
    response = editor_client.post(change_url(article), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return Article.objects.get(pk=article.pk).lead_image.name


def _fetch(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.headers["Content-Type"], response.read()


def test_it_keeps_an_uploaded_lead_image_and_its_renditions_in_the_bucket(
    bucket, settings, editor_client, change_url, edit_post, published
):
    original = _upload(editor_client, change_url, edit_post, published, _photo())

    renditions = [rendition_name(original, name, fmt) for name in RENDITIONS for fmt in FORMATS]
    assert original.startswith("lead/")
    assert bucket.keys() == sorted([original, *renditions])
    for name, size in RENDITIONS.items():
        content_type, body = _fetch(bucket.url + rendition_name(original, name, "webp"))
        assert (content_type, Image.open(BytesIO(body)).size) == ("image/webp", size)
    assert not Path(settings.MEDIA_ROOT).exists()


def test_it_links_the_story_page_and_the_feed_to_the_pictures_in_the_bucket(
    bucket, client, editor_client, change_url, edit_post, published
):
    original = _upload(editor_client, change_url, edit_post, published, _photo())

    page = client.get(published.get_absolute_url())
    html = page.content.decode()
    lead = bucket.url + rendition_name(original, "lead", "jpg")
    assert f'src="{lead}"' in html
    assert f'srcset="{bucket.url}{rendition_name(original, "lead", "webp")}"' in html
    assert Image.open(BytesIO(_fetch(lead)[1])).size == RENDITIONS["lead"]
    # The browser may load them: the bucket's origin is among the page's image sources.
    image_sources = next(
        directive.split()[1:]
        for directive in page["Content-Security-Policy"].split(";")
        if directive.split()[0] == "img-src"
    )
    assert bucket.origin in image_sources

    feed = ElementTree.fromstring(client.get("/feeds/latest/rss/").content)
    enclosure = feed.find("channel/item/enclosure")
    assert enclosure.get("url") == bucket.url + rendition_name(original, "card", "jpg")
    assert _fetch(enclosure.get("url"))[0] == "image/jpeg"


def test_it_gives_a_second_picture_of_the_same_name_a_name_of_its_own(
    bucket, editor_client, change_url, edit_post, make_article
):
    first, second = make_article(), make_article()
    red = _upload(editor_client, change_url, edit_post, first, _photo("photo.jpg", (200, 0, 0)))
    blue = _upload(editor_client, change_url, edit_post, second, _photo("photo.jpg", (0, 0, 200)))

    assert red != blue
    # The first story still shows its own (red) picture.
    _, body = _fetch(bucket.url + rendition_name(red, "card", "jpg"))
    assert Image.open(BytesIO(body)).getpixel((320, 180))[0] > 150


def test_it_refuses_object_storage_without_a_bucket_or_a_public_address(
    settings_from_environment,
):
    complete = {
        "MEDIA_STORAGE": "s3",
        "AWS_STORAGE_BUCKET_NAME": "newsroom-media",
        "MEDIA_URL": "https://media.example.org/",
    }
    options = settings_from_environment(**complete)["STORAGES"]["default"]["OPTIONS"]
    assert (options["url_protocol"], options["custom_domain"]) == ("https:", "media.example.org")

    with pytest.raises(ImproperlyConfigured, match="AWS_STORAGE_BUCKET_NAME"):
        settings_from_environment(**{**complete, "AWS_STORAGE_BUCKET_NAME": None})
    with pytest.raises(ImproperlyConfigured, match="MEDIA_URL"):
        settings_from_environment(**{**complete, "MEDIA_URL": "/media/"})
    with pytest.raises(ImproperlyConfigured, match="MEDIA_STORAGE"):
        settings_from_environment(**{**complete, "MEDIA_STORAGE": "ftp"})


def test_it_keeps_media_on_disk_unless_told_otherwise(settings_from_environment):
    configured = settings_from_environment(MEDIA_STORAGE=None, MEDIA_URL=None)
    assert configured["STORAGES"]["default"] == {
        "BACKEND": "django.core.files.storage.FileSystemStorage"
    }
    assert configured["SECURE_CSP"]["img-src"] == ["'self'", "data:"]


def test_it_redraws_renditions_in_place_in_the_bucket(
    bucket, editor_client, change_url, edit_post, published
):
    original = _upload(editor_client, change_url, edit_post, published, _photo())
    stored = bucket.keys()

    redrawn = make_renditions(Article.objects.get(pk=published.pk).lead_image, overwrite=True)

    assert len(redrawn) == len(RENDITIONS) * len(FORMATS)
    assert bucket.keys() == stored
    assert set(redrawn) < set(stored) and original in stored
