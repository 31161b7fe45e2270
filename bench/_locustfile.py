"""The mixed traffic of bench/load_test.py: visitors reading the public pages, and a few
programme staff opening their heavy pages. Run by Locust, headless."""

import os
import re

from locust import HttpUser, between, task

STAFF_EMAIL = "programa@pazanga.example"
STAFF_PASSWORD = os.environ.get("LOAD_STAFF_PASSWORD", "pazanga-demo-2014")
CONFERENCE = os.environ.get("LOAD_CONFERENCE_SLUG", "")
RANKING_CALL = os.environ.get("LOAD_RANKING_CALL", "")
DASHBOARD_EVENT = os.environ.get("LOAD_DASHBOARD_EVENT", "")


class Visitor(HttpUser):
    """An anonymous reader (the bulk of the traffic); compressed pages, as browsers ask."""

    weight = 9
    wait_time = between(0.5, 2)

    def on_start(self) -> None:
        self.client.headers["Accept-Encoding"] = "gzip"

    @task(5)
    def home(self) -> None:
        self.client.get("/lt/", name="home")

    @task(3)
    def events(self) -> None:
        self.client.get("/lt/events/", name="events")

    @task(2)
    def conference(self) -> None:
        if CONFERENCE:
            self.client.get(f"/lt/events/{CONFERENCE}/", name="conference")

    @task(2)
    def calendar(self) -> None:
        self.client.get("/lt/training/", name="training calendar")

    @task(2)
    def calls(self) -> None:
        self.client.get("/lt/grants/", name="calls")

    @task(1)
    def awarded(self) -> None:
        self.client.get("/lt/grants/awarded/", name="awarded")

    @task(2)
    def libraries(self) -> None:
        self.client.get("/lt/libraries/", name="libraries")

    @task(1)
    def projects(self) -> None:
        self.client.get("/en/projects/", name="projects (en)")

    @task(1)
    def news(self) -> None:
        self.client.get("/lt/news/", name="news")


class Staff(HttpUser):
    """Programme staff, signed in, on the pages that aggregate the most."""

    weight = 1
    wait_time = between(2, 5)

    def on_start(self) -> None:
        """Sign in through the real form. The cookies are Secure (production settings) and
        this test speaks plain HTTP, so they are sent back by hand."""
        page = self.client.get("/lt/accounts/login/", name="log in (form)")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        csrf = page.cookies.get("csrftoken", "")
        response = self.client.post(
            "/lt/accounts/login/",
            data={
                "login": STAFF_EMAIL,
                "password": STAFF_PASSWORD,
                "csrfmiddlewaretoken": token.group(1) if token else "",
            },
            headers={"Cookie": f"csrftoken={csrf}"},
            allow_redirects=False,
            name="log in",
        )
        session = response.cookies.get("sessionid", "")
        self.cookie = f"sessionid={session}; csrftoken={csrf}"
        if not session:
            response.failure = True
            raise RuntimeError(f"log-in failed: {response.status_code}")

    def get(self, url: str, name: str) -> None:
        with self.client.get(
            url, headers={"Cookie": self.cookie}, name=name, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")
            elif "csrfmiddlewaretoken" not in response.text:
                response.failure("not signed in")

    @task(2)
    def workspace(self) -> None:
        self.get("/lt/my/", "staff: my work")

    @task(1)
    def reports(self) -> None:
        self.get("/lt/training/reports/", "staff: training reports")

    @task(1)
    def ranking(self) -> None:
        if RANKING_CALL:
            self.get(f"/lt/grants/calls/{RANKING_CALL}/ranking/", "staff: grant ranking")

    @task(1)
    def dashboard(self) -> None:
        if DASHBOARD_EVENT:
            self.get(f"/lt/events/{DASHBOARD_EVENT}/manage/", "staff: event dashboard")

    @task(1)
    def portfolio(self) -> None:
        self.get("/lt/projects/manage/", "staff: projects portfolio")
