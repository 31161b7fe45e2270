"""Adding and removing partner rows and budget lines in the draft, with and without HTMX."""

import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from pazanga.directory.enums import OrganisationKind
from pazanga.directory.tests.factories import OrganisationFactory
from pazanga.grants.forms import MAX_ROWS
from pazanga.grants.models import BudgetLine, Partner
from pazanga.grants.tests.factories import ApplicationFactory, BudgetLineFactory, PartnerFactory

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def draft(call, library_a, during_call):
    return ApplicationFactory(call=call, library=library_a, title="Senjorai internete")


def add_row_url(application, prefix):  # type: ignore[no-untyped-def]
    return reverse("grants:add_row", args=[application.pk, prefix])


def draft_data(**rows):  # type: ignore[no-untyped-def]
    """The main fields plus the management forms; `rows` are the rows' own fields."""
    data = {
        "title": "Senjorai internete",
        "summary": "Kursai",
        "requested_total": "5000",
        "partners-TOTAL_FORMS": "0",
        "partners-INITIAL_FORMS": "0",
        "lines-TOTAL_FORMS": "0",
        "lines-INITIAL_FORMS": "0",
    }
    data.update(rows)
    return data


def line(index, description, requested="2500", pk=""):  # type: ignore[no-untyped-def]
    return {
        f"lines-{index}-id": pk,
        f"lines-{index}-category": "equipment",
        f"lines-{index}-description": description,
        f"lines-{index}-requested": requested,
        f"lines-{index}-co_financing": "500",
    }


def hidden_value(page, name):  # type: ignore[no-untyped-def]
    match = re.search(rf'name="{re.escape(name)}" value="([^"]*)"', page)
    return match.group(1) if match else None


def test_the_add_button_renders_the_next_partner_form_and_counts_it(client_of, librarian_a, draft):
    response = client_of(librarian_a).get(
        add_row_url(draft, "partners"), {"partners-TOTAL_FORMS": "1"}
    )
    page = response.content.decode()
    assert 'name="partners-1-organisation"' in page
    assert 'name="partners-1-DELETE"' in page and "Pašalinti šį partnerį" in page
    assert 'name="partners-0-organisation"' not in page
    assert re.search(r'name="partners-TOTAL_FORMS" value="2"[^>]*hx-swap-oob="true"', page)


def test_the_add_button_renders_the_next_budget_line(client_of, librarian_a, draft):
    page = (
        client_of(librarian_a)
        .get(add_row_url(draft, "lines"), {"lines-TOTAL_FORMS": "3"})
        .content.decode()
    )
    assert 'name="lines-3-description"' in page and 'name="lines-3-category"' in page
    assert hidden_value(page, "lines-TOTAL_FORMS") == "4"


def test_the_edit_page_offers_both_buttons_wired_to_htmx(client_of, librarian_a, draft):
    page = client_of(librarian_a).get(reverse("grants:edit", args=[draft.pk])).content.decode()
    assert f'hx-get="{add_row_url(draft, "partners")}"' in page
    assert f'hx-get="{add_row_url(draft, "lines")}"' in page
    assert 'hx-include="#id_lines-TOTAL_FORMS"' in page
    assert "Pridėti partnerį" in page and "Pridėti biudžeto eilutę" in page


def test_rows_added_in_the_browser_are_saved_together(client_of, librarian_a, draft):
    first, second = (OrganisationFactory(kind=OrganisationKind.BUSINESS) for _ in range(2))
    data = draft_data(
        **{
            "partners-TOTAL_FORMS": "2",
            "partners-0-organisation": first.pk,
            "partners-0-role": "co_funder",
            "partners-1-organisation": second.pk,
            "partners-1-role": "co_funder",
            "lines-TOTAL_FORMS": "2",
            **line(0, "Planšetės"),
            **line(1, "Mokymai"),
        }
    )
    client_of(librarian_a).post(reverse("grants:edit", args=[draft.pk]), data)
    assert set(Partner.objects.values_list("organisation", flat=True)) == {first.pk, second.pk}
    assert sorted(BudgetLine.objects.values_list("description", flat=True)) == [
        "Mokymai",
        "Planšetės",
    ]


