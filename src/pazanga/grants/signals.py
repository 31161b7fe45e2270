"""The grants app's one extension point for the layers above it.

`application_awarded` is sent inside the transaction that awards an application (by the
committee's decision, or later from the reserve list), with `application` and `actor`.
The funded-projects app opens the grant there, so an award and its grant commit together
or not at all. Nothing in the grants app listens to it: its own rules never hide here.
"""

from django.dispatch import Signal

application_awarded = Signal()
