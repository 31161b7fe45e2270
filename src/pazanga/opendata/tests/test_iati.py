"""IATI 2.03: valid against the official XSD, the programme above its projects."""

import pytest
from lxml import etree

from pazanga.opendata import iati
from pazanga.workplan.enums import IndicatorLevel, Measure
from pazanga.workplan.tests.factories import (
    ActivityFactory,
    BudgetLineFactory,
    ResultIndicatorFactory,
    ResultTargetFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def framework(programme):
    component = ActivityFactory(programme=programme, number="1")
    BudgetLineFactory(activity=component, year=2014, currency="LTL")
    BudgetLineFactory(activity=component, year=2015, currency="EUR", funder="ministry")
    indicator = ResultIndicatorFactory(
        programme=programme,
        code="grants",
        measure=Measure.GRANTS_AWARDED,
        level=IndicatorLevel.OUTPUT,
        name_en="Grants",
    )
    ResultTargetFactory(indicator=indicator, year=2015, target=30)


def parsed(client) -> etree._ElementTree:  # type: ignore[no-untyped-def]
    response = client.get("/open-data/iati-activities.xml")
    assert response["Content-Type"].startswith("application/xml")
    return etree.ElementTree(etree.fromstring(response.content))


def test_the_file_is_valid_iati_with_the_programme_above_its_project(client, paid_grant, framework):
    tree = parsed(client)
    assert iati.problems(tree) == []
    programme, project = tree.getroot().findall("iati-activity")
    assert programme.get("hierarchy") == "1" and project.get("hierarchy") == "2"
    parent = programme.findtext("iati-identifier")
    assert project.find("related-activity").get("ref") == parent
    assert [b.find("value").get("currency") for b in programme.findall("budget")] == ["LTL", "EUR"]
    assert programme.find("transaction/transaction-type").get("code") == "1"  # incoming funds
    result = programme.find("result")
    assert result.get("type") == "1"
    period = result.find("indicator/period")
    assert period.find("target").get("value") == "30.00"
    assert period.find("actual").get("value") == "1.00"  # the one grant awarded in 2015
    codes = [t.find("transaction-type").get("code") for t in project.findall("transaction")]
    assert codes == ["2", "3"]  # the commitment, then the tranche paid
    paid = project.findall("transaction")[1].find("value")
    assert (paid.text, paid.get("currency")) == ("6000.00", "EUR")
    actuals = {
        i.findtext("title/narrative[@{http://www.w3.org/XML/1998/namespace}lang='en']"): i.find(
            "period/actual"
        ).get("value")
        if i.find("period/actual") is not None
        else None
        for i in project.findall("result/indicator")
    }
    assert actuals["People trained"] == "40.00"


def test_the_schema_refuses_elements_out_of_order(client, paid_grant, framework):
    tree = parsed(client)
    activity = tree.getroot().find("iati-activity")
    title = activity.find("title")
    activity.remove(title)
    activity.append(title)
    assert iati.problems(tree)
