"""The OpenRosa APIs ODK Collect speaks: Form List, form and media download, submission.

Collect is given the server address `…/openrosa/<key>/`: the key is an interviewer's, and
a revoked or unknown key gets 403 on every request. Every answer carries
`X-OpenRosa-Version: 1.0`; refusals are OpenRosa response envelopes with the reason.
"""

from xml.sax.saxutils import escape

from django.core.exceptions import RequestDataTooBig, TooManyFilesSent
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.urls import reverse
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from pazanga.common.uploads import upload_quota
from pazanga.questionnaires.enums import Purpose, QuestionnaireStatus
from pazanga.questionnaires.models import CollectToken, FormAttachment, Questionnaire
from pazanga.questionnaires.openrosa import xforms
from pazanga.questionnaires.openrosa.keys import active_key
from pazanga.questionnaires.openrosa.submissions import (
    MAX_SUBMISSION_BYTES,
    SubmissionError,
    receive_submission,
)

XML = "text/xml; charset=utf-8"


def openrosa(response: HttpResponse) -> HttpResponse:
    response["X-OpenRosa-Version"] = "1.0"
    response["Date"] = http_date()
    return response


def envelope(status: int, message: str) -> HttpResponse:
    body = (
        '<OpenRosaResponse xmlns="http://openrosa.org/http/response">'
        f'<message nature="{"submit_success" if status < 300 else "error"}">'  # noqa: PLR2004
        f"{escape(message)}</message></OpenRosaResponse>"
    )
    return openrosa(HttpResponse(body, status=status, content_type=XML))


def absolute(request: HttpRequest, path: str) -> str:
    return request.build_absolute_uri(path)


def key_or_refusal(key: str) -> CollectToken | HttpResponse:
    token = active_key(key)
    if token is None:
        return envelope(403, _("This ODK Collect key is unknown or revoked."))
    return token


def forms_for(token: CollectToken) -> list[Questionnaire]:
    return list(
        Questionnaire.objects.filter(
            programme=token.programme,
            status=QuestionnaireStatus.PUBLISHED,
            purpose=Purpose.SURVEY,
        ).order_by("code")
    )


def form_list(request: HttpRequest, key: str) -> HttpResponse:
    """The Form List API: every published survey of the interviewer's programme."""
    token = key_or_refusal(key)
    if isinstance(token, HttpResponse):
        return token
    with_files = set(
        FormAttachment.objects.filter(questionnaire__in=forms_for(token))
        .values("questionnaire")
        .annotate(n=Max("pk"))
        .values_list("questionnaire", flat=True)
    )
    items = []
    for questionnaire in forms_for(token):
        xml = xforms.xform(questionnaire)
        download = reverse("questionnaires:openrosa_form", args=[key, questionnaire.pk])
        manifest = reverse("questionnaires:openrosa_manifest", args=[key, questionnaire.pk])
        items.append(
            "<xform>"
            f"<formID>{escape(questionnaire.code)}</formID>"
            f"<name>{escape(questionnaire.text('title') or questionnaire.code)}</name>"
            f"<version>{questionnaire.version}</version>"
            f"<hash>{xforms.md5(xml.encode())}</hash>"
            f"<downloadUrl>{escape(absolute(request, download))}</downloadUrl>"
            + (
                f"<manifestUrl>{escape(absolute(request, manifest))}</manifestUrl>"
                if questionnaire.pk in with_files
                else ""
            )
            + "</xform>"
        )
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<xforms xmlns="http://openrosa.org/xforms/xformsList">' + "".join(items) + "</xforms>"
    )
    return openrosa(HttpResponse(body, content_type=XML))


def published(token: CollectToken, pk: int) -> Questionnaire | None:
    return next((q for q in forms_for(token) if q.pk == pk), None)


def form_xml(request: HttpRequest, key: str, pk: int) -> HttpResponse:
    token = key_or_refusal(key)
    if isinstance(token, HttpResponse):
        return token
    questionnaire = published(token, pk)
    if questionnaire is None:
        return envelope(404, _("There is no such form."))
    return openrosa(HttpResponse(xforms.xform(questionnaire), content_type=XML))


def manifest(request: HttpRequest, key: str, pk: int) -> HttpResponse:
    token = key_or_refusal(key)
    if isinstance(token, HttpResponse):
        return token
    questionnaire = published(token, pk)
    if questionnaire is None:
        return envelope(404, _("There is no such form."))
    files = "".join(
        "<mediaFile>"
        f"<filename>{escape(a.name)}</filename>"
        f"<hash>{xforms.md5(bytes(a.content))}</hash>"
        "<downloadUrl>"
        + escape(
            absolute(
                request,
                reverse("questionnaires:openrosa_media", args=[key, questionnaire.pk, a.name]),
            )
        )
        + "</downloadUrl></mediaFile>"
        for a in xforms.attachments(questionnaire)
    )
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<manifest xmlns="http://openrosa.org/xforms/xformsManifest">{files}</manifest>'
    )
    return openrosa(HttpResponse(body, content_type=XML))


def media(request: HttpRequest, key: str, pk: int, name: str) -> HttpResponse:
    token = key_or_refusal(key)
    if isinstance(token, HttpResponse):
        return token
    questionnaire = published(token, pk)
    attachment = (
        FormAttachment.objects.filter(questionnaire=questionnaire, name=name).first()
        if questionnaire is not None
        else None
    )
    if attachment is None:
        return envelope(404, _("There is no such file."))
    response = HttpResponse(bytes(attachment.content), content_type="application/octet-stream")
    response["Content-Disposition"] = "attachment"
    return openrosa(response)


@csrf_exempt
@upload_quota
def submission(request: HttpRequest, key: str) -> HttpResponse:  # noqa: PLR0911 (one per refusal)
    """The Form Submission API: HEAD (or GET) says where and how much; POST submits."""
    token = key_or_refusal(key)
    if isinstance(token, HttpResponse):
        return token
    if request.method in ("HEAD", "GET"):
        response = openrosa(HttpResponse(status=204))
        response["X-OpenRosa-Accept-Content-Length"] = str(MAX_SUBMISSION_BYTES)
        response["Location"] = request.build_absolute_uri()
        return response
    if request.method != "POST":
        return envelope(405, _("Submissions are sent with POST."))
    if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_SUBMISSION_BYTES:
        return envelope(413, _("The submission is too big."))
    try:
        uploads = request.FILES
    except (MultiPartParserError, TooManyFilesSent, RequestDataTooBig):
        return envelope(400, _("The submission is not a valid multipart request."))
    instance = uploads.get("xml_submission_file")
    if instance is None:
        return envelope(400, _("The submission has no xml_submission_file."))
    files = {
        upload.name: upload for name, upload in uploads.items() if name != "xml_submission_file"
    }
    try:
        _response, created = receive_submission(token, instance.read(), files)
    except SubmissionError as error:
        return envelope(error.http_status, error.message)
    if not created:
        return envelope(202, _("This submission was already received."))
    answer = envelope(201, _("Thank you: the submission was received."))
    answer["Location"] = request.build_absolute_uri()
    answer["X-OpenRosa-Accept-Content-Length"] = str(MAX_SUBMISSION_BYTES)
    return answer
