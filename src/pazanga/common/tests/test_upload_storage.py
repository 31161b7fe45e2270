"""Every stored upload gets a random name from its content's kind, and `/media/` is never
served directly: files leave only through views that check who asks."""

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models

from pazanga.common.uploads import RandomName, as_upload, sniff


def file_fields():  # type: ignore[no-untyped-def]
    return [
        (model._meta.label, field.name, field)
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField) and model.__module__.startswith("pazanga.")
    ]


def test_there_are_upload_fields_to_check():
    assert len(file_fields()) >= 5


@pytest.mark.parametrize(("label", "name", "field"), file_fields(), ids=str)
def test_every_upload_field_stores_under_a_random_name(label, name, field):
    assert isinstance(field.upload_to, RandomName), f"{label}.{name}"


@pytest.mark.django_db
def test_media_is_not_served_at_its_url(client, tmp_path):
    settings.MEDIA_ROOT  # noqa: B018 (whatever it is, nothing under MEDIA_URL answers)
    assert client.get(f"{settings.MEDIA_URL}grants/attachments/2014/05/x.pdf").status_code == 404
    assert client.get(f"/lt{settings.MEDIA_URL}x.pdf").status_code == 404


def test_a_name_follows_the_content_not_the_uploader():
    class Row:
        kind = ""
        file = None

    namer = RandomName("test")
    first, second = namer(Row(), "a.html"), namer(Row(), "a.html")
    assert first != second and first.endswith(".bin") and "a.html" not in first
    assert sniff(as_upload(b"%PDF-1.4\n")) == "pdf"
