"""Answering on the web: one page per section, drafts saved, relevance on the server.

Three entrances share one flow: a logged-in person (`answer`), anyone with an anonymous
survey link (`anonymous_answer`), and staff previewing a questionnaire (`preview`, which
keeps its answers in the session and saves nothing).

A GET never writes: opening a survey link shows its first page without storing a response
or a session; the draft response exists from the first POST (`Store.start`).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.forms.utils import ErrorDict
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from pazanga.common.uploads import upload_quota
from pazanga.questionnaires import access, services
from pazanga.questionnaires.access import manager_required
from pazanga.questionnaires.answer_forms import AnswerForm, change_instances
from pazanga.questionnaires.engine import FormDefinition, load_definition
from pazanga.questionnaires.enums import QuestionType
from pazanga.questionnaires.models import Questionnaire, Response

SESSION_KEY = "questionnaire_responses"
PREVIEW_KEY = "questionnaire_preview"


@dataclass
class Store:
    """Where the answers of one answering session live."""

    answers: dict[str, Any]
    page: int
    response: Response | None = None
    request: HttpRequest | None = None
    preview_of: int | None = None
    # Creates the draft response, in the given language, on the first answers posted.
    start: Callable[[str], Response] | None = None
    chosen_language: str = ""

    def save(self, answers: dict[str, Any], page: int) -> None:
        if self.response is None and self.start is not None:
            self.response = self.start(self.chosen_language)
        if self.response is not None:
            services.save_answers(self.response, answers, page=page)
            self.answers = self.response.answers
        elif self.request is not None:
            merged = {**self.answers}
            for name, value in answers.items():
                if value is None:
                    merged.pop(name, None)
                else:  # an upload is remembered by its name only: previews save nothing
                    merged[name] = services.without_files(value)
            self.answers = merged
            self.request.session[PREVIEW_KEY] = {
                "pk": self.preview_of,
                "answers": merged,
                "language": self.language,
            }
        self.page = page

    @property
    def language(self) -> str:
        if self.response is not None:
            return self.response.language
        if self.start is not None:
            return self.chosen_language
        return str((self.request.session.get(PREVIEW_KEY) or {}).get("language", ""))

    def choose_language(self, language: str) -> None:
        """The respondent's choice among the form's content languages."""
        if self.response is not None:
            if self.response.language != language:
                self.response.language = language
                self.response.save(update_fields=["language", "updated_at"])
        elif self.start is not None:
            self.chosen_language = language
        elif self.request is not None:
            stored = dict(self.request.session.get(PREVIEW_KEY) or {})
            stored.update({"pk": self.preview_of, "answers": self.answers, "language": language})
            self.request.session[PREVIEW_KEY] = stored


def language_of(request: HttpRequest) -> str:
    return (translation.get_language() or "lt").split("-")[0]


def closed_page(request: HttpRequest, questionnaire: Questionnaire) -> HttpResponse:
    return render(
        request, "questionnaires/closed.html", {"questionnaire": questionnaire}, status=410
    )


def run(  # noqa: PLR0911, PLR0912, PLR0915 (the answering flow, step by step)
    request: HttpRequest,
    definition: FormDefinition,
    store: Store,
    *,
    here: str,
    thanks: str,
    preview: bool = False,
) -> HttpResponse:
    """Show a page of questions, or take its answers and move on."""
    chosen = request.GET.get("lang", "")
    if chosen and chosen in definition.questionnaire.language_codes:
        store.choose_language(chosen)
    pages = definition.relevant_pages(store.answers)
    if not pages:
        return render(
            request,
            "questionnaires/closed.html",
            {"questionnaire": definition.questionnaire},
            status=404,
        )
    try:
        index = int(request.GET.get("page", store.page))
    except ValueError:
        index = 0
    index = max(0, min(index, len(pages) - 1))
    page = pages[index]
    form = AnswerForm(
        definition,
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        questions=page.questions,
        answers=store.answers,
        previously_shown=set(request.POST["shown"].split(",")) if "shown" in request.POST else None,
        prefix="q",
        language=store.language,
    )
    page_keys = {slot.key for slot in form.slots if is_displayed(slot.question)}
    context: dict[str, Any] = {
        "questionnaire": definition.questionnaire,
        "form": form,
        "page": page,
        "index": index,
        "count": len(pages),
        "is_last": index == len(pages) - 1,
        "here": here,
        "preview": preview,
        "show_errors": True,
        "shown": ",".join(sorted(form.shown & page_keys)),
        "progress": round(100 * index / len(pages)),
        "language": form.language,
        "languages": [
            (code, definition.questionnaire.language_name(code))
            for code in definition.questionnaire.language_codes
        ],
    }
    if request.method != "POST":
        return render(request, "questionnaires/answer.html", context)
    action = request.POST.get("action", "next")
    if action == "refresh":
        # Only relevance is recomputed: no validation, no messages, nothing saved.
        form._errors = ErrorDict()
        context["show_errors"] = False
        return render(request, "questionnaires/_questions.html", context)
    if action.startswith(("add:", "remove:")):
        # A repeat's add or remove button: keep what was typed, change the instances.
        form.is_valid()
        changed = change_instances(definition, {**store.answers, **form.answers}, action)
        if changed is None:
            raise Http404
        try:
            store.save(changed, index)
        except services.QuestionnaireClosedError:
            return closed_page(request, definition.questionnaire)
        return redirect(f"{here}?page={index}")
    if not form.is_valid():
        return render(request, "questionnaires/answer.html", context)
    try:
        store.save(form.answers, index)
    except services.QuestionnaireClosedError:
        return closed_page(request, definition.questionnaire)
    page_names = {q.name for q in page.questions}
    now_shown = ",".join(
        sorted(
            slot.key
            for slot in definition.evaluate(store.answers).slots
            if slot.question.name in page_names and is_displayed(slot.question)
        )
    )
    if now_shown != request.POST.get("shown", now_shown) and action != "back":
        # New questions appeared on this page (without JavaScript): ask them first.
        messages.info(request, _("Your answers opened further questions on this page."))
        return redirect(f"{here}?page={index}")
    pages = definition.relevant_pages(store.answers)
    if action == "save":
        messages.success(request, _("Your answers are saved. You can come back and finish later."))
        return redirect(f"{here}?page={index}")
    if action == "back":
        return redirect(f"{here}?page={max(index - 1, 0)}")
    if index + 1 < len(pages):
        return redirect(f"{here}?page={index + 1}")
    # The last page: check everything again and submit.
    if preview:
        problems = definition.errors(store.answers)
        if problems:
            return problems_page(request, definition, problems, here, pages)
        messages.success(request, _("Preview finished: nothing was saved."))
        return redirect(thanks)
    if store.response is None:  # only previews have no response, and they returned above
        raise Http404
    try:
        services.submit_response(store.response, actor=request.user)
    except services.ResponseInvalidError as error:
        return problems_page(request, definition, error.errors, here, pages)
    except services.QuestionnaireClosedError:
        return closed_page(request, definition.questionnaire)
    return redirect(thanks)


def is_displayed(question: Any) -> bool:
    return bool(question.is_asked or question.type == QuestionType.NOTE)


def problems_page(
    request: HttpRequest,
    definition: FormDefinition,
    problems: dict[str, str],
    here: str,
    pages: list[Any],
) -> HttpResponse:
    names = {key.rsplit("/", 1)[-1] for key in problems}
    first = min(
        (i for i, p in enumerate(pages) if any(q.name in names for q in p.questions)), default=0
    )
    for key, message in problems.items():
        question = definition.by_name[key.rsplit("/", 1)[-1]]
        messages.error(request, f"{question.text('label') or key}: {message}")
    return redirect(f"{here}?page={first}")


@upload_quota
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    """A logged-in person invited by their role answers a published questionnaire."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not access.may_answer(request.user):
        raise PermissionDenied
    questionnaire = access.answerable_for(pk)
    if not services.may_answer(questionnaire, request.user):
        raise PermissionDenied
    thanks = reverse("questionnaires:thanks", args=[pk])
    existing = Response.objects.filter(
        questionnaire=questionnaire, respondent=request.user, subject_id=""
    )
    if not questionnaire.accepts_answers:
        return closed_page(request, questionnaire)
    if questionnaire.one_response_per_person and existing.filter(status="submitted").exists():
        return redirect(thanks)
    response = services.find_response(questionnaire, respondent=request.user)
    user = request.user

    def start(language: str) -> Response:
        return services.start_response(
            questionnaire, respondent=user, language=language or language_of(request)
        )

    definition = load_definition(questionnaire)
    store = (
        Store(response.answers, response.page, response=response)
        if response is not None
        else Store({}, 0, start=start)
    )
    return run(request, definition, store, here=request.path, thanks=thanks)


