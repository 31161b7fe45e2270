"""A submission from ODK Collect becomes a response of the version it was made with.

The instance XML names its form and version on the root element (`id`, `version`); its
elements are the form's questions (groups as elements, each repeat instance as one
element), `meta/instanceID` identifies it. A duplicate instanceID is stored once. Anything
wrong is a SubmissionError with the HTTP status ODK Collect understands, and nothing is
saved.
"""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from defusedxml import ElementTree
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from pazanga.common.refusals import Refusal
from pazanga.common.uploads import check_upload
from pazanga.questionnaires.answer_forms import ANSWER_FILE_KINDS, MAX_ANSWER_FILE_BYTES
from pazanga.questionnaires.engine import FormDefinition, Path, load_definition
from pazanga.questionnaires.enums import (
    UPLOAD_TYPES,
    QuestionnaireStatus,
    QuestionType,
    ResponseStatus,
)
from pazanga.questionnaires.media import check_media
from pazanga.questionnaires.models import CollectToken, Questionnaire, Response
from pazanga.questionnaires.services import store_files
from pazanga.questionnaires.workflow import transition_response

MAX_SUBMISSION_XML_BYTES = 10 * 1024 * 1024
MAX_SUBMISSION_BYTES = 50 * 1024 * 1024  # announced to Collect before it sends


class SubmissionError(Refusal):
    """A submission refused (the platform's one refusal type), with the HTTP status the
    OpenRosa protocol answers with and the reason already worded for ODK Collect."""

    def __init__(self, http_status: int, message: str) -> None:
        super().__init__("questionnaires.submission", text=str(message))
        self.http_status = http_status


@dataclass
class ReadInstance:
    answers: dict[str, Any] = field(default_factory=dict)
    instance_id: str = ""
    files: list[tuple[Path, str, str]] = field(default_factory=list)  # path, name, file name


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def typed(question: Any, text: str) -> object:
    """The text of an instance element as the engine stores it (decision 0022)."""
    kind = question.type
    try:
        if kind == QuestionType.INTEGER:
            return int(text)
        if kind in (QuestionType.DECIMAL, QuestionType.RANGE):
            number = Decimal(text)
            if not number.is_finite():
                raise InvalidOperation
            return int(number) if number == number.to_integral() else str(number)
    except (ValueError, InvalidOperation) as error:
        raise SubmissionError(
            400,
            _("“%(value)s” is not a number (question %(name)s).")
            % {"value": text[:50], "name": question.name},
        ) from error
    if kind in (QuestionType.SELECT_MULTIPLE, QuestionType.RANK):
        return text.split()
    return text


def read_instance(definition: FormDefinition, root: Any) -> ReadInstance:
    read = ReadInstance()

    def walk(element: Any, scope: dict[str, Any], path: Path) -> None:
        for child in element:
            tag = local(child.tag)
            if tag == "meta" and not path:
                for item in child:
                    if local(item.tag) == "instanceID":
                        read.instance_id = (item.text or "").strip()
                continue
            section = definition.section_by_name.get(tag)
            if section is not None:
                if section.is_repeat:
                    instances = scope.setdefault(tag, [])
                    instance: dict[str, Any] = {}
                    instances.append(instance)
                    walk(child, instance, (*path, (tag, len(instances) - 1)))
                else:
                    walk(child, scope, path)
                continue
            question = definition.by_name.get(tag)
            text = (child.text or "").strip()
            if question is None or not text or not question.takes_answer:
                continue  # pyxform's own helper elements, or unanswered
            if question.type in UPLOAD_TYPES:
                read.files.append((path, question.name, text))
            scope[question.name] = typed(question, text)

    walk(root, read.answers, ())
    return read


def parse(xml: bytes) -> Any:
    if len(xml) > MAX_SUBMISSION_XML_BYTES:
        raise SubmissionError(413, _("The submission is too big."))
    try:
        return ElementTree.fromstring(xml)
    except Exception as error:  # ParseError, and defusedxml's refusals of entities
        raise SubmissionError(
            400, _("The submission is not well-formed XML: %(problem)s") % {"problem": error}
        ) from error


