"""Reports: writing, submitting, approving or returning them, and their receipts."""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone, translation

from pazanga.common.audit import log_action
from pazanga.common.refusals import Refusal
from pazanga.common.uploads import check_upload
from pazanga.projects import rules
from pazanga.projects.enums import EDITABLE_REPORT, RUNNING, ReportSection, ReportStatus
from pazanga.projects.models import (
    Grant,
    GrantBudgetLine,
    Indicator,
    IndicatorValue,
    Receipt,
    Report,
    ReportExpense,
    ReportVersion,
)
from pazanga.projects.narrative import report_questionnaire
from pazanga.projects.workflow import change_report, lock_grant, touch

R = ReportStatus
RECEIPT_KINDS = ("pdf", "png", "jpeg")
MAX_RECEIPT_BYTES = 10 * 1024 * 1024
ZERO = Decimal(0)


@dataclass(frozen=True)
class ValueInput:
    """An indicator's value as typed: the total, its breakdowns and, for a distinct count,
    the organisations counted."""

    indicator: Indicator
    value: Decimal
    breakdown: dict[str, dict[str, Decimal]] = field(default_factory=dict)
    items: list[int] = field(default_factory=list)


def narrative_of(report: Report) -> Any:
    """The draft questionnaire response holding the report's narrative (started on first use).

    Side effect: may import and publish the report questionnaire, and start a response.
    """
    from pazanga.questionnaires.services import start_response

    if report.narrative_id is None:
        questionnaire = report_questionnaire(report.grant.programme)
        response = start_response(questionnaire, subject=report, language=report.grant.language)
        Report.objects.filter(pk=report.pk, narrative__isnull=True).update(narrative=response)
        report.refresh_from_db(fields=["narrative"])
    return report.narrative


def check_editable(report: Report, grant: Grant) -> None:
    if grant.status not in RUNNING:
        raise Refusal("projects.report_grant_closed", status=grant.status)
    if report.status not in EDITABLE_REPORT:
        raise Refusal("projects.report_locked", status=report.status)


def spent_elsewhere(report: Report) -> dict[int, Decimal]:
    """Per budget line, what the grant's other reports (not cancelled) say was spent."""
    rows = (
        ReportExpense.objects.filter(report__grant_id=report.grant_id)
        .exclude(report=report)
        .exclude(report__status=R.CANCELLED)
        .values("line_id")
        .annotate(total=Sum("amount"))
    )
    return {row["line_id"]: row["total"] or ZERO for row in rows}


def over_line_refusal(
    lines: list[GrantBudgetLine],
    expenses: dict[int, Decimal],
    elsewhere: dict[int, Decimal],
    currency: str,
) -> Refusal | None:
    """The refusal for expenditure above what a line (as amended) allows, or None."""
    problems = []
    first = None
    for line in lines:
        amount = expenses.get(line.pk, ZERO)
        available = line.current_amount - elsewhere.get(line.pk, ZERO)
        if amount > available:
            first = first or line
            problems.append(
                rules.over_line_text(line.description, amount, max(available, ZERO), currency)
            )
    if first is None:
        return None
    return Refusal("projects.over_line", field=f"line-{first.pk}", details=problems)


def save_report(
    report: Report,
    *,
    actor: Any,
    expenses: dict[int, Decimal],
    co_financing_received: Decimal,
    public_summary: str,
    values: list[ValueInput],
    narrative_answers: dict[str, object] | None = None,
) -> Report:
    """Save what the library typed into a report being written (or returned to it).

    Refusals (nothing saved): the grant is not under way (`projects.report_grant_closed`);
    the report is submitted or approved (`projects.report_locked`); spending on a line above
    what it holds as amended, counting the grant's other reports (`projects.over_line`, one
    detail per line); a negative amount (`projects.negative`); a breakdown that does not add
    up to its total (`projects.breakdown`). Side effects: expenditure rows, indicator
    values, narrative answers; the grant's last activity.
    """
    from pazanga.questionnaires.services import save_answers

    with transaction.atomic():
        grant = lock_grant(report.grant_id)
        locked = Report.objects.select_for_update().get(pk=report.pk)
        check_editable(locked, grant)
        if co_financing_received < 0 or any(amount < 0 for amount in expenses.values()):
            raise Refusal("projects.negative", field="co_financing_received")
        lines = list(grant.budget_lines.all())
        refusal = over_line_refusal(lines, expenses, spent_elsewhere(locked), grant.currency)
        if refusal is not None:
            raise refusal
        for item in values:
            rules.check_value(item.indicator, item.value, item.breakdown, item.items)
        store_expenses(locked, lines, expenses)
        store_values(locked, values)
        locked.co_financing_received = co_financing_received
        locked.public_summary = public_summary.strip()
        locked.save(update_fields=["co_financing_received", "public_summary", "updated_at"])
        if narrative_answers is not None:
            locked.grant = grant
            save_answers(narrative_of(locked), narrative_answers)
        touch(grant)
    report.refresh_from_db()
    return report


