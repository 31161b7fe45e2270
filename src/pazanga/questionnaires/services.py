"""Writes with side effects: importing, versioning, answering and scoring.

This module (with `queries.py`, `answer_forms.AnswerForm` and `engine.load_definition`) is
the API other apps use. Events, training, grants and impact keep a ForeignKey to
`questionnaires.Questionnaire` and call:

    response = start_response(questionnaire, respondent=user, subject=registration)
    form = AnswerForm(load_definition(questionnaire), request.POST, request.FILES,
                      answers=response.answers, prefix="q")
    if form.is_valid():
        save_answers(response, form.answers)
        submit_response(response, actor=user)   # scores tests, raises ResponseInvalidError

or in one step `submit_answers(questionnaire, answers, respondent=..., subject=...)`.
"""

from collections.abc import Mapping
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, models, transaction
from django.db.models import Max, Q, Sum
from django.utils import timezone
from django.utils.text import slugify

from pazanga.common.audit import log_action
from pazanga.common.refusals import Refusal
from pazanga.programme.models import Programme
from pazanga.programme.permissions import roles_of
from pazanga.questionnaires import scoring
from pazanga.questionnaires.engine import load_definition
from pazanga.questionnaires.enums import (
    Audience,
    QuestionnaireStatus,
    QuestionType,
    ResponseStatus,
)
from pazanga.questionnaires.models import (
    Choice,
    ChoiceList,
    Question,
    Questionnaire,
    Response,
    Section,
    UploadedAnswerFile,
)
from pazanga.questionnaires.workflow import transition_response
from pazanga.questionnaires.xlsform.convert import questionnaire_from_spec
from pazanga.questionnaires.xlsform.reader import read_xlsform

# Files one response may hold in all (each file is capped by its question's field).
MAX_RESPONSE_FILE_BYTES = 50 * 1024 * 1024


class QuestionnaireClosedError(Refusal):
    """The questionnaire does not accept answers (a draft, or closed)."""

    def __init__(self, code: str = "") -> None:
        super().__init__("questionnaires.closed", questionnaire=code)


