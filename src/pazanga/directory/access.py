"""Who may open which directory page: the directory is public; a profile is its owner's.

The profile page edits `request.user` only (login required), so there is no object to
look up for it; public pages read organisations through `organisation_for`.
"""

from django.shortcuts import get_object_or_404

from pazanga.directory.models import Organisation


def organisation_for(pk: int) -> Organisation:
    """Any organisation in the directory (public), with its place and parent."""
    return get_object_or_404(
        Organisation.objects.select_related("municipality__county", "parent"), pk=pk
    )
