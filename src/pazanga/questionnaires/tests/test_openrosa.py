"""ODK Collect against the OpenRosa APIs, with requests built as Collect builds them:
`X-OpenRosa-Version: 1.0` and a `Date` on every request, the Form List, the XForm, a
HEAD before submitting, then a multipart POST of `xml_submission_file` and the media."""

import pytest
from defusedxml import ElementTree
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from pazanga.common.audit import AuditEntry
from pazanga.questionnaires.enums import QuestionnaireStatus, ResponseStatus
from pazanga.questionnaires.models import Response, UploadedAnswerFile
from pazanga.questionnaires.openrosa.keys import issue_key, revoke_key
from pazanga.questionnaires.tests.test_file_questions import png_bytes
from pazanga.questionnaires.workflow import transition

LIST = "{http://openrosa.org/xforms/xformsList}"
HEADERS = {"HTTP_X_OPENROSA_VERSION": "1.0", "HTTP_DATE": "Tue, 25 Feb 2014 09:00:00 GMT"}


def address(name, key, *args, language="en"):
    with translation.override(language):
        return reverse(f"questionnaires:openrosa_{name}", args=[key, *args])


@pytest.fixture
def key(programme, librarian_a, staff_member):
    _token, text = issue_key(programme, label="Rokiškio apklausėja", person=librarian_a)
    return text


def instance(version, instance_id="uuid:3f1c2a64-5f3e-4d2b-9a52-7b5a2f1e9c01", members=()):
    rows = "".join(
        f"<member><member_name>{name}</member_name><age>{age}</age>"
        f"<work><hours>{hours}</hours></work><number/><greeting/></member>"
        for name, age, hours in members
    )
    return (
        f'<?xml version="1.0" ?><data xmlns:jr="http://openrosa.org/javarosa" '
        f'xmlns:orx="http://openrosa.org/xforms" id="households" version="{version}">'
        "<started>2014-02-25T09:00:00.000+02:00</started><who>ona@example.lt</who>"
        "<library>Rokiškio biblioteka</library><rooms>1</rooms>"
        f"<household>{rows}</household><members>2</members><total_hours>40</total_hours>"
        "<first_name>Ona</first_name><summary/><room_count>1</room_count>"
        "<room><seats>25</seats></room>"
        f"<meta><instanceID>{instance_id}</instanceID></meta></data>"
    ).encode()


def submit(client, key, xml, **files):
    data = {"xml_submission_file": SimpleUploadedFile("1.xml", xml, "text/xml"), **files}
    return client.post(address("submission", key), data, **HEADERS)


def message(response):
    root = ElementTree.fromstring(response.content)
    return root.find("{http://openrosa.org/http/response}message").text


def test_it_lists_the_published_surveys_for_collect(client, key, households):
    listing = client.get(address("form_list", key), **HEADERS)
    assert listing.status_code == 200
    assert listing["X-OpenRosa-Version"] == "1.0"
    root = ElementTree.fromstring(listing.content)
    forms = root.findall(f"{LIST}xform")
    assert [f.find(f"{LIST}formID").text for f in forms] == ["households"]
    assert forms[0].find(f"{LIST}version").text == str(households.version)
    assert forms[0].find(f"{LIST}hash").text.startswith("md5:")
    download = forms[0].find(f"{LIST}downloadUrl").text
    xform = client.get(download, **HEADERS)
    assert xform.status_code == 200
    text = xform.content.decode()
    assert f'<data id="households" version="{households.version}">' in text
    assert 'calculate="sum( /data/household/member/work/hours )"' in text
    assert '<translation lang="Русский (ru)">' in text


def test_a_revoked_or_unknown_key_gets_nothing(client, key, households, programme):
    assert client.get(address("form_list", "nosuchkey"), **HEADERS).status_code == 403
    from pazanga.questionnaires.models import CollectToken

    revoke_key(CollectToken.objects.get(), actor=None)
    refused = client.get(address("form_list", key), **HEADERS)
    assert refused.status_code == 403
    assert message(refused) == "This ODK Collect key is unknown or revoked."
    assert submit(client, key, instance(households.version)).status_code == 403
    assert not Response.objects.exists()


def test_collect_checks_then_submits_with_repeats(client, key, households, librarian_a):
    head = client.head(address("submission", key), **HEADERS)
    assert head.status_code == 204
    assert int(head["X-OpenRosa-Accept-Content-Length"]) >= 10 * 1024 * 1024
    sent = submit(
        client,
        key,
        instance(households.version, members=[("Ona", 44, 40), ("Jonas", 12, "")]),
    )
    assert sent.status_code == 201
    assert sent["X-OpenRosa-Version"] == "1.0"
    response = Response.objects.get()
    assert response.status == ResponseStatus.SUBMITTED
    assert response.respondent == librarian_a
    assert response.questionnaire == households
    assert response.instance_id == "uuid:3f1c2a64-5f3e-4d2b-9a52-7b5a2f1e9c01"
    assert response.answers["member"] == [
        {"member_name": "Ona", "age": 44, "hours": 40},
        {"member_name": "Jonas", "age": 12},
    ]
    assert response.answers["room"] == [{"seats": 25}]
    assert response.answers["who"] == "ona@example.lt"
    assert AuditEntry.objects.filter(action="questionnaires.response.submitted").count() == 1