class ResponseInvalidError(Refusal):
    """Some shown questions are unanswered or break their constraints; `errors` maps each
    question's name to its message."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("questionnaires.invalid", details=list(errors.values()))
        self.errors = errors


def next_version_number(code: str) -> int:
    highest = Questionnaire.objects.filter(code=code).aggregate(v=Max("version"))["v"]
    return (highest or 0) + 1


def import_questionnaire(
    data: bytes,
    *,
    programme: Programme,
    actor: Any,
    code: str = "",
    attachments: Mapping[str, bytes] | None = None,
) -> Questionnaire:
    """Create a draft questionnaire from the bytes of an XLSForm workbook.

    `attachments` are the files the form names (CSV choice lists, pulldata data, media),
    by file name; they are stored with the version. Raises WrongFileError / XLSFormError
    (from the reader) and changes nothing then. The code is
    `code`, else the form's form_id; when that code exists the import becomes its next
    version. Side effects: creates the questionnaire, its sections, questions, choice lists
    and choices; writes `questionnaires.questionnaire.imported`.
    """
    form = read_xlsform(data, attachments)
    code = code or slugify(form.form_id)[:60] or "questionnaire"
    with transaction.atomic():
        previous = Questionnaire.objects.filter(code=code).order_by("-version").first()
        questionnaire = questionnaire_from_spec(
            form,
            programme=programme,
            code=code,
            version=next_version_number(code),
            created_by=actor,
            attachments=attachments,
        )
        if previous is not None:
            questionnaire.previous_version = previous
            questionnaire.save(update_fields=["previous_version"])
        log_action(
            questionnaire,
            "questionnaires.questionnaire.imported",
            actor=actor,
            data={"questions": len(form.questions), "source_version": form.version},
        )
    return questionnaire


def _copy_fields(obj: models.Model, **changes: Any) -> dict[str, Any]:
    skip = {"id", "pk"}
    values = {
        f.attname: getattr(obj, f.attname)
        for f in obj._meta.concrete_fields
        if f.attname not in skip and not f.primary_key
    }
    values.update(changes)
    return values


@transaction.atomic
def create_new_version(questionnaire: Questionnaire, *, actor: Any) -> Questionnaire:
    """A draft copy of `questionnaire` to edit; the existing draft if there already is one.

    Side effects: creates the new version with copies of every section, question, choice
    list and choice; writes `questionnaires.questionnaire.new_version`. The old version and
    its responses are untouched (it is closed when the new one is published).
    """
    locked = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
    existing = Questionnaire.objects.filter(
        code=locked.code, status=QuestionnaireStatus.DRAFT
    ).first()
    if existing is not None:
        return existing
    latest = Questionnaire.objects.filter(code=locked.code).order_by("-version").first()
    new = Questionnaire.objects.create(
        **_copy_fields(
            locked,
            version=next_version_number(locked.code),
            previous_version_id=latest.pk if latest else None,
            status=QuestionnaireStatus.DRAFT,
            published_at=None,
            closed_at=None,
            created_by_id=actor.pk if getattr(actor, "pk", None) else locked.created_by_id,
            public_token=Questionnaire._meta.get_field("public_token").get_default(),
        )
    )
    section_map = {}
    for section in locked.sections.all():
        section_map[section.pk] = Section.objects.create(
            **_copy_fields(section, questionnaire_id=new.pk)
        )
    list_map = {}
    for choice_list in locked.choice_lists.prefetch_related("choices").order_by("pk"):
        list_map[choice_list.pk] = ChoiceList.objects.create(
            questionnaire=new, name=choice_list.name
        )
        Choice.objects.bulk_create(
            Choice(**_copy_fields(c, choice_list_id=list_map[choice_list.pk].pk))
            for c in choice_list.choices.all()
        )
    Question.objects.bulk_create(
        Question(
            **_copy_fields(
                q,
                questionnaire_id=new.pk,
                section_id=section_map[q.section_id].pk if q.section_id else None,
                choice_list_id=list_map[q.choice_list_id].pk if q.choice_list_id else None,
            )
        )
        for q in locked.questions.all()
    )
    log_action(
        new,
        "questionnaires.questionnaire.new_version",
        actor=actor,
        data={"from_version": locked.version},
    )
    return new


def subject_key(subject: models.Model | None) -> tuple[ContentType | None, str]:
    if subject is None:
        return None, ""
    return ContentType.objects.get_for_model(subject), str(subject.pk)


class NotInvitedError(Refusal):
    """The questionnaire's audience does not include this respondent (or this entrance)."""

    def __init__(self, code: str = "") -> None:
        super().__init__("questionnaires.not_invited", questionnaire=code)


def may_answer(
    questionnaire: Questionnaire, respondent: Any = None, subject: models.Model | None = None
) -> bool:
    """Whether the questionnaire's audience includes this respondent.

    An answer about a subject (an enrolment, a registration, an application, a report) is
    started by the app that holds the subject, which has checked that the person takes
    part in it; without a subject, participants' questionnaires are closed to everyone,
    invitees' need a role the questionnaire invites, and a link's take anyone.
    """
    if subject is not None or questionnaire.audience == Audience.LINK:
        return True
    if questionnaire.audience != Audience.INVITEES:
        return False
    if not getattr(respondent, "is_authenticated", False):
        return False
    held = roles_of(respondent, questionnaire.programme)
    invited = set(questionnaire.invited_roles or ())
    return bool(held & invited) if invited else bool(held)


def find_response(
    questionnaire: Questionnaire,
    *,
    respondent: Any = None,
    subject: models.Model | None = None,
) -> Response | None:
    """The response `respondent` is filling in (or has given, with one response per
    person) for `subject`, without creating one; None for anonymous respondents."""
    if not getattr(respondent, "is_authenticated", False):
        return None
    subject_type, subject_id = subject_key(subject)
    existing = Response.objects.filter(
        questionnaire=questionnaire,
        respondent=respondent,
        subject_type=subject_type,
        subject_id=subject_id,
    )
    if not questionnaire.one_response_per_person:
        existing = existing.filter(status=ResponseStatus.DRAFT)
    return existing.order_by("-started_at", "-pk").first()