def store_expenses(
    report: Report, lines: list[GrantBudgetLine], expenses: dict[int, Decimal]
) -> None:
    known = {line.pk for line in lines}
    given = {pk: amount for pk, amount in expenses.items() if pk in known}
    ReportExpense.objects.filter(report=report, line_id__in=given).delete()
    ReportExpense.objects.bulk_create(
        ReportExpense(report=report, line_id=pk, amount=amount) for pk, amount in given.items()
    )


def store_values(report: Report, values: list[ValueInput]) -> None:
    IndicatorValue.objects.filter(
        report=report, indicator__in=[item.indicator for item in values]
    ).delete()
    IndicatorValue.objects.bulk_create(
        IndicatorValue(
            report=report,
            indicator=item.indicator,
            value=Decimal(len(set(item.items))) if item.indicator.is_distinct else item.value,
            breakdown={
                name: {category: str(number) for category, number in counts.items()}
                for name, counts in item.breakdown.items()
            },
            items=sorted(set(item.items)),
        )
        for item in values
    )


def submission_problems(report: Report, grant: Grant, definition: Any) -> list[Refusal]:
    """What stops a report from being submitted, one refusal per part."""
    problems = []
    response = narrative_of(report)
    missing = definition.errors(response.answers)
    if missing:
        problems.append(Refusal("projects.narrative_incomplete", details=list(missing.values())))
    given = set(report.values.values_list("indicator_id", flat=True))
    unanswered = [
        str(target.indicator.name)
        for target in grant.targets.select_related("indicator")
        if target.indicator_id not in given
    ]
    if unanswered:
        problems.append(Refusal("projects.values_missing", details=unanswered))
    if report.is_final and not report.public_summary.strip():
        problems.append(Refusal("projects.summary_required", field="public_summary"))
    return problems


def submit_report(report: Report, *, actor: Any, quiet: bool = False) -> Report:
    """Submit a report for approval; the version submitted is kept whole.

    Refusals: those of the workflow (the grant closed, a second click), and what
    `submission_problems` finds, all at once (`projects.incomplete`, one detail per
    problem). Side effects: the narrative response is submitted through the questionnaire
    engine; a ReportVersion with the snapshot; the workflow's move (staff e-mailed, a final
    report moves the grant into final reporting).
    """
    from pazanga.questionnaires.engine import load_definition
    from pazanga.questionnaires.services import submit_response

    with transaction.atomic():
        grant = lock_grant(report.grant_id)
        locked = Report.objects.select_for_update().get(pk=report.pk)
        locked.grant = grant
        check_editable(locked, grant)
        definition = load_definition(narrative_of(locked).questionnaire)
        problems = submission_problems(locked, grant, definition)
        if problems:
            details = [text for p in problems for text in (p.details or [p.message])]
            raise Refusal("projects.incomplete", details=details)
        response = submit_response(narrative_of(locked), actor=actor)
        change_report(locked, R.SUBMITTED, actor=actor, quiet=quiet)
        locked.refresh_from_db()
        ReportVersion.objects.create(
            report=locked,
            number=locked.version_count,
            submitted_at=locked.submitted_at or timezone.now(),
            submitted_by=actor if getattr(actor, "is_authenticated", False) else None,
            narrative=response,
            snapshot=snapshot(locked, response, definition),
        )
    report.refresh_from_db()
    return report


