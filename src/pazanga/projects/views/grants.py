from django.http import HttpRequest, HttpResponse


def grant_detail(request: HttpRequest, pk: int) -> HttpResponse:
    raise NotImplementedError