def start_response(
    questionnaire: Questionnaire,
    *,
    respondent: Any = None,
    subject: models.Model | None = None,
    language: str = "lt",
) -> Response:
    """The response `respondent` is filling in (or has given) for `subject`, or a new one.

    With one response per person, a person's second start returns their first response,
    even when two requests race (a unique constraint decides). Anonymous starts always
    create a new response; the caller keeps its token. Raises QuestionnaireClosedError when
    the questionnaire does not accept answers, NotInvitedError when its audience does not
    include the respondent (`may_answer`). Side effect: may create a Response.
    """
    if not questionnaire.accepts_answers:
        raise QuestionnaireClosedError(questionnaire.code)
    if not may_answer(questionnaire, respondent, subject):
        raise NotInvitedError(questionnaire.code)
    subject_type, subject_id = subject_key(subject)
    if language not in questionnaire.language_codes:
        language = questionnaire.language_codes[0]
    fields = {
        "questionnaire": questionnaire,
        "respondent": respondent if getattr(respondent, "is_authenticated", False) else None,
        "subject_type": subject_type,
        "subject_id": subject_id,
    }
    found = find_response(questionnaire, respondent=respondent, subject=subject)
    if found is not None:
        return found
    once_key = None
    if fields["respondent"] is not None and questionnaire.one_response_per_person:
        once_key = f"user:{respondent.pk}:{subject_type.pk if subject_type else ''}:{subject_id}"
    try:
        with transaction.atomic():
            return Response.objects.create(**fields, once_key=once_key, language=language)
    except IntegrityError:
        return Response.objects.get(questionnaire=questionnaire, once_key=once_key)


def save_answers(
    response: Response, answers: dict[str, object], *, page: int | None = None
) -> Response:
    """Merge `answers` (from AnswerForm.answers) into a draft response and save it.

    Uploaded files are stored and the answer keeps the file's name; a file replaced or
    removed is deleted (from storage once the transaction commits), and a response holds
    at most MAX_RESPONSE_FILE_BYTES of files (refusal `questionnaires.files_too_large`).
    Answers to questions
    that are no longer shown are kept in the draft (the respondent may go back) and dropped
    on submission. Raises QuestionnaireClosedError for a submitted response or a closed form.
    """
    if response.is_submitted or not response.questionnaire.accepts_answers:
        raise QuestionnaireClosedError(response.questionnaire.code)
    merged = dict(response.answers)
    for name, value in answers.items():
        if value is None:
            merged.pop(name, None)
            drop_files(response, name)
        else:
            merged[name] = store_files(response, name, value)
    response.answers = merged
    fields = ["answers", "updated_at"]
    if page is not None:
        response.page = page
        fields.append("page")
    response.save(update_fields=fields)
    return response


def store_files(response: Response, key: str, value: Any) -> Any:
    """`value` with every uploaded file in it (at any depth of repeats) stored as an
    UploadedAnswerFile and replaced by its name; `key` names the place (engine keys)."""
    if isinstance(value, UploadedFile):
        replaced = UploadedAnswerFile.objects.filter(response=response, question_name=key[:200])
        kept = (
            UploadedAnswerFile.objects.filter(response=response)
            .exclude(pk__in=replaced.values("pk"))
            .aggregate(size=Sum("size"))["size"]
            or 0
        )
        if kept + (value.size or 0) > MAX_RESPONSE_FILE_BYTES:
            raise Refusal(
                "questionnaires.files_too_large", size=MAX_RESPONSE_FILE_BYTES // (1024 * 1024)
            )
        for old in replaced:
            old.delete()
        stored = UploadedAnswerFile.objects.create(
            response=response,
            question_name=key[:200],
            file=value,
            original_name=value.name[:255],
            size=value.size or 0,
        )
        return stored.original_name
    if isinstance(value, list):
        return [
            {k: store_files(response, f"{key}/{i}/{k}", v) for k, v in item.items()}
            if isinstance(item, dict)
            else item
            for i, item in enumerate(value)
        ]
    return value


