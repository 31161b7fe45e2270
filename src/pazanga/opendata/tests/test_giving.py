"""360Giving: the package validates against the official schemas, and says what it must."""

import json

import pytest
from django.core.management import call_command

from pazanga.opendata import giving, iati
from pazanga.programme.models import Programme

pytestmark = pytest.mark.django_db


def test_a_paid_grant_is_a_valid_360giving_record(client, paid_grant):
    data = json.loads(client.get("/open-data/360giving.json").content)
    assert giving.problems(data) == []
    [grant] = data["grants"]
    assert grant["id"] == f"360G-lnb-bp-{paid_grant.reference}"
    assert grant["currency"] == "EUR" and grant["amountAwarded"] == 10000
    assert grant["amountAppliedFor"] == 10000
    assert grant["amountDisbursed"] == 6000  # 60 % on signature
    assert grant["disbursementTransaction"][0]["transactionDate"] == "2015-06-20"
    assert grant["recipientOrganization"][0]["id"] == "LT-RC-188712345"
    assert grant["beneficiaryLocation"][0]["countryCode"] == "LT"
    assert grant["plannedDates"][0]["duration"] == 12
    assert data["license"] == "https://creativecommons.org/licenses/by/4.0/"


def test_nothing_personal_leaves_in_any_file(client, paid_grant, librarian_a, staff_member):
    for url in (
        "/open-data/360giving.json",
        "/open-data/iati-activities.xml",
        "/open-data/grants.csv",
        "/open-data/360giving.csv",
    ):
        content = client.get(url).content.decode("utf-8-sig")
        for person in (librarian_a, staff_member):
            assert person.email not in content and person.last_name not in content, url


def test_the_validator_finds_what_breaks_the_standard(paid_grant):
    data = giving.package(Programme.objects.get(pk=paid_grant.programme_id))
    del data["grants"][0]["awardDate"]
    data["grants"][0]["currency"] = "LITAS"
    data["grants"][0]["plannedDates"][0]["startDate"] = "2015-13-01"
    found = giving.problems(data)
    assert any("grants/0/currency" in p for p in found)
    assert any("grants/0/plannedDates/0/startDate" in p for p in found)
    assert any(p.startswith("grants/0:") for p in found)  # a required field is missing


def test_a_plain_date_is_not_a_date_time():
    assert giving.is_date_time("2015-06-20T10:00:00+03:00")
    assert not giving.is_date_time("2015-06-20")


def test_the_spreadsheet_uses_the_standards_titles(client, paid_grant):
    lines = client.get("/open-data/360giving.csv").content.decode("utf-8-sig").splitlines()
    header = lines[0].split(",")
    assert header[:4] == ["Identifier", "Title", "Description", "Currency"]
    assert "Recipient Org:Identifier" in header and "Beneficiary Location:Name" in header
    assert lines[1].startswith(f"360G-lnb-bp-{paid_grant.reference},")


def test_the_whole_demo_is_valid_360giving_and_iati(tmp_path):
    """The real reference data and every demo grant, as `make run` loads them, written by
    the publishing commands and checked against the official schemas."""
    call_command("load_reference", verbosity=0)
    call_command("load_demo", verbosity=0)
    giving_file, iati_file = tmp_path / "360giving.json", tmp_path / "iati.xml"
    call_command("export_360giving", out=str(giving_file))
    call_command("export_iati", out=str(iati_file))
    data = json.loads(giving_file.read_text(encoding="utf-8"))
    assert len(data["grants"]) > 50
    assert giving.problems(data) == []
    assert {g["currency"] for g in data["grants"]} == {"LTL", "EUR"}
    from lxml import etree

    tree = etree.parse(str(iati_file))
    assert iati.problems(tree) == []
    activities = tree.getroot().findall("iati-activity")
    assert [a.get("hierarchy") for a in activities[:2]] == ["1", "2"]
    assert len(activities) == len(data["grants"]) + 1
