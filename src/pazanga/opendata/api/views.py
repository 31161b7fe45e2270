"""The read-only open-data API, version 1: the same public tables as the CSV files.

Each list is paginated (`?page=`, `?page_size=`), takes only the filters it lists (an
unknown one is a 400 with a JSON error, so a misspelt filter never silently returns
everything) and answers a page past the end, or an unknown or malformed id, with a JSON 404.
Anonymous clients are rate-limited (429 with `Retry-After`). Queries per page are fixed.
"""

from collections.abc import Callable
from typing import Any

from django.db.models import Count, Q, QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from pazanga.directory.enums import LIBRARY_KINDS
from pazanga.directory.models import Organisation
from pazanga.events.enums import EventStatus, RegistrationStatus
from pazanga.events.models import Event
from pazanga.grants.models import Call
from pazanga.opendata.api import serializers
from pazanga.programme.permissions import current_programme
from pazanga.projects.models import Grant
from pazanga.training.models import Session
from pazanga.workplan import results

PAGING = {"page", "page_size", "format"}


def text(name: str, description: str) -> OpenApiParameter:
    return OpenApiParameter(name, str, description=description)


class PublicList(generics.ListAPIView):
    """A public table: `filters` maps each query parameter to how it narrows the rows."""

    filters: dict[str, Callable[[QuerySet[Any], str], QuerySet[Any]]] = {}

    def rows(self) -> QuerySet[Any]:
        raise NotImplementedError

    def get_queryset(self) -> QuerySet[Any]:
        unknown = sorted(set(self.request.query_params) - PAGING - set(self.filters))
        if unknown:
            raise ValidationError({"unknown filters": unknown, "filters": sorted(self.filters)})
        rows = self.rows()
        for name, narrow in self.filters.items():
            wanted = self.request.query_params.get(name)
            if wanted:
                rows = narrow(rows, wanted)
        return rows


class PublicDetail(generics.RetrieveAPIView):
    def rows(self) -> QuerySet[Any]:
        raise NotImplementedError

    def get_object(self) -> Any:
        try:
            pk = int(self.kwargs["pk"])
        except ValueError:
            raise NotFound from None
        found = self.rows().filter(pk=pk).first()
        if found is None:
            raise NotFound
        return found


def programme_id() -> int | None:
    programme = current_programme()
    return programme.pk if programme else None


def events() -> QuerySet[Event]:
    return (
        Event.objects.filter(
            programme=programme_id(), status=EventStatus.PUBLISHED, session__isnull=True
        )
        .select_related("venue")
        .order_by("starts_at", "pk")
    )


def sessions() -> QuerySet[Session]:
    confirmed = Q(event__registrations__status=RegistrationStatus.CONFIRMED)
    return (
        Session.objects.filter(event__programme=programme_id(), event__status=EventStatus.PUBLISHED)
        .select_related("event", "course", "municipality")
        .annotate(filled=Count("event__registrations", filter=confirmed))
        .order_by("event__starts_at", "pk")
    )


def libraries() -> QuerySet[Organisation]:
    return (
        Organisation.objects.filter(kind__in=LIBRARY_KINDS)
        .select_related("municipality")
        .order_by("name", "pk")
    )


def calls() -> QuerySet[Call]:
    published = Call.objects.filter(programme=programme_id(), is_published=True)
    return published.order_by("opens_at", "pk")


def grants() -> QuerySet[Grant]:
    return (
        Grant.objects.filter(programme=programme_id())
        .select_related("library__municipality", "call")
        .order_by("call__opens_at", "reference")
    )


def after(field: str) -> Callable[[QuerySet[Any], str], QuerySet[Any]]:
    def narrow(rows: QuerySet[Any], value: str) -> QuerySet[Any]:
        from datetime import date

        try:
            day = date.fromisoformat(value)
        except ValueError:
            raise ValidationError({field: "A date like 2014-02-25."}) from None
        return rows.filter(**{field: day})

    return narrow


def equal(field: str) -> Callable[[QuerySet[Any], str], QuerySet[Any]]:
    return lambda rows, value: rows.filter(**{field: value})


YEAR_FILTERS = {
    "from": after("starts_at__date__gte"),
    "to": after("starts_at__date__lte"),
}


@extend_schema(
    parameters=[
        text("from", "starts on or after (YYYY-MM-DD)"),
        text("to", "starts on or before (YYYY-MM-DD)"),
    ]
)
class EventList(PublicList):
    serializer_class = serializers.EventSerializer
    filters = YEAR_FILTERS

    def rows(self) -> QuerySet[Event]:
        return events()


class EventDetail(PublicDetail):
    serializer_class = serializers.EventSerializer

    def rows(self) -> QuerySet[Event]:
        return events()


@extend_schema(
    parameters=[
        text("municipality", "ISO code, e.g. LT-19"),
        text("from", "starts on or after (YYYY-MM-DD)"),
        text("to", "starts on or before (YYYY-MM-DD)"),
    ]
)
class SessionList(PublicList):
    serializer_class = serializers.SessionSerializer
    filters = {
        "municipality": equal("municipality__code"),
        "from": after("event__starts_at__date__gte"),
        "to": after("event__starts_at__date__lte"),
    }

    def rows(self) -> QuerySet[Session]:
        return sessions()


class SessionDetail(PublicDetail):
    serializer_class = serializers.SessionSerializer

    def rows(self) -> QuerySet[Session]:
        return sessions()


@extend_schema(
    parameters=[
        text("municipality", "ISO code, e.g. LT-19"),
        text("kind", "national_library, county_library, municipal_library or branch"),
    ]
)
class LibraryList(PublicList):
    serializer_class = serializers.LibrarySerializer
    filters = {"municipality": equal("municipality__code"), "kind": equal("kind")}

    def rows(self) -> QuerySet[Organisation]:
        return libraries()


class LibraryDetail(PublicDetail):
    serializer_class = serializers.LibrarySerializer

    def rows(self) -> QuerySet[Organisation]:
        return libraries()


class CallList(PublicList):
    serializer_class = serializers.CallSerializer

    def rows(self) -> QuerySet[Call]:
        return calls()


class CallDetail(PublicDetail):
    serializer_class = serializers.CallSerializer

    def rows(self) -> QuerySet[Call]:
        return calls()


@extend_schema(
    parameters=[
        text("call", "the call's code, e.g. BP2-2015"),
        text("municipality", "ISO code, e.g. LT-19"),
        text("status", "agreement, active, reporting, closed, suspended or terminated"),
    ]
)
class GrantList(PublicList):
    serializer_class = serializers.GrantSerializer
    filters = {
        "call": equal("call__code"),
        "municipality": equal("library__municipality__code"),
        "status": equal("status"),
    }

    def rows(self) -> QuerySet[Grant]:
        return grants()


class GrantDetail(PublicDetail):
    serializer_class = serializers.GrantSerializer

    def rows(self) -> QuerySet[Grant]:
        return grants()


class IndicatorList(APIView):
    """The results framework: each programme indicator with its yearly targets and actuals."""

    @extend_schema(responses=serializers.IndicatorSerializer(many=True))
    def get(self, request: Request) -> Response:
        unknown = sorted(set(request.query_params) - {"format"})
        if unknown:
            raise ValidationError({"unknown filters": unknown, "filters": []})
        programme = current_programme()
        if programme is None:
            return Response({"count": 0, "results": []})
        framework = results.framework(programme)
        rows = serializers.IndicatorSerializer(
            framework.rows, many=True, context={"years": framework.years}
        ).data
        return Response({"count": len(rows), "results": rows})
