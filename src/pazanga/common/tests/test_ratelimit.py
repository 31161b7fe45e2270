"""Rate limits: the client behind trusted proxies, the refusal page and allauth's limits."""

import math
import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import translation

from pazanga.common.ratelimit import client_ip, period_seconds, rate_limit

PROXY = "10.0.0.1"
LOGIN = "/lt/accounts/login/"
PASSWORD = "correct-horse-battery"


def request_from(remote: str, forwarded: str | None = None, method: str = "get"):
    headers = {"X-Forwarded-For": forwarded} if forwarded is not None else {}
    return getattr(RequestFactory(), method)("/", REMOTE_ADDR=remote, headers=headers)


@pytest.mark.parametrize(
    ("proxies", "remote", "forwarded", "expected"),
    [
        (0, "198.51.100.7", None, "198.51.100.7"),
        (0, "198.51.100.7", "203.0.113.5", "198.51.100.7"),  # no proxy: the header is a lie
        (1, PROXY, "203.0.113.5", "203.0.113.5"),
        (1, PROXY, "192.0.2.66, 203.0.113.5", "203.0.113.5"),  # forged entry on the left
        (2, PROXY, "192.0.2.66, 203.0.113.5, 10.0.0.2", "203.0.113.5"),
        (1, PROXY, "2001:db8::1", "2001:db8::1"),
        (1, PROXY, "not-an-address", PROXY),
        (2, PROXY, "203.0.113.5", PROXY),  # shorter than the chain: never from our proxies
        (1, PROXY, None, PROXY),
    ],
)
def test_it_believes_forwarded_addresses_only_through_the_trusted_proxies(
    settings, proxies, remote, forwarded, expected
):
    settings.TRUSTED_PROXY_COUNT = proxies
    assert client_ip(request_from(remote, forwarded)) == expected


def test_it_reads_the_longest_period_of_a_rate():
    assert period_seconds("10/m/ip,5/5m/key") == 300
    assert period_seconds("20/h") == 3600
    assert period_seconds("3/30s") == 30


def registration_view(request, slug):
    return HttpResponse(f"registered for {slug}")


def test_it_refuses_posts_over_the_limit_with_429_retry_after_and_a_translated_page(settings):
    settings.RATE_LIMITS = {"event_registration": "3/h"}
    view = rate_limit("event_registration", per_url_argument="slug")(registration_view)
    client = "203.0.113.5"
    with translation.override("lt"):
        answers = [view(request_from(client, method="post"), slug="konferencija") for _ in range(4)]
    assert [answer.status_code for answer in answers] == [200, 200, 200, 429]
    refused = answers[-1]
    retry_after = int(refused["Retry-After"])
    assert 0 < retry_after <= 3600
    page = refused.content.decode()
    assert "Per daug bandymų" in page
    minutes = int(re.search(r"Palaukite (\d+) minu", page).group(1))  # minutę, minutes, minučių
    assert minutes == math.ceil(retry_after / 60)

    # Reading the form is never counted; another event and another client are not affected.
    assert view(request_from(client), slug="konferencija").status_code == 200
    assert view(request_from(client, method="post"), slug="mokymai").status_code == 200
    assert view(request_from("203.0.113.6", method="post"), slug="konferencija").status_code == 200


def test_it_counts_ipv6_clients_by_their_network(settings):
    settings.RATE_LIMITS = {"survey_submission": "2/m"}
    view = rate_limit("survey_submission")(lambda request: HttpResponse("saved"))
    first = view(request_from("2001:db8:1:2::10", method="post"))
    second = view(request_from("2001:db8:1:2::11", method="post"))
    third = view(request_from("2001:db8:1:2:ffff::1", method="post"))
    assert [first.status_code, second.status_code, third.status_code] == [200, 200, 429]
    assert view(request_from("2001:db8:1:3::10", method="post")).status_code == 200


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "login_failed": "10/m/ip,5/5m/key",
    }


def person(email: str):
    user = get_user_model().objects.create_user(email=email, password=PASSWORD)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def log_in(client, email: str, password: str, address: str):
    return client.post(
        LOGIN,
        {"login": email, "password": password},
        REMOTE_ADDR=PROXY,
        headers={"X-Forwarded-For": address},
    )


@pytest.mark.django_db
def test_behind_a_proxy_one_clients_failures_do_not_lock_out_another(client, behind_proxy):
    ona, bronius = person("ona@alytus.example"), person("bronius@birstonas.example")
    guesser, other = "203.0.113.5", "198.51.100.7"
    # Ten wrong guesses at ten addresses: each is checked, then the guesser's address is
    # refused, even when it forges another address in front of the proxy's entry.
    for number in range(10):
        wrong = log_in(client, f"guess{number}@example.org", "wrong-password", guesser)
        assert wrong.status_code == 200
        assert "neteisingi" in wrong.content.decode()
    refused = log_in(client, ona.email, PASSWORD, guesser)
    assert refused.status_code == 429
    assert refused["Retry-After"] == "300"
    assert "Per daug bandymų" in refused.content.decode()
    forged = log_in(client, ona.email, PASSWORD, f"{other}, {guesser}")
    assert forged.status_code == 429

    # Another client behind the same proxy signs in as usual.
    allowed = log_in(client, bronius.email, PASSWORD, other)
    assert allowed.status_code == 302
    assert client.session["_auth_user_id"] == str(bronius.pk)


@pytest.mark.django_db
def test_failures_for_one_address_lock_only_that_address(client, behind_proxy):
    ona, bronius = person("ona@alytus.example"), person("bronius@birstonas.example")
    guesser = "203.0.113.5"
    for _ in range(5):
        assert log_in(client, ona.email, "wrong-password", guesser).status_code == 200
    # Ona's account takes no more guesses, even with the right password, from anywhere...
    assert log_in(client, ona.email, PASSWORD, guesser).status_code == 429
    assert log_in(client, ona.email, PASSWORD, "198.51.100.7").status_code == 429
    # ...while Bronius signs in from the guesser's own address.
    assert log_in(client, bronius.email, PASSWORD, guesser).status_code == 302


@pytest.mark.django_db
def test_sign_up_and_password_reset_are_limited_with_the_429_page(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "signup": "3/m/ip",
        "reset_password": "20/m/ip,2/m/key",
    }
    statuses = [client.post("/en/accounts/signup/", {}).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = client.post("/en/accounts/signup/", {})
    assert refused["Retry-After"] == "60"
    assert "Too many attempts" in refused.content.decode()

    reset = "/en/accounts/password/reset/"
    data = {"email": "ona@alytus.example"}
    statuses = [client.post(reset, data).status_code for _ in range(3)]
    assert statuses == [302, 302, 429]
    # Another address is not affected by the first one's limit.
    assert client.post(reset, {"email": "bronius@birstonas.example"}).status_code == 302
