"""Staff issue and revoke interviewers' ODK Collect keys; imports take attached files;
the XForm downloads; the command line imports with --attach."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pazanga.common.audit import AuditEntry
from pazanga.questionnaires.examples.forms import workbook_bytes
from pazanga.questionnaires.models import CollectToken, FormAttachment, Questionnaire
from pazanga.questionnaires.openrosa.keys import active_key, issue_key
from pazanga.questionnaires.tests.test_views import url

TOWNS_SURVEY = [
    ["type", "name", "label"],
    ["select_one_from_file towns.csv", "town", "Town"],
]
TOWNS_SETTINGS = [["form_title", "form_id"], ["Towns", "towns"]]
TOWNS = b"name,label\nvilnius,Vilnius\nkaunas,Kaunas\n"


def test_staff_issue_a_key_shown_once_and_revoke_it(client_of, staff_member, programme):
    client = client_of(staff_member)
    answer = client.post(url("collect_keys"), {"label": "Rokiškio apklausėja"}, follow=True)
    text = answer.content.decode()
    assert "set the server address to http://testserver/en/questionnaires/openrosa/" in text
    key = text.split("/openrosa/")[1].split("/")[0]
    token = CollectToken.objects.get()
    assert active_key(key) == token and token.key_hash != key
    assert AuditEntry.objects.filter(action="questionnaires.collect_key.issued").exists()
    assert key not in client.get(url("collect_keys")).content.decode()  # shown only once
    client.post(url("collect_key_revoke", token.pk))
    assert active_key(key) is None
    assert AuditEntry.objects.filter(action="questionnaires.collect_key.revoked").exists()


def test_the_key_list_runs_in_constant_queries(client_of, staff_member, programme):
    client = client_of(staff_member)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url("collect_keys")).status_code == 200
        return len(queries)

    issue_key(programme, label="A", actor=staff_member)
    one = count()
    issue_key(programme, label="B", actor=staff_member)
    issue_key(programme, label="C", actor=staff_member)
    assert count() == one


def test_a_web_import_takes_the_attached_files(client_of, staff_member, programme):
    client = client_of(staff_member)
    form = io.BytesIO(workbook_bytes(TOWNS_SURVEY, TOWNS_SETTINGS, names=("survey", "settings")))
    form.name = "towns.xlsx"
    refused = client.post(url("import"), {"file": form})
    assert refused.status_code == 400
    assert "The choices come from “towns.csv”: attach that file." in refused.content.decode()
    assert not Questionnaire.objects.exists()
    form.seek(0)
    towns = io.BytesIO(TOWNS)
    towns.name = "towns.csv"
    answer = client.post(url("import"), {"file": form, "attachments": [towns]})
    assert answer.status_code == 302
    questionnaire = Questionnaire.objects.get(code="towns")
    assert bytes(FormAttachment.objects.get(questionnaire=questionnaire).content) == TOWNS
    xform = client.get(url("export_xform", questionnaire.pk))
    assert xform.status_code == 200
    assert 'src="jr://file-csv/towns.csv"' in xform.content.decode()


def test_a_binary_attachment_is_refused_by_content(client_of, staff_member, programme):
    client = client_of(staff_member)
    form = io.BytesIO(workbook_bytes(TOWNS_SURVEY, TOWNS_SETTINGS, names=("survey", "settings")))
    form.name = "towns.xlsx"
    fake = io.BytesIO(b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00")
    fake.name = "towns.csv"
    answer = client.post(url("import"), {"file": form, "attachments": [fake]})
    assert answer.status_code == 400
    assert "is not CSV" in answer.content.decode()
    assert not Questionnaire.objects.exists()


def test_the_command_imports_with_attached_files(tmp_path, programme, capsys):
    form = tmp_path / "towns.xlsx"
    form.write_bytes(workbook_bytes(TOWNS_SURVEY, TOWNS_SETTINGS, names=("survey", "settings")))
    towns = tmp_path / "towns.csv"
    towns.write_bytes(TOWNS)
    call_command("import_xlsform", str(form), "--attach", str(towns), "--programme", programme.code)
    out = capsys.readouterr().out
    assert "towns: 1 questions" in out and "imported as towns v1" in out
    with pytest.raises(Exception, match="1 error"):
        call_command("import_xlsform", str(form), "--dry-run")
