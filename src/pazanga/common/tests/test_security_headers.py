"""Security headers on every page, and templates that need no inline script or style."""

import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[3]
TEMPLATES = sorted(SRC.glob("pazanga/*/templates/**/*.html"))


@pytest.mark.django_db
def test_every_page_gets_a_strict_content_security_policy_and_referrer_policy(client):
    page = client.get("/lt/")
    assert page.status_code == 200
    policy = dict(
        directive.strip().split(" ", 1) for directive in page["Content-Security-Policy"].split(";")
    )
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["form-action"] == "'self'"
    assert "unsafe" not in page["Content-Security-Policy"]
    assert page["Referrer-Policy"] == "same-origin"
    assert page["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_no_page_but_check_in_may_use_the_camera(client):
    features = dict(
        feature.split("=") for feature in client.get("/lt/")["Permissions-Policy"].split(", ")
    )
    assert features["camera"] == "()"
    assert features["microphone"] == "()"
    assert features["geolocation"] == "()"
    # Error pages too.
    assert "camera=()" in client.get("/lt/no-such-page/")["Permissions-Policy"]


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I)
HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)
STYLE = re.compile(r"<style\b|\sstyle\s*=", re.I)


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: str(path.relative_to(SRC)))
def test_templates_have_no_inline_script_handler_or_style(template):
    text = template.read_text(encoding="utf-8")
    assert not INLINE_SCRIPT.search(text)
    assert not HANDLER.search(text)
    assert not STYLE.search(text)


def test_the_template_check_reads_the_templates():
    assert len(TEMPLATES) > 50
    assert INLINE_SCRIPT.search("<script>alert(1)</script>")
    assert not INLINE_SCRIPT.search('<script src="/static/x.js" defer></script>')
    assert HANDLER.search('<button onclick="go()">')
    assert STYLE.search('<span style="width: 5%">')