def version_of(token: CollectToken, root: Any) -> Questionnaire:
    form_id, version = root.get("id", ""), root.get("version", "")
    questionnaire = (
        Questionnaire.objects.filter(programme=token.programme, code=form_id)
        .filter(version=int(version) if version.isdigit() else -1)
        .first()
    )
    if questionnaire is None:
        raise SubmissionError(
            404,
            _("There is no form “%(form)s” version %(version)s.")
            % {"form": form_id[:60], "version": version[:20]},
        )
    if questionnaire.status != QuestionnaireStatus.PUBLISHED:
        raise SubmissionError(
            403,
            _("The form “%(form)s” version %(version)s no longer accepts answers.")
            % {"form": form_id, "version": version},
        )
    return questionnaire


def check_files(definition: FormDefinition, read: ReadInstance, files: dict[str, Any]) -> None:
    for _path, name, file_name in read.files:
        upload = files.get(file_name)
        if upload is None:
            continue  # Collect sends large attachments in later requests; the name is kept
        question = definition.by_name[name]
        try:
            if question.type == QuestionType.FILE:
                check_upload(upload, ANSWER_FILE_KINDS, MAX_ANSWER_FILE_BYTES)
            else:
                check_media(upload, question.type, MAX_ANSWER_FILE_BYTES)
        except ValidationError as error:
            status = 413 if error.code == "too_large" else 400
            raise SubmissionError(status, f"{file_name}: {' '.join(error.messages)}") from error


def add_late_files(response: Response, read: ReadInstance, files: dict[str, Any]) -> None:
    """Collect sends a large submission in parts with the same instanceID: files that came
    later are stored with the response the first part made (each place once)."""
    stored = set(response.files.values_list("question_name", flat=True))
    with transaction.atomic():
        for path, name, file_name in read.files:
            place = "/".join([*(f"{r}/{i}" for r, i in path), name])
            upload = files.get(file_name)
            if upload is not None and place not in stored:
                store_files(response, place, upload)


def receive_submission(
    token: CollectToken, xml: bytes, files: dict[str, UploadedFile]
) -> tuple[Response, bool]:
    """The response for a submission, and whether it is new (False: a duplicate).

    Side effects: creates a submitted Response (its status change through
    `workflow.transition_response`, audit `questionnaires.response.submitted`) and stores
    its attached files, all in one transaction. Raises SubmissionError.
    """
    root = parse(xml)
    questionnaire = version_of(token, root)
    definition = load_definition(questionnaire, attachments=False)
    read = read_instance(definition, root)
    if not read.instance_id:
        raise SubmissionError(400, _("The submission has no instanceID."))
    existing = Response.objects.filter(
        questionnaire=questionnaire, instance_id=read.instance_id
    ).first()
    check_files(definition, read, files)
    if existing is not None:
        add_late_files(existing, read, files)
        return existing, False
    try:
        with transaction.atomic():
            response = Response.objects.create(
                questionnaire=questionnaire,
                respondent=token.person,
                instance_id=read.instance_id[:100],
                language=questionnaire.fallback_language,
                answers={},
            )
            answers = dict(read.answers)
            for path, name, file_name in read.files:
                upload = files.get(file_name)
                if upload is not None:
                    place = "/".join([*(f"{r}/{i}" for r, i in path), name])
                    stored = store_files(response, place, upload)
                    scope = answers
                    for repeat, index in path:
                        scope = scope[repeat][index]
                    scope[name] = stored
            response.answers = answers
            transition_response(response, ResponseStatus.SUBMITTED, actor=token.person)
    except IntegrityError:
        # The same instance arrived twice at once: the other request stored it.
        stored = Response.objects.get(questionnaire=questionnaire, instance_id=read.instance_id)
        return stored, False
    return response, True
