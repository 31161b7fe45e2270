"""Every `next` goes through `pazanga.common.redirects`: only to an address of this site."""

import re
from pathlib import Path

import pytest
from django.test import RequestFactory

from pazanga.common.redirects import redirect_back, safe_next

SOURCES = Path(__file__).resolve().parents[2]  # src/pazanga
HOSTILE = [
    "https://evil.example/",
    "http://evil.example/lt/",
    "//evil.example/",
    "///evil.example/",
    "\\\\evil.example",
    "/\\evil.example",
    "https:evil.example",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    " https://evil.example",
    "http://testserver@evil.example/",
]
READS_NEXT = re.compile(r"""(GET|POST|REQUEST|query_params|data)\s*(\.get\(|\[)\s*["']next["']""")


def test_no_view_reads_next_except_through_the_one_helper():
    offenders = [
        str(path.relative_to(SOURCES))
        for path in SOURCES.rglob("*.py")
        if "tests" not in path.parts
        and path.name != "redirects.py"
        and READS_NEXT.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


@pytest.mark.parametrize("target", HOSTILE)
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_next_to_another_site_falls_back(target, method):
    request = getattr(RequestFactory(), method)("/lt/x/", {"next": target})
    assert safe_next(request) == ""
    assert redirect_back(request, "/lt/fallback/")["Location"] == "/lt/fallback/"


def test_a_next_on_this_site_is_followed_and_http_is_refused_under_https():
    request = RequestFactory().post("/lt/x/", {"next": "/lt/events/?page=2"})
    assert redirect_back(request, "/lt/")["Location"] == "/lt/events/?page=2"
    secure = RequestFactory().post("/lt/x/", {"next": "http://testserver/lt/events/"}, secure=True)
    assert safe_next(secure) == ""


@pytest.mark.django_db
@pytest.mark.parametrize("target", HOSTILE[:4])
def test_the_language_switch_stays_on_this_site(client, target):
    answer = client.post("/i18n/setlang/", {"language": "en", "next": target})
    assert answer.status_code == 302
    assert "evil" not in answer["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize("target", HOSTILE[:4])
def test_signing_in_stays_on_this_site(client, target):
    from django.contrib.auth import get_user_model

    person = get_user_model().objects.create_user(
        email="ona@example.org", password="a long enough password 1"
    )
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=person, email=person.email, verified=True, primary=True)
    answer = client.post(
        "/lt/accounts/login/?next=" + target,
        {"login": person.email, "password": "a long enough password 1", "next": target},
    )
    assert answer.status_code == 302
    assert "evil" not in answer["Location"]
