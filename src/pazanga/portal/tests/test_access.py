"""Every page without parameters, visited by a visitor and by the outsider persona.

A page that answers 200 must be listed here as public or personal; anything else must
refuse (403/404) or send to the log-in page. Pages with parameters are covered object by
object in each app's tests.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

pytestmark = pytest.mark.django_db

PUBLIC = {
    "root",
    "healthz",
    "portal:home",
    "portal:programme",
    "portal:news_list",
    "directory:organisation_list",
    "directory:municipality_list",
    "events:list",
    "events:past",
    "events_plain:feed",
    "training:calendar",
    "training:curriculum",
    "grants:calls",
    "grants:awarded",
    "portal:privacy",
    "portal:accessibility",
    "projects:public_list",
    "impact:public_home",
    *(f"workplan:{name}" for name in ("plan", "gantt", "milestones", "budget", "results")),
    *(f"workplan:{name}" for name in ("framework", "framework_xlsx")),
    "opendata:index",
    *(f"opendata_files:{name}" for name in ("giving_json", "giving_csv", "giving_xlsx", "iati")),
    *(f"api:{name}" for name in ("schema", "events", "sessions", "libraries", "calls")),
    *(f"api:{name}" for name in ("grants", "indicators")),
}
# Pages about the signed-in person themselves: they show that person's own things only.
PERSONAL = {
    "portal:dashboard",
    "directory:profile",
    "events:my_registrations",
    "training:my_record",
    "training:trainer_sessions",  # the sessions this person trains, or none
    "events:check_in_events",  # the events this person may check people in at, or none
}
ACCOUNT_PAGES = "account_"  # allauth's own pages: log-in, sign-up, password and e-mail forms
NOT_A_PAGE = {"set_language", "admin:jsi18n", "admin:autocomplete", "admin:logout", "admin:login"}


def page_names(patterns=None, namespace=None):  # type: ignore[no-untyped-def]
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            yield from page_names(pattern.url_patterns, pattern.namespace or namespace)
        elif isinstance(pattern, URLPattern) and pattern.name and takes_no_parameters(pattern):
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def takes_no_parameters(pattern: URLPattern) -> bool:
    return not pattern.pattern.converters and not pattern.pattern.regex.groups


PAGES = sorted(
    name
    for name in set(page_names())
    if not name.startswith(ACCOUNT_PAGES) and name not in NOT_A_PAGE
)


@pytest.mark.parametrize("name", PAGES)
def test_a_visitor_sees_only_public_pages(client, programme, name):
    response = client.get(reverse(name))
    if name in PUBLIC:
        assert response.status_code in (200, 302)
    else:
        assert response.status_code in (302, 403, 404), response.status_code
        if response.status_code == 302:
            assert "login" in response["Location"]


@pytest.mark.parametrize("name", PAGES)
def test_the_outsider_sees_only_public_and_personal_pages(client_of, outsider, programme, name):
    response = client_of(outsider).get(reverse(name))
    if name in PUBLIC | PERSONAL:
        assert response.status_code in (200, 302)
    else:
        assert response.status_code in (302, 403, 404), response.status_code