def test_an_autosave_gives_new_rows_their_ids_so_the_next_one_does_not_add_them_again(
    client_of, librarian_a, draft
):
    client = client_of(librarian_a)
    edit = reverse("grants:edit", args=[draft.pk])
    page = client.post(
        edit, draft_data(**{"lines-TOTAL_FORMS": "1", **line(0, "Planšetės")}), **HTMX
    ).content.decode()
    saved = BudgetLine.objects.get()
    assert 'id="lines-section" hx-swap-oob="true"' in page
    assert hidden_value(page, "lines-INITIAL_FORMS") == "1"
    assert hidden_value(page, "lines-0-id") == str(saved.pk)
    again = draft_data(
        **{
            "lines-TOTAL_FORMS": "1",
            "lines-INITIAL_FORMS": "1",
            **line(0, "Planšetės ir dėklai", pk=saved.pk),
        }
    )
    quiet = client.post(edit, again, **HTMX).content.decode()
    assert list(BudgetLine.objects.values_list("description", flat=True)) == ["Planšetės ir dėklai"]
    assert "hx-swap-oob" not in quiet  # nothing created or removed: the rows stay as typed


def test_the_remove_checkbox_deletes_a_row_and_the_page_forgets_it(client_of, librarian_a, draft):
    kept = BudgetLineFactory(application=draft, description="Planšetės", requested=Decimal(3000))
    gone = BudgetLineFactory(application=draft, description="Kava", requested=Decimal(2000))
    data = draft_data(
        **{
            "lines-TOTAL_FORMS": "2",
            "lines-INITIAL_FORMS": "2",
            **line(0, "Planšetės", "3000", pk=kept.pk),
            **line(1, "Kava", "2000", pk=gone.pk),
            "lines-1-DELETE": "on",
        }
    )
    page = (
        client_of(librarian_a)
        .post(reverse("grants:edit", args=[draft.pk]), data, **HTMX)
        .content.decode()
    )
    assert list(BudgetLine.objects.values_list("pk", flat=True)) == [kept.pk]
    assert hidden_value(page, "lines-INITIAL_FORMS") == "1"
    assert "Kava" not in page and "Planšetės" in page


def test_without_javascript_the_add_button_saves_and_offers_a_blank_row(
    client_of, librarian_a, draft
):
    partner = PartnerFactory(application=draft)
    client = client_of(librarian_a)
    data = draft_data(
        **{
            "partners-TOTAL_FORMS": "1",
            "partners-INITIAL_FORMS": "1",
            "partners-0-id": partner.pk,
            "partners-0-organisation": partner.organisation_id,
            "partners-0-role": "co_funder",
            "partners-0-contribution": "Patalpos ir kava",
            "add": "partners",
        }
    )
    response = client.post(reverse("grants:edit", args=[draft.pk]), data, follow=True)
    page = response.content.decode()
    partner.refresh_from_db()
    assert partner.contribution == "Patalpos ir kava"
    assert 'name="partners-1-organisation"' in page
    assert hidden_value(page, "partners-TOTAL_FORMS") == "2"


@pytest.mark.parametrize(
    ("value", "message"),
    [("", "Perkraukite puslapį"), ("abc", "Perkraukite puslapį"), (str(MAX_ROWS), "Galima")],
)
def test_a_bad_row_count_is_refused_with_a_message(value, message, client_of, librarian_a, draft):
    response = client_of(librarian_a).get(add_row_url(draft, "lines"), {"lines-TOTAL_FORMS": value})
    assert response.status_code == 400
    assert message in response.content.decode()


def test_an_unknown_kind_of_row_is_not_found(client_of, librarian_a, draft):
    assert client_of(librarian_a).get(add_row_url(draft, "secrets")).status_code == 404


def test_rows_cannot_be_added_to_a_submitted_application(client_of, librarian_a, draft):
    draft.status = "submitted"
    draft.save()
    response = client_of(librarian_a).get(add_row_url(draft, "lines"), {"lines-TOTAL_FORMS": "1"})
    assert response.status_code == 400
    assert "keisti nebegalima" in response.content.decode()


def test_others_cannot_add_rows(client_of, librarian_b, outsider, draft):
    url = add_row_url(draft, "partners")
    assert Client().get(url).status_code == 302
    assert client_of(librarian_b).get(url).status_code == 404
    assert client_of(outsider).get(url).status_code == 403
