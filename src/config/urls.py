from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import include, path
from django.utils.translation import get_supported_language_variant

from pazanga.common.views import healthz


def root(request: HttpRequest) -> HttpResponseRedirect:
    """`/` goes to the Lithuanian portal, or to the language the visitor chose before."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, settings.LANGUAGE_CODE)
    try:
        language = get_supported_language_variant(chosen)
    except LookupError:
        language = settings.LANGUAGE_CODE
    return HttpResponseRedirect(f"/{language}/")


# allauth answers its rate limits through this handler: our 429 page, with Retry-After.
handler429 = "pazanga.common.ratelimit.allauth_too_many_requests"

urlpatterns = [
    path("", root, name="root"),
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("events/", include("pazanga.events.urls_plain")),
    path("open-data/", include("pazanga.opendata.urls_files")),
    path("api/v1/", include("pazanga.opendata.api.urls")),
]
urlpatterns += i18n_patterns(
    path("", include("pazanga.portal.urls")),
    path("", include("pazanga.directory.urls")),
    path("manage/", include("pazanga.programme.urls")),
    path("questionnaires/", include("pazanga.questionnaires.urls")),
    path("events/", include("pazanga.events.urls")),
    path("training/", include("pazanga.training.urls")),
    path("grants/", include("pazanga.grants.urls")),
    path("projects/", include("pazanga.projects.urls")),
    path("impact/", include("pazanga.impact.urls")),
    path("", include("pazanga.workplan.urls")),
    path("", include("pazanga.opendata.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
)

handler400 = "pazanga.portal.errors.bad_request"
handler403 = "pazanga.portal.errors.forbidden"
handler404 = "pazanga.portal.errors.not_found"
handler500 = "pazanga.portal.errors.server_error"
