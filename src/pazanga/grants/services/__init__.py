"""Writes with side effects, one module per stage of a call; each function's docstring
lists its side effects and the refusals (`grants.<reason>`, worded in grants/refusals.py)
it may raise. Pure rules live in grants/rules.py, status changes in grants/workflow.py.

- `calls`: set-up of a call;
- `applying`: start, edit, attach, submit, withdraw;
- `eligibility`: staff confirm or override the automatic checks;
- `conflicts`: computed and declared conflicts of interest;
- `assignment`: the panel and reviewer assignment (solver and by hand);
- `reviews`: scoring, submitting, reminders;
- `decision`: the committee's funding decision.
"""

from pazanga.grants.services.applying import (
    add_attachment,
    answers_response,
    build_snapshot,
    delete_attachment,
    editing,
    save_draft,
    start_application,
    submit_application,
    withdraw_application,
)
from pazanga.grants.services.assignment import (
    AssignmentReport,
    add_assignment,
    add_panel_seat,
    assign_reviewers,
    assignment_problem,
    panel_candidates,
    remove_assignment,
    remove_panel_seat,
)
from pazanga.grants.services.calls import save_call
from pazanga.grants.services.conflicts import declare_conflict, refresh_conflicts
from pazanga.grants.services.decision import Outcome, decidable, record_decision
from pazanga.grants.services.eligibility import decide_eligibility
from pazanga.grants.services.reviews import save_review, send_review_reminders

__all__ = [
    "AssignmentReport",
    "Outcome",
    "add_assignment",
    "add_attachment",
    "add_panel_seat",
    "answers_response",
    "assign_reviewers",
    "assignment_problem",
    "build_snapshot",
    "decidable",
    "decide_eligibility",
    "declare_conflict",
    "delete_attachment",
    "editing",
    "panel_candidates",
    "record_decision",
    "refresh_conflicts",
    "remove_assignment",
    "remove_panel_seat",
    "save_call",
    "save_draft",
    "save_review",
    "send_review_reminders",
    "start_application",
    "submit_application",
    "withdraw_application",
]
