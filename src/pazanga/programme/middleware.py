"""The current programme, read once per request.

Every access check asks for the current programme (`permissions.current_programme`); a
page asked it three times or more. This middleware opens a per-request memo (a context
variable, so threads and async tasks each have their own) and closes it when the response
is ready; outside a request (commands, tasks, tests calling services) nothing is memoized
and every call reads the database, so a programme changed by a command is seen at once.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from pazanga.programme.permissions import programme_memo


class CurrentProgrammeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with programme_memo():
            return self.get_response(request)
