"""Every audit action the platform writes reads as a sentence in both languages."""

import ast
import importlib
from pathlib import Path

import pytest
from django.apps import apps
from django.utils import translation

from pazanga.common.audit import describe, labels_of
from pazanga.common.workflow import Workflow

ROOT = Path(__file__).resolve().parents[2]


def written_actions() -> set[str]:
    """Actions passed to log_action as literal text, and every status of every workflow."""
    found: set[str] = set()
    for path in ROOT.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", getattr(node.func, "attr", "")) == "log_action"
                and len(node.args) > 1
                and isinstance(node.args[1], ast.Constant)
            ):
                found.add(node.args[1].value)
    for config in apps.get_app_configs():
        if not config.name.startswith("pazanga."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.workflow")
        except ModuleNotFoundError:
            continue
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, Workflow) and value is not Workflow:
                found |= {f"{value.action}.{status}" for status in value.statuses.values}
    return found


ACTIONS = sorted(written_actions())


def test_the_actions_are_found():
    assert "grants.application.submitted" in ACTIONS
    assert "events.registration.unverified" in ACTIONS
    assert "portal.news.saved" in ACTIONS


@pytest.mark.parametrize("action", ACTIONS)
def test_every_action_has_a_label_in_both_languages(action):
    app, _dot, rest = action.partition(".")
    assert rest in labels_of(app), f"{action} has no label in pazanga/{app}/audit_labels.py"
    with translation.override("en"):
        english = describe(action)
    with translation.override("lt"):
        lithuanian = describe(action)
    assert english != lithuanian, f"{action} is not translated"
    assert "." not in english.rstrip(".") or " " in english


def test_an_unknown_action_still_reads_as_words():
    with translation.override("en"):
        assert describe("nosuchapp.thing.done") == "Change recorded"
