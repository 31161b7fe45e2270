from django.core.paginator import Page, Paginator
from django.http import HttpRequest


def paginate(request: HttpRequest, items, per_page: int = 50) -> Page:  # type: ignore[no-untyped-def]
    """The requested page; a missing, wrong or too large page number gives the nearest page."""
    return Paginator(items, per_page).get_page(request.GET.get("page"))
