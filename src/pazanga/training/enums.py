from django.db import models
from django.utils.translation import gettext_lazy as _


class Instrument(models.TextChoices):
    """The questionnaires of a session, by Kirkpatrick level."""

    PRE_TEST = "pre_test", _("pre-test (knowledge before)")
    POST_TEST = "post_test", _("post-test (knowledge after)")
    FEEDBACK = "feedback", _("feedback (satisfaction)")
    FOLLOW_UP = "follow_up", _("follow-up (applying it at work)")


KIRKPATRICK_LEVEL = {
    Instrument.FEEDBACK: 1,
    Instrument.PRE_TEST: 2,
    Instrument.POST_TEST: 2,
    Instrument.FOLLOW_UP: 3,
}
