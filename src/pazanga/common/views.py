from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and database state, for load balancers and `make run`'s wait loop."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        database = {"status": "error", "vendor": connection.vendor, "error": str(error)[:200]}
        return JsonResponse({"status": "error", "database": database}, status=503)
    database = {"status": "ok", "vendor": connection.vendor}
    return JsonResponse({"status": "ok", "database": database})
