"""Every API error as JSON: `{"error": {"status": 404, "detail": "..."}}`."""

from typing import Any

from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_handler


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    response = drf_handler(exc, context)
    if response is not None:
        data = response.data
        detail = data.get("detail", data) if isinstance(data, dict) else data
        response.data = {"error": {"status": response.status_code, "detail": detail}}
    return response
