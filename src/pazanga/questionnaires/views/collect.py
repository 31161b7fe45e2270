"""Programme staff and researchers give interviewers keys for ODK Collect, and revoke them."""

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from pazanga.programme.permissions import current_programme
from pazanga.questionnaires.models import CollectToken
from pazanga.questionnaires.openrosa.keys import issue_key, revoke_key
from pazanga.questionnaires.views.builder import manager_required


class KeyForm(forms.Form):
    label = forms.CharField(
        label=gettext_lazy("interviewer"),
        max_length=200,
        help_text=gettext_lazy("Who will use the key, e.g. the interviewer's name and area."),
    )


def server_address(request: HttpRequest, key: str) -> str:
    """What the interviewer types into ODK Collect as the server address."""
    form_list = reverse("questionnaires:openrosa_form_list", args=[key])
    return request.build_absolute_uri(form_list.removesuffix("formList"))


@manager_required
def collect_keys(request: HttpRequest) -> HttpResponse:
    programme = current_programme()
    if programme is None:
        raise Http404
    form = KeyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        _token, key = issue_key(programme, label=form.cleaned_data["label"], actor=request.user)
        messages.success(
            request,
            _(
                "In ODK Collect, set the server address to %(address)s — it is shown only "
                "now; copy it to the interviewer."
            )
            % {"address": server_address(request, key)},
        )
        return redirect("questionnaires:collect_keys")
    keys = CollectToken.objects.filter(programme=programme).select_related("created_by")
    return render(request, "questionnaires/collect_keys.html", {"form": form, "keys": keys})


@require_POST
@manager_required
def collect_key_revoke(request: HttpRequest, key_pk: int) -> HttpResponse:
    token = get_object_or_404(CollectToken, pk=key_pk, programme=current_programme())
    revoke_key(token, actor=request.user)
    messages.success(request, _("The key no longer works."))
    return redirect("questionnaires:collect_keys")
