"""The question types fieldwork forms use, as the web form asks and stores them."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import QueryDict

from pazanga.questionnaires import services
from pazanga.questionnaires.answer_forms import AnswerForm
from pazanga.questionnaires.engine import load_definition
from pazanga.questionnaires.examples.forms import workbook_bytes

SURVEY = [
    ["type", "name", "label", "parameters", "appearance", "default", "calculation"],
    ["range", "satisfaction", "How satisfied?", "start=1 end=5 step=1"],
    ["rank", "priorities", "Put in order", ""],
    ["geopoint", "where", "Where is the library?"],
    ["time", "opens", "Opens at"],
    ["dateTime", "visited", "Visited at"],
    ["acknowledge", "consent", "I agree"],
    ["barcode", "isbn", "Book barcode"],
    ["select_one towns", "town", "Town", "", "minimal", "kaunas"],
    ["audio", "interview", "Recording"],
    ["calculate", "double", "", "", "", "", "${satisfaction} * 2"],
]
CHOICES = [
    ["list_name", "name", "label"],
    ["priorities", "books", "Books"],
    ["priorities", "internet", "Internet"],
    ["priorities", "events", "Events"],
    ["towns", "vilnius", "Vilnius"],
    ["towns", "kaunas", "Kaunas"],
]
SURVEY[2][0] = "rank priorities"


@pytest.fixture
def definition(programme, staff_member):
    questionnaire = services.import_questionnaire(
        workbook_bytes(SURVEY, CHOICES, names=("survey", "choices")),
        programme=programme,
        actor=staff_member,
    )
    return load_definition(questionnaire)


def form(definition, data, files=None):
    query = QueryDict(mutable=True)
    for key, value in data.items():
        if isinstance(value, list):
            query.setlist(f"q-{key}", value)
        else:
            query[f"q-{key}"] = value
    return AnswerForm(definition, query, files or {}, prefix="q", language="en")


def test_they_are_stored_as_fieldwork_expects(definition):
    answered = form(
        definition,
        {
            "satisfaction": "4",
            "priorities_0": "internet",
            "priorities_1": "books",
            "priorities_2": "events",
            "where": "54.6872  25.2797 112 5",
            "opens": "09:30",
            "visited": "2014-02-25T10:15",
            "consent": "on",
            "isbn": "9786094660000",
            "town": "vilnius",
        },
    )
    assert answered.is_valid(), answered.errors
    assert answered.answers == {
        "satisfaction": 4,
        "priorities": ["internet", "books", "events"],
        "where": "54.6872 25.2797 112 5",
        "opens": "09:30",
        "visited": "2014-02-25T10:15",
        "consent": "OK",
        "isbn": "9786094660000",
        "town": "vilnius",
        "interview": None,  # no recording given
    }
    assert "double" not in answered.fields  # computed, never asked
    assert definition.clean_answers(answered.answers)["double"] == "8"


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"satisfaction": "6"}, "satisfaction", "less than or equal to 5"),
        ({"where": "somewhere"}, "where", "latitude and longitude"),
        ({"where": "95 25"}, "where", "not on Earth"),
        (
            {"priorities_0": "books", "priorities_1": "books", "priorities_2": "events"},
            "priorities",
            "one place only",
        ),
        ({"priorities_0": "books"}, "priorities", "every option in a place"),
    ],
)
def test_bad_answers_get_a_message_next_to_the_question(definition, data, field, message):
    answered = form(definition, data)
    assert not answered.is_valid()
    assert message in " ".join(answered.errors[field])


def test_a_default_is_offered_and_minimal_is_a_drop_down(definition):
    unbound = AnswerForm(definition, prefix="q", language="en")
    assert unbound["town"].value() == "kaunas"
    assert "<select" in str(unbound["town"])


def test_a_recording_is_recognised_by_its_content(definition):
    ogg = SimpleUploadedFile("talk.ogg", b"OggS\x00\x02" + b"\x00" * 60, "audio/ogg")
    answered = form(definition, {}, {"q-interview": ogg})
    assert answered.is_valid(), answered.errors
    renamed = SimpleUploadedFile("talk.ogg", b"%PDF-1.4 not sound", "audio/ogg")
    refused = form(definition, {}, {"q-interview": renamed})
    assert not refused.is_valid()
    assert "is not a sound recording" in " ".join(refused.errors["interview"])
