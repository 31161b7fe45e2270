import pytest
from django.utils import translation

from pazanga.common.refusals import Refusal, TransitionNotAllowed
from pazanga.common.workflow import check_table


def test_a_refusal_code_names_its_app():
    with pytest.raises(ValueError, match=r"app\.reason"):
        Refusal("full")
    refusal = Refusal("events.full", field="category", seats=0)
    assert (refusal.app, refusal.reason, refusal.field, refusal.params) == (
        "events",
        "full",
        "category",
        {"seats": 0},
    )


def test_an_unknown_code_still_reads_as_a_sentence():
    with translation.override("en"):
        assert Refusal("nosuchapp.nothing").message == "This request cannot be carried out."


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "it is “Submitted” and cannot become “Draft”"),
        ("lt", "dabar yra „Pateikta“ ir negali tapti „Juodraštis“"),
    ],
)
def test_a_transition_refused_says_both_statuses_in_the_readers_language(language, text):
    refusal = TransitionNotAllowed(
        current="submitted", target="draft", current_label="Submitted", target_label="Draft"
    )
    assert (refusal.current, refusal.target) == ("submitted", "draft")
    with translation.override(language):
        if language == "lt":
            refusal = TransitionNotAllowed(
                current="submitted",
                target="draft",
                current_label="Pateikta",
                target_label="Juodraštis",
            )
        assert text in refusal.message


def test_a_table_with_a_missing_row_or_an_unknown_target_is_reported():
    statuses = ["draft", "submitted", "closed"]
    table = {"draft": {"submitted"}, "submitted": {"closed", "gone"}, "old": set()}
    assert check_table(table, statuses) == [
        "no row for 'closed'",
        "'submitted' -> unknown 'gone'",
        "unknown row 'old'",
    ]
    assert check_table({"a": {"b"}, "b": set()}, ["a", "b"]) == []
