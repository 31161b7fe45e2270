from django.http import HttpRequest, HttpResponse


def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    raise NotImplementedError
