"""The permission table: every page × every persona, one row per page.

The rows are generated from the URL patterns (every named page without parameters, as the
outsider test walks them): a page added without a row fails `test_every_page_has_a_row`, a
row for a page that is gone fails too. Each cell says what the persona gets:

- `ok`  the page (200, or a redirect that is not to the log-in page)
- `log` sent to the log-in page (anonymous visitors; the admin's own for non-staff)
- `no`  refused: 403 or 404
- `405` the page takes POST only (the role is checked first, so the others get log or no)

Columns: visitor, outsider, library staff, reviewer, committee member, trainer,
researcher, partner, programme staff, administrator.

Personas: the visitor, the outsider (an account without a role), one of each role in the
current programme (library staff of a library, reviewer, committee member, trainer,
researcher, partner, programme staff) and the administrator (the Django admin site).

Pages with parameters (one object: an application, a session, a registration) are tried
object by object, for every persona, by `security/url_personas.py` on the demo data, and in
each app's access tests (another library's, another panel's, another programme's object).
"""

import pytest
from django.urls import reverse

from pazanga.portal.tests.test_access import PAGES
from pazanga.programme.enums import Role
from pazanga.programme.tests.factories import person_with_role

pytestmark = pytest.mark.django_db

PERSONAS = [
    "visitor",
    "outsider",
    "library",
    "reviewer",
    "committee",
    "trainer",
    "researcher",
    "partner",
    "staff",
    "admin",
]
ROLES = {
    "library": Role.LIBRARY_STAFF,
    "reviewer": Role.REVIEWER,
    "committee": Role.COMMITTEE_MEMBER,
    "trainer": Role.TRAINER,
    "researcher": Role.RESEARCHER,
    "partner": Role.PARTNER,
    "staff": Role.PROGRAMME_STAFF,
}
TABLE = """
page                                      vis out lib rev com trn res par stf adm
admin:account_emailaddress_add            log log log log log log log log log ok
admin:account_emailaddress_changelist     log log log log log log log log log ok
admin:auth_group_add                      log log log log log log log log log ok
admin:auth_group_changelist               log log log log log log log log log ok
admin:common_auditentry_add               log log log log log log log log log no
admin:common_auditentry_changelist        log log log log log log log log log ok
admin:common_exchangerate_add             log log log log log log log log log ok
admin:common_exchangerate_changelist      log log log log log log log log log ok
admin:directory_county_add                log log log log log log log log log ok
admin:directory_county_changelist         log log log log log log log log log ok
admin:directory_municipality_add          log log log log log log log log log ok
admin:directory_municipality_changelist   log log log log log log log log log ok
admin:directory_organisation_add          log log log log log log log log log ok
admin:directory_organisation_changelist   log log log log log log log log log ok
admin:directory_user_add                  log log log log log log log log log ok
admin:directory_user_changelist           log log log log log log log log log ok
admin:events_certificate_add              log log log log log log log log log ok
admin:events_certificate_changelist       log log log log log log log log log ok
admin:events_event_add                    log log log log log log log log log ok
admin:events_event_changelist             log log log log log log log log log ok
admin:events_invitation_add               log log log log log log log log log ok
admin:events_invitation_changelist        log log log log log log log log log ok
admin:events_registration_add             log log log log log log log log log ok
admin:events_registration_changelist      log log log log log log log log log ok
admin:events_venue_add                    log log log log log log log log log ok
admin:events_venue_changelist             log log log log log log log log log ok
admin:grants_application_add              log log log log log log log log log ok
admin:grants_application_changelist       log log log log log log log log log ok
admin:grants_call_add                     log log log log log log log log log ok
admin:grants_call_changelist              log log log log log log log log log ok
admin:grants_conflict_add                 log log log log log log log log log ok
admin:grants_conflict_changelist          log log log log log log log log log ok
admin:grants_decision_add                 log log log log log log log log log no
admin:grants_decision_changelist          log log log log log log log log log ok
admin:grants_review_add                   log log log log log log log log log ok
admin:grants_review_changelist            log log log log log log log log log ok
admin:grants_reviewassignment_add         log log log log log log log log log ok
admin:grants_reviewassignment_changelist  log log log log log log log log log ok
admin:index                               log log log log log log log log log ok
admin:password_change                     log log log log log log log log log ok
admin:password_change_done                log log log log log log log log log ok
admin:portal_newsitem_add                 log log log log log log log log log ok
admin:portal_newsitem_changelist          log log log log log log log log log ok
admin:programme_programme_add             log log log log log log log log log ok
admin:programme_programme_changelist      log log log log log log log log log ok
admin:programme_roleassignment_add        log log log log log log log log log ok
admin:programme_roleassignment_changelist log log log log log log log log log ok
admin:projects_amendment_add              log log log log log log log log log no
admin:projects_amendment_changelist       log log log log log log log log log ok
admin:projects_callterms_add              log log log log log log log log log ok
admin:projects_callterms_changelist       log log log log log log log log log ok
admin:projects_grant_add                  log log log log log log log log log no
admin:projects_grant_changelist           log log log log log log log log log ok
admin:projects_indicator_add              log log log log log log log log log ok
admin:projects_indicator_changelist       log log log log log log log log log ok
admin:projects_report_add                 log log log log log log log log log no
admin:projects_report_changelist          log log log log log log log log log ok
admin:training_completion_add             log log log log log log log log log ok
admin:training_completion_changelist      log log log log log log log log log ok
admin:training_course_add                 log log log log log log log log log ok
admin:training_course_changelist          log log log log log log log log log ok
admin:training_enrolment_add              log log log log log log log log log ok
admin:training_enrolment_changelist       log log log log log log log log log ok
admin:training_module_add                 log log log log log log log log log ok
admin:training_module_changelist          log log log log log log log log log ok
admin:training_session_add                log log log log log log log log log ok
admin:training_session_changelist         log log log log log log log log log ok
admin:training_trainer_add                log log log log log log log log log ok
admin:training_trainer_changelist         log log log log log log log log log ok
api:calls                                 ok  ok  ok  ok  ok  ok  ok  ok  ok  ok
api:events                                ok  ok  ok  ok  ok  ok  ok  ok  ok  ok
api:grants                                ok  ok  ok  ok  ok  ok  ok  ok  ok  ok
api:indicators                            ok  ok  ok  ok  ok  ok  ok  ok  ok  ok
api:libraries                             ok  ok  ok  ok  ok  ok  ok  ok  ok  ok
api:schema                                ok  ok  ok  ok  ok  ok  ok  ok  ok  ok
api:sessions                              ok  ok  ok  ok  ok  ok  ok  ok  ok  ok
directory:municipality_list               ok  ok  ok  ok  ok  ok  ok  ok  ok  ok
directory:organisation_list               ok  ok  ok  ok  ok  ok  ok  ok  ok  ok
directory:profile                         log ok  ok  ok  ok  ok  ok  ok  ok  ok
events:check_in_events                    log ok  ok  ok  ok  ok  ok  ok  ok  ok
events:create                             log no  no  no  no  no  no  no  ok  ok
events:list                               ok  ok  ok  ok  ok  ok  ok  ok  ok  ok
events:manage_list                        log no  no  no  no  no  no  no  ok  ok
events:my_registrations                   log ok  ok  ok  ok  ok  ok  ok  ok  ok
events:past                               ok  ok  ok  ok  ok  ok  ok  ok  ok  ok
events_plain:feed                         ok  ok  ok  ok  ok  ok  ok  ok  ok  ok
grants:awarded                            ok  ok  ok  ok  ok  ok  ok  ok  ok  ok
grants:call_new                           log no  no  no  no  no  no  no  ok  ok
grants:calls                              ok  ok  ok  ok  ok  ok  ok  ok  ok  ok
grants:mine                               log no  ok  no  no  no  no  no  no  no
grants:my_reviews                         log no  no  ok  no  no  no  no  no  no
healthz                                   ok  ok  ok  ok  ok  ok  ok  ok  ok  ok
impact:compare                            log no  no  no  no  no  ok  ok  ok  ok
impact:home                               log no  no  no  no  no  ok  ok  ok  ok
impact:indicator_new                      log no  no  no  no  no  ok  no  ok  ok
impact:indicators                         log no  no  no  no  no  ok  ok  ok  ok
impact:planner                            log no  no  no  no  no  ok  no  ok  ok
impact:public_home                        ok  ok  ok  ok  ok  ok  ok  ok  ok  ok
impact:study_new                          log no  no  no  no  no  ok  no  ok  ok
opendata:index                            ok  ok  ok  ok  ok  ok  ok  ok  ok  ok
opendata_files:giving_csv                 ok  ok  ok  ok  ok  ok  ok  ok  ok  ok
opendata_files:giving_json                ok  ok  ok  ok  ok  ok  ok  ok  ok  ok
opendata_files:giving_xlsx                ok  ok  ok  ok  ok  ok  ok  ok  ok  ok
opendata_files:iati                       ok  ok  ok  ok  ok  ok  ok  ok  ok  ok
portal:accessibility                      ok  ok  ok  ok  ok  ok  ok  ok  ok  ok
portal:dashboard                          log ok  ok  ok  ok  ok  ok  ok  ok  ok
portal:home                               ok  ok  ok  ok  ok  ok  ok  ok  ok  ok
portal:news_create                        log no  no  no  no  no  no  no  ok  ok
portal:news_list                          ok  ok  ok  ok  ok  ok  ok  ok  ok  ok
portal:privacy                            ok  ok  ok  ok  ok  ok  ok  ok  ok  ok
portal:programme                          ok  ok  ok  ok  ok  ok  ok  ok  ok  ok
programme:pending_assignments             log no  no  no  no  no  no  no  ok  ok
projects:indicators                       log no  no  no  no  no  no  no  ok  ok
projects:mine                             log no  ok  no  no  no  no  no  no  no
projects:payments                         log no  no  no  no  no  no  no  ok  ok
projects:portfolio                        log no  no  no  no  no  no  no  ok  ok
projects:public_list                      ok  ok  ok  ok  ok  ok  ok  ok  ok  ok
projects:rollup                           log no  no  no  no  no  ok  ok  ok  ok
questionnaires:collect_keys               log no  no  no  no  no  ok  no  ok  ok
questionnaires:create                     log no  no  no  no  no  ok  no  ok  ok
questionnaires:import                     log no  no  no  no  no  ok  no  ok  ok
questionnaires:list                       log no  no  no  no  no  ok  no  ok  ok
root                                      ok  ok  ok  ok  ok  ok  ok  ok  ok  ok
training:add_trainer                      log no  no  no  no  no  no  no  ok  ok
training:approvals                        log no  no  no  no  no  no  no  ok  ok
training:calendar                         ok  ok  ok  ok  ok  ok  ok  ok  ok  ok
training:curriculum                       ok  ok  ok  ok  ok  ok  ok  ok  ok  ok
training:manage                           log no  no  no  no  no  no  no  ok  ok
training:my_record                        log ok  ok  ok  ok  ok  ok  ok  ok  ok
training:plan                             log no  no  no  no  no  no  no  ok  ok
training:report_libraries                 log no  no  no  no  no  ok  ok  ok  ok
training:reports                          log no  no  no  no  no  ok  ok  ok  ok
training:trainer_sessions                 log ok  ok  ok  ok  ok  ok  ok  ok  ok
training:trainers                         log no  no  no  no  no  no  no  ok  ok
workplan:baseline                         log no  no  no  no  no  no  no  405 405
workplan:budget                           ok  ok  ok  ok  ok  ok  ok  ok  ok  ok
workplan:framework                        ok  ok  ok  ok  ok  ok  ok  ok  ok  ok
workplan:framework_xlsx                   ok  ok  ok  ok  ok  ok  ok  ok  ok  ok
workplan:gantt                            ok  ok  ok  ok  ok  ok  ok  ok  ok  ok
workplan:manage                           log no  no  no  no  no  no  no  ok  ok
workplan:milestones                       ok  ok  ok  ok  ok  ok  ok  ok  ok  ok
workplan:plan                             ok  ok  ok  ok  ok  ok  ok  ok  ok  ok
workplan:results                          ok  ok  ok  ok  ok  ok  ok  ok  ok  ok
"""


