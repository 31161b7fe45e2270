"""What the API and the CSV files publish of each table: public facts only, no people."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from pazanga.common.i18n import localized


@extend_schema_field(
    {"type": "object", "properties": {"lt": {"type": "string"}, "en": {"type": "string"}}}
)
class Bilingual(serializers.Field):
    """`{"lt": ..., "en": ...}` from paired columns (`title_lt`, `title_en`)."""

    def __init__(self, base: str, **kwargs) -> None:  # type: ignore[no-untyped-def]
        self.base = base
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value):  # type: ignore[no-untyped-def]
        return {
            "lt": getattr(value, f"{self.base}_lt", ""),
            "en": localized(value, self.base, "en"),
        }


class EventSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.CharField()
    title = Bilingual("title")
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    venue = serializers.CharField(source="venue.name_lt", default="")
    city = serializers.CharField(source="venue.city", default="")
    status = serializers.CharField()
    is_demo = serializers.BooleanField()


class SessionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.SerializerMethodField()
    course = serializers.CharField(source="course.code")
    municipality = serializers.CharField(source="municipality.code")
    starts_at = serializers.DateTimeField(source="event.starts_at")
    ends_at = serializers.DateTimeField(source="event.ends_at")
    capacity = serializers.IntegerField(source="event.capacity", allow_null=True)
    places_filled = serializers.IntegerField(source="filled")
    is_demo = serializers.BooleanField()

    def get_title(self, session) -> dict[str, str]:  # type: ignore[no-untyped-def]
        return {"lt": session.event.title_lt, "en": localized(session.event, "title", "en")}


class LibrarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    kind = serializers.CharField()
    registry_code = serializers.CharField()
    municipality = serializers.CharField(source="municipality.code", default=None)
    settlement = serializers.CharField()


class CallSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    title = Bilingual("title")
    opens_at = serializers.DateTimeField()
    closes_at = serializers.DateTimeField()
    currency = serializers.CharField()
    budget = serializers.DecimalField(max_digits=14, decimal_places=2, coerce_to_string=False)
    max_grant = serializers.DecimalField(max_digits=14, decimal_places=2, coerce_to_string=False)
    is_demo = serializers.BooleanField()


class GrantSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    reference = serializers.CharField()
    title = serializers.CharField()
    library = serializers.IntegerField(source="library_id")
    library_name = serializers.CharField(source="library.name")
    municipality = serializers.CharField(source="library.municipality.code", default=None)
    call = serializers.CharField(source="call.code")
    currency = serializers.CharField()
    awarded = serializers.DecimalField(
        source="awarded_amount", max_digits=14, decimal_places=2, coerce_to_string=False
    )
    awarded_on = serializers.DateField()
    planned_start = serializers.DateField()
    end = serializers.DateField(source="current_end")
    status = serializers.CharField()
    is_demo = serializers.BooleanField()


class IndicatorSerializer(serializers.Serializer):
    code = serializers.CharField(source="indicator.code")
    level = serializers.CharField(source="indicator.level")
    name = serializers.SerializerMethodField()
    unit = serializers.SerializerMethodField()
    baseline = serializers.DecimalField(
        source="indicator.baseline", max_digits=14, decimal_places=2, coerce_to_string=False
    )
    years = serializers.SerializerMethodField()
    demo = serializers.SerializerMethodField()

    def get_name(self, row) -> dict[str, str]:  # type: ignore[no-untyped-def]
        return {"lt": row.indicator.name_lt, "en": row.indicator.name_en}

    def get_unit(self, row) -> dict[str, str]:  # type: ignore[no-untyped-def]
        return {"lt": row.indicator.unit_lt, "en": row.indicator.unit_en}

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_years(self, row) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
        years = self.context["years"]
        return [
            {"year": year, "target": cell.target, "actual": cell.actual}
            for year, cell in zip(years, row.years, strict=True)
        ]

    def get_demo(self, row) -> bool:  # type: ignore[no-untyped-def]
        return bool(row.demo or row.targets_demo)