def drop_files(response: Response, key: str) -> None:
    """Delete the files answering `key` (and, for a repeat, every file inside it)."""
    for old in UploadedAnswerFile.objects.filter(response=response).filter(
        Q(question_name=key) | Q(question_name__startswith=f"{key}/")
    ):
        old.delete()


def metadata_answers(definition: Any, response: Response, actor: Any) -> dict[str, str]:
    """What the platform knows for metadata questions (start, end, today, username,
    deviceid) at the top of the form; a device's own values (ODK Collect) are kept."""
    person = response.respondent or (actor if getattr(actor, "is_authenticated", False) else None)
    moment = timezone.localtime()
    known = {
        QuestionType.START: timezone.localtime(response.started_at).isoformat(
            timespec="milliseconds"
        ),
        QuestionType.END: moment.isoformat(timespec="milliseconds"),
        QuestionType.TODAY: moment.date().isoformat(),
        QuestionType.USERNAME: getattr(person, "email", "") or "",
        QuestionType.DEVICEID: f"web:{response.token[:12]}",
    }
    return {
        question.name: known[question.type]
        for question in definition.questions
        if question.type in known
        and not definition.repeat_path.get(question.name)
        and not response.answers.get(question.name)
    }


def without_files(value: Any) -> Any:
    """`value` with uploaded files replaced by their names (previews store nothing)."""
    if hasattr(value, "read") and hasattr(value, "name"):
        return value.name
    if isinstance(value, list):
        return [
            {k: without_files(v) for k, v in item.items()} if isinstance(item, dict) else item
            for item in value
        ]
    return value


def score_response(response: Response) -> scoring.Score:
    """The score of `response` (points, maximum, passed) without saving anything."""
    definition = load_definition(response.questionnaire)
    return scoring.score(
        definition.scored_questions(), response.answers, response.questionnaire.pass_mark
    )


def submit_response(response: Response, *, actor: Any = None) -> Response:
    """Check every shown question, drop hidden answers, score a test and submit.

    Submitting a submitted response again returns it unchanged (a double click gives one
    response). Raises QuestionnaireClosedError, or ResponseInvalidError with per-question messages.
    Side effects: saves the cleaned answers and score; the response's status change goes
    through `workflow.transition_response` (audit entry `questionnaires.response.submitted`).
    """
    with transaction.atomic():
        locked = (
            Response.objects.select_for_update().select_related("questionnaire").get(pk=response.pk)
        )
        if locked.is_submitted:
            return locked
        if not locked.questionnaire.accepts_answers:
            raise QuestionnaireClosedError(locked.questionnaire.code)
        definition = load_definition(locked.questionnaire)
        locked.answers = {**locked.answers, **metadata_answers(definition, locked, actor)}
        errors = definition.errors(locked.answers)
        if errors:
            raise ResponseInvalidError(errors)
        locked.answers = definition.clean_answers(locked.answers)
        for old in UploadedAnswerFile.objects.filter(response=locked):
            if old.question_name.split("/", 1)[0] not in locked.answers:
                old.delete()  # the answer was dropped with its hidden question
        if locked.questionnaire.is_scored:
            result = scoring.score(
                definition.scored_questions(), locked.answers, locked.questionnaire.pass_mark
            )
            locked.score, locked.max_score, locked.passed = (
                result.points,
                result.maximum,
                result.passed,
            )
        transition_response(locked, ResponseStatus.SUBMITTED, actor=actor)
    response.refresh_from_db()
    return response


def submit_answers(
    questionnaire: Questionnaire,
    answers: dict[str, object],
    *,
    respondent: Any = None,
    subject: models.Model | None = None,
    language: str = "lt",
) -> Response:
    """Start (or resume), fill in and submit a response in one step, for embedded forms.

    Side effects and errors: those of start_response, save_answers and submit_response.
    """
    response = start_response(
        questionnaire, respondent=respondent, subject=subject, language=language
    )
    if response.is_submitted:
        return response
    save_answers(response, answers)
    return submit_response(response, actor=respondent)