def thanks(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    response = (
        Response.objects.filter(questionnaire_id=pk, respondent=request.user, status="submitted")
        .select_related("questionnaire")
        .order_by("-submitted_at")
        .first()
    )
    if response is None:
        raise Http404
    return render(
        request,
        "questionnaires/thanks.html",
        {"response": response, "questionnaire": response.questionnaire},
    )


@upload_quota
def anonymous_answer(request: HttpRequest, token: str) -> HttpResponse:
    """Anyone with the link answers a survey; their draft is found again through the session."""
    questionnaire = access.public_questionnaire_for(token)
    if not questionnaire.accepts_answers:
        return closed_page(request, questionnaire)
    thanks_url = reverse("questionnaires:anonymous_thanks", args=[token])
    tokens: dict[str, str] = request.session.get(SESSION_KEY, {})
    response = Response.objects.filter(
        token=tokens.get(str(questionnaire.pk), ""), questionnaire=questionnaire
    ).first()
    if response is not None and response.is_submitted:
        if request.method == "POST":  # a second click on "submit": one response
            return redirect(thanks_url)
        response = None

    def start(language: str) -> Response:
        started = services.start_response(questionnaire, language=language or language_of(request))
        request.session[SESSION_KEY] = {**tokens, str(questionnaire.pk): started.token}
        return started

    definition = load_definition(questionnaire)
    store = (
        Store(response.answers, response.page, response=response)
        if response is not None
        else Store({}, 0, start=start)
    )
    return run(request, definition, store, here=request.path, thanks=thanks_url)


def anonymous_thanks(request: HttpRequest, token: str) -> HttpResponse:
    questionnaire = access.public_questionnaire_for(token)
    tokens: dict[str, str] = request.session.get(SESSION_KEY, {})
    response = Response.objects.filter(
        token=tokens.get(str(questionnaire.pk), ""), questionnaire=questionnaire, status="submitted"
    ).first()
    if response is None:
        raise Http404
    return render(
        request,
        "questionnaires/thanks.html",
        {"response": response, "questionnaire": questionnaire},
    )


@manager_required
def preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The questionnaire as a respondent sees it, in the page's language; nothing is saved."""
    questionnaire = access.questionnaire_for(pk)
    stored = request.session.get(PREVIEW_KEY) or {}
    if stored.get("pk") != questionnaire.pk or request.GET.get("restart"):
        stored = {"pk": questionnaire.pk, "answers": {}}
        request.session[PREVIEW_KEY] = stored
    store = Store(stored["answers"], 0, request=request, preview_of=questionnaire.pk)
    request.session.setdefault(PREVIEW_KEY, stored)
    here = reverse("questionnaires:preview", args=[pk])
    return run(
        request,
        load_definition(questionnaire),
        store,
        here=here,
        thanks=questionnaire.get_absolute_url(),
        preview=True,
    )