def snapshot(report: Report, response: Any, definition: Any) -> dict[str, Any]:
    """The report as submitted, readable without the live rows (both languages)."""
    from pazanga.questionnaires.engine import display_value

    narrative = []
    for question in definition.questions:
        if not question.takes_answer or question.name not in response.answers:
            continue
        row = {"name": question.name}
        for language in ("lt", "en"):
            with translation.override(language):
                row[f"label_{language}"] = question.text("label", language) or question.name
                row[f"value_{language}"] = display_value(
                    definition, question, response.answers[question.name]
                )
        narrative.append(row)
    spent = {e.line_id: e.amount for e in report.expenses.all()}
    return {
        "narrative": narrative,
        "expenses": [
            {
                "line": line.description,
                "current": str(line.current_amount),
                "spent": str(spent.get(line.pk, ZERO)),
            }
            for line in report.grant.budget_lines.all()
        ],
        "co_financing_received": str(report.co_financing_received),
        "public_summary": report.public_summary,
        "values": [
            {
                "code": value.indicator.code,
                "name_lt": value.indicator.name_lt,
                "name_en": value.indicator.name_en,
                "value": str(value.value),
                "breakdown": value.breakdown,
                "items": value.items,
            }
            for value in report.values.select_related("indicator")
        ],
        "receipts": [receipt.original_name for receipt in report.receipts.all()],
    }


def review_report(
    report: Report, *, approve: bool, comments: dict[str, str], actor: Any, quiet: bool = False
) -> Report:
    """Approve a submitted report, or return it with comments per section.

    Refusals: the workflow's (not submitted any more, a return without any comment).
    Side effects: the decision and comments on the version submitted; on return, a new
    narrative draft carrying the submitted answers (the submitted one stays with its
    version); the workflow's move (tranche released on approval, library e-mailed).
    """
    from pazanga.questionnaires.services import save_answers, start_response

    comments = {
        section: text.strip()
        for section, text in comments.items()
        if section in ReportSection.values and text.strip()
    }
    to = R.APPROVED if approve else R.RETURNED
    with transaction.atomic():
        change_report(report, to, actor=actor, comments=comments, decider=actor, quiet=quiet)
        now = timezone.now()
        ReportVersion.objects.filter(report=report, number=report.version_count).update(
            outcome=to, comments=comments, decided_at=now, decided_by=actor
        )
        if to == R.RETURNED and report.narrative_id is not None:
            submitted = report.narrative
            fresh = start_response(
                submitted.questionnaire, subject=report, language=submitted.language
            )
            save_answers(fresh, dict(submitted.answers))
            Report.objects.filter(pk=report.pk).update(narrative=fresh)
    report.refresh_from_db()
    return report


def add_receipt(report: Report, upload: IO[bytes], *, actor: Any) -> Receipt:
    """Attach a receipt (PDF or image, recognised by content) to a report being written.

    Refusals: `projects.receipt_kind` for another kind of file or one too large, and
    those of `check_editable`. Side effects: the stored file; audit entry
    `projects.report.receipt_added`.
    """
    try:
        kind = check_upload(upload, RECEIPT_KINDS, MAX_RECEIPT_BYTES)
    except ValidationError as error:
        raise Refusal("projects.receipt_kind", field="file") from error
    with transaction.atomic():
        grant = lock_grant(report.grant_id)
        check_editable(Report.objects.get(pk=report.pk), grant)
        name = str(getattr(upload, "name", "") or "receipt")[:255]
        receipt = Receipt(
            report=report,
            original_name=name,
            kind=kind,
            size=getattr(upload, "size", None) or 0,
            uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        receipt.file.save(
            f"{grant.reference}-{kind}.{'jpg' if kind == 'jpeg' else kind}",
            File(upload),
            save=False,
        )
        receipt.save()
        log_action(report, "projects.report.receipt_added", actor=actor, data={"name": name})
        touch(grant)
    return receipt


def delete_receipt(receipt: Receipt, *, actor: Any) -> None:
    """Remove a receipt from a report being written (refused once it is submitted)."""
    with transaction.atomic():
        grant = lock_grant(receipt.report.grant_id)
        check_editable(Report.objects.get(pk=receipt.report_id), grant)
        log_action(
            receipt.report,
            "projects.report.receipt_removed",
            actor=actor,
            data={"name": receipt.original_name},
        )
        receipt.file.delete(save=False)
        receipt.delete()
