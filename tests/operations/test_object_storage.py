"""Media on S3-compatible object storage: with MEDIA_STORAGE=s3, uploaded originals (under
originals/, which the bucket's policy keeps private) and their renditions live in the bucket,
pages and feeds link to the bucket, and nothing lands in MEDIA_ROOT.

The store is moto's S3 server on loopback (one per session); each test gets a bucket of its own
and the media settings newsroom/settings.py makes from the AWS_* variables.
"""

import json
import sys
import urllib.error
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

from articles.images import renditions
from articles.models import Image as ImageRecord

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
    # Readers fetch renditions straight from the bucket, so its policy lets anyone read them,
    # and nothing else (as docs/operations/several-machines.md asks of a production bucket).
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
    settings.STORAGES = {
        **settings.STORAGES,
        "default": configured["STORAGES"]["default"],
        "originals": configured["STORAGES"]["originals"],
    }
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
                "Resource": f"arn:aws:s3:::{bucket_name}/renditions/*",
            }
        ],
    }


def _photo(name="front-line.jpg", colour=(200, 30, 30)):
    buffer = BytesIO()
    Image.new("RGB", (1600, 900), colour).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def _upload(run_worker, editor_client, change_url, edit_post, article, photo):
    """Upload `photo` to the library, make its renditions (the worker's job), and choose it as
    the story's lead image through the article form; returns the library image."""
    form = {"title": photo.name, "alt_text": "Smoke over the power station", "upload": photo}
    form |= {"focal_x": "0.5", "focal_y": "0.5"}
    response = editor_client.post("/admin/articles/image/add/", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    image = ImageRecord.objects.latest("pk")
    run_worker()
    response = editor_client.post(change_url(article), edit_post(article, lead_image=image.pk))
    assert response.status_code == 302, response.content.decode()[:2000]
    return ImageRecord.objects.get(pk=image.pk)


def _fetch(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.headers["Content-Type"], response.read()


def test_it_keeps_originals_privately_and_renditions_publicly_in_the_bucket(
    bucket, run_worker, settings, editor_client, change_url, edit_post, published
):
    image = _upload(run_worker, editor_client, change_url, edit_post, published, _photo())

    names = {record["name"] for record in image.renditions["files"]}
    original = "originals/" + image.file.name
    assert bucket.keys() == sorted([original, *names])
    for record in renditions.files(image, "wide", "image/webp"):
        content_type, body = _fetch(bucket.url + record["name"])
        assert content_type == "image/webp"
        assert Image.open(BytesIO(body)).size == (record["width"], record["height"])
    with pytest.raises(urllib.error.HTTPError) as refused:
        _fetch(bucket.url + original)
    refused.value.close()
    assert refused.value.code == 403
    assert not Path(settings.MEDIA_ROOT).exists()


def test_it_links_the_story_page_and_the_feed_to_the_pictures_in_the_bucket(
    bucket, run_worker, client, editor_client, change_url, edit_post, published
):
    image = _upload(run_worker, editor_client, change_url, edit_post, published, _photo())

    page = client.get(published.get_absolute_url())
    html = page.content.decode()
    lead = renditions.best(image, "wide", 640)
    assert f'src="{bucket.url}{lead["name"]}"' in html
    webp = renditions.files(image, "wide", "image/webp")
    assert f"{bucket.url}{webp[0]['name']} 320w" in html
    assert Image.open(BytesIO(_fetch(bucket.url + lead["name"])[1])).size == (640, 360)
    # The browser may load them: the bucket's origin is among the page's image sources.
    image_sources = next(
        directive.split()[1:]
        for directive in page["Content-Security-Policy"].split(";")
        if directive.split()[0] == "img-src"
    )
    assert bucket.origin in image_sources

    feed = ElementTree.fromstring(client.get("/feeds/latest/rss/").content)
    enclosure = feed.find("channel/item/enclosure")
    assert enclosure.get("url") == bucket.url + renditions.best(image, "wide", 1024)["name"]
    content_type, body = _fetch(enclosure.get("url"))
    assert (content_type, str(len(body))) == ("image/jpeg", enclosure.get("length"))


def test_it_gives_a_second_picture_of_the_same_name_renditions_of_its_own(
    bucket, run_worker, editor_client, change_url, edit_post, make_article
):
    first, second = make_article(), make_article()
    red = _upload(
        run_worker, editor_client, change_url, edit_post, first, _photo("photo.jpg", (200, 0, 0))
    )
    blue = _upload(
        run_worker, editor_client, change_url, edit_post, second, _photo("photo.jpg", (0, 0, 200))
    )

    assert red.file.name != blue.file.name
    # The first story still shows its own (red) picture.
    _, body = _fetch(bucket.url + renditions.best(red, "wide", 640)["name"])
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


def test_it_replaces_renditions_in_the_bucket_when_the_focal_point_moves(
    bucket, run_worker, editor_client, change_url, edit_post, published
):
    image = _upload(run_worker, editor_client, change_url, edit_post, published, _photo())
    before = set(bucket.keys())

    image.focal_x = 0.1
    image.save()
    renditions.render(image)

    after = set(bucket.keys())
    assert len(after) == len(before) and "originals/" + image.file.name in after
    assert (after - before) == {record["name"] for record in image.renditions["files"]}
