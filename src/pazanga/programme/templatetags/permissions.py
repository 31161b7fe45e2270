"""`{% link_if_allowed "app:view" arg… as url %}`: a link only where the person may follow it."""

from typing import Any

from django import template

from pazanga.programme.permissions import link_for

register = template.Library()


@register.simple_tag(takes_context=True)
def link_if_allowed(context: dict[str, Any], url_name: str, *args: Any) -> str:
    """The address of `url_name` when the person passes its view's role check, else ""."""
    request = context.get("request")
    # The navigation's context processor has looked the roles up already.
    roles = context.get("user_roles")
    return link_for(getattr(request, "user", None), url_name, *args, roles=roles)