def rows() -> dict[str, dict[str, str]]:
    table = {}
    for line in TABLE.strip().splitlines()[1:]:
        page, *cells = line.split()
        table[page] = dict(zip(PERSONAS, cells, strict=True))
    return table


def outcome(response) -> str:  # type: ignore[no-untyped-def]
    if response.status_code in (403, 404):
        return "no"
    if response.status_code == 302 and "/login/" in response["Location"]:
        return "log"
    if response.status_code in (200, 302):
        return "ok"
    return str(response.status_code)


def test_every_page_has_a_row_and_every_row_a_page():
    assert sorted(rows()) == PAGES


@pytest.fixture
def clients(client, programme, library_a, outsider, django_user_model):  # type: ignore[no-untyped-def]
    from django.test import Client

    made = {"visitor": client}
    people = {"outsider": outsider}
    for persona, role in ROLES.items():
        extra = {"organisation": library_a} if role == Role.LIBRARY_STAFF else {}
        people[persona] = person_with_role(role, email=f"{persona}@table.example", **extra)
    people["admin"] = django_user_model.objects.create_superuser(
        email="admin@table.example", password="a long enough password 1"
    )
    for persona, person in people.items():
        made[persona] = Client()
        made[persona].force_login(person)
    return made


@pytest.mark.parametrize("page", PAGES)
def test_each_persona_gets_what_the_table_says(page, clients):
    expected = rows()[page]
    seen = {persona: outcome(clients[persona].get(reverse(page))) for persona in PERSONAS}
    assert seen == expected