def test_refusals_speak_the_language_of_the_address(client, key, households):
    refused = client.get(address("form_list", "nosuchkey", language="lt"), **HEADERS)
    assert message(refused) == "Šis ODK Collect raktas nežinomas arba atšauktas."


def test_a_duplicate_instance_is_stored_once(client, key, households):
    xml = instance(households.version, members=[("Ona", 44, 40)])
    assert submit(client, key, xml).status_code == 201
    again = submit(client, key, xml)
    assert again.status_code == 202
    assert message(again) == "This submission was already received."
    assert Response.objects.count() == 1


@pytest.mark.parametrize(
    ("xml", "status", "words"),
    [
        (b"<data id='households' version='1'><library>", 400, "not well-formed XML"),
        (b"<data id='nosuch' version='1'><meta/></data>", 404, "There is no form"),
        (b"<data id='households' version='1'><library>x</library></data>", 400, "no instanceID"),
        (
            b"<!DOCTYPE d [<!ENTITY e 'x'>]><data id='households' version='1'>&e;</data>",
            400,
            "not well-formed XML",
        ),
    ],
)
def test_bad_submissions_are_refused_and_nothing_is_saved(
    client, key, households, xml, status, words
):
    xml = xml.replace(b"version='1'", f"version='{households.version}'".encode())
    refused = submit(client, key, xml)
    assert refused.status_code == status
    assert words in message(refused)
    assert not Response.objects.exists()


def test_a_closed_version_takes_no_submissions(client, key, households, staff_member):
    transition(households, QuestionnaireStatus.CLOSED, actor=staff_member)
    refused = submit(client, key, instance(households.version))
    assert refused.status_code == 403
    assert "no longer accepts answers" in message(refused)
    assert not Response.objects.exists()


PHOTO_SURVEY = [
    ["type", "name", "label"],
    ["text", "library", "Library"],
    ["image", "photo", "Photo of the reading room"],
]


@pytest.fixture
def photos(programme, staff_member):
    from pazanga.questionnaires import services
    from pazanga.questionnaires.examples.forms import workbook_bytes

    questionnaire = services.import_questionnaire(
        workbook_bytes(
            PHOTO_SURVEY,
            [["form_title", "form_id"], ["Photos", "photos"]],
            names=("survey", "settings"),
        ),
        programme=programme,
        actor=staff_member,
    )
    return transition(questionnaire, QuestionnaireStatus.PUBLISHED, actor=staff_member)


def photo_instance(version, file_name):
    return (
        f'<data id="photos" version="{version}"><library>Biržai</library>'
        f"<photo>{file_name}</photo><meta><instanceID>uuid:1</instanceID></meta></data>"
    ).encode()


def test_attachments_are_checked_by_content_and_stored(client, key, photos, media):
    wrong = submit(
        client,
        key,
        photo_instance(photos.version, "1700000000.jpg"),
        photo=SimpleUploadedFile("1700000000.jpg", b"MZ\x90\x00 not a photo", "image/jpeg"),
    )
    assert wrong.status_code == 400
    assert "1700000000.jpg" in message(wrong)
    assert not Response.objects.exists() and not UploadedAnswerFile.objects.exists()
    sent = submit(
        client,
        key,
        photo_instance(photos.version, "1700000000.png"),
        photo=SimpleUploadedFile("1700000000.png", png_bytes(), "image/png"),
    )
    assert sent.status_code == 201
    stored = UploadedAnswerFile.objects.get()
    assert (stored.question_name, stored.original_name) == ("photo", "1700000000.png")
    assert Response.objects.get().answers["photo"] == "1700000000.png"


def test_a_too_large_attachment_is_refused(client, key, photos, media):
    big = b"\x89PNG\r\n\x1a\n" + b"0" * (11 * 1024 * 1024)
    refused = submit(
        client,
        key,
        photo_instance(photos.version, "big.png"),
        photo=SimpleUploadedFile("big.png", big, "image/png"),
    )
    assert refused.status_code == 413
    assert not Response.objects.exists()


def test_a_file_sent_in_a_later_part_joins_the_response(client, key, photos, media):
    xml = photo_instance(photos.version, "1700000000.png")
    assert submit(client, key, xml).status_code == 201  # the first part: no file yet
    assert not UploadedAnswerFile.objects.exists()
    later = submit(
        client, key, xml, photo=SimpleUploadedFile("1700000000.png", png_bytes(), "image/png")
    )
    assert later.status_code == 202
    assert UploadedAnswerFile.objects.get().question_name == "photo"
    assert Response.objects.count() == 1


def test_a_broken_multipart_request_is_refused(client, key, households):
    refused = client.generic(
        "POST",
        address("submission", key),
        b'--x\r\nContent-Disposition: form-data; name="xml_submission_file"\r\n',
        content_type="multipart/form-data; boundary=",
        **HEADERS,
    )
    assert refused.status_code == 400
    assert not Response.objects.exists()
