"""Real XLSForms (fixtures/xlsforms, sources in its SOURCES file) import, except those that
use a feature on the refusal list of decision 0024, which are refused with a located reason.

The forms are kept as the Markdown tables they were published as; each test turns one
into an .xlsx workbook (pyxform's own Markdown reader) and imports it like an upload.
"""

import io
from pathlib import Path

import pytest
from pyxform.xls2json_backends import md_table_to_workbook

from pazanga.questionnaires.xlsform.convert import questionnaire_from_spec, spec_from_questionnaire
from pazanga.questionnaires.xlsform.reader import XLSFormError, read_xlsform
from pazanga.questionnaires.xlsform.writer import write_xlsform

FIXTURES = Path(__file__).parent / "fixtures" / "xlsforms"
# form -> what the refusal list says about it (a part of the located message)
REFUSED = {
    "repeat_calculation_bare_name.md": "unexpected 'name'",
    "duplicate_names_in_groups.md": "The name “city” is already used in row 4.",
    "loop_over_choices.md": "begin_loop is not supported",
    "osm_building.md": "OpenStreetMap questions are not supported.",
    "case_insensitivity.md": "Entities (shared lists of cases) are not supported.",
    "external_choices_select.md": "select_one_external (choices from the external_choices",
    "metadata_bindings.md": "The device e-mail metadata is no longer given by devices.",
}
FORMS = sorted(path.name for path in FIXTURES.glob("*.md"))


def workbook_of(name: str) -> bytes:
    workbook = md_table_to_workbook((FIXTURES / name).read_text(encoding="utf-8"))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def attachments_of(name: str) -> dict[str, bytes]:
    folder = FIXTURES / name.removesuffix(".md")
    if not folder.is_dir():
        return {}
    return {path.name: path.read_bytes() for path in folder.iterdir()}


def test_it_has_at_least_twenty_real_forms_with_their_sources():
    sources = (FIXTURES / "SOURCES").read_text(encoding="utf-8")
    assert len([name for name in FORMS if name not in REFUSED]) >= 20
    for name in FORMS:
        assert f"{name}:" in sources, name


@pytest.mark.parametrize("name", [f for f in FORMS if f not in REFUSED])
def test_it_imports_the_real_form_and_exports_it_back_the_same(name, programme):
    form = read_xlsform(workbook_of(name), attachments_of(name))
    assert form.questions
    assert read_xlsform(write_xlsform(form), attachments_of(name)) == form
    stored = questionnaire_from_spec(
        form, programme=programme, code="fixture", version=1, attachments=attachments_of(name)
    )
    again = spec_from_questionnaire(stored)
    assert again.items == form.items
    assert again.choice_lists == form.choice_lists
    assert again.languages == form.languages


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_it_refuses_a_real_form_only_for_a_listed_reason(name):
    with pytest.raises(XLSFormError) as caught:
        read_xlsform(workbook_of(name), attachments_of(name))
    messages = [str(error) for error in caught.value.errors]
    assert any(REFUSED[name] in message for message in messages), messages
