"""A crawler over the site as one person sees it: every page reachable by following links.

Used by the tests that check, for each demo persona, that every link shown opens, that no
internal code reaches a page and that no English text reaches a Lithuanian page. Pages of
the same shape (`/lt/grants/applications/N/`) are opened once each: they share a template.
"""

import html
import re
from collections import deque
from dataclasses import dataclass, field

from django.test import Client

HREF = re.compile(r'href="(/[^"#]*)"')
# Django's admin has its own checks and its own (translated) texts; signing out ends the walk.
NOT_FOLLOWED = ("/admin/", "/static/", "/media/", "/accounts/logout/")
REFUSED = {400, 403, 404, 405, 409, 500}


def shape(url: str) -> str:
    path, _, query = url.partition("?")
    path = re.sub(r"\d+", "N", path)
    # A different filter or page of the same list shows the same template.
    return path + ("?" + re.sub(r"=[^&]*", "=", query) if query else "")


@dataclass
class Walk:
    pages: dict[str, str] = field(default_factory=dict)  # url → html of pages that opened
    broken: list[tuple[int, str, str]] = field(default_factory=list)  # status, link, shown on


def walk(
    client: Client,
    starts: list[str],
    *,
    within: str = "/lt/",
    most: int = 400,
) -> Walk:
    """Follow every link under `within` from `starts`, one page of each shape."""
    found = Walk()
    queue: deque[tuple[str, str]] = deque((start, "") for start in starts)
    shapes: set[str] = set()
    while queue and len(found.pages) + len(found.broken) < most:
        url, shown_on = queue.popleft()
        if shape(url) in shapes:
            continue
        shapes.add(shape(url))
        response = client.get(url)
        if response.status_code in REFUSED:
            found.broken.append((response.status_code, url, shown_on))
            continue
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        page = response.content.decode()
        found.pages[url] = page
        for found_link in HREF.findall(page):
            link = html.unescape(found_link)
            if link.startswith(within) and not any(part in link for part in NOT_FOLLOWED):
                queue.append((link, url))
    return found
