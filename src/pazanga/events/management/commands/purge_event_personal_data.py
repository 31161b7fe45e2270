from argparse import ArgumentParser

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from pazanga.events.retention import events_past_retention, purge_event_personal_data


class Command(BaseCommand):
    help = (
        "Anonymise the registrations and invitations of events that ended more than N days "
        "ago (names, e-mail addresses, answers); counts, attendance and certificates stay. "
        "Idempotent: run it daily."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--older-than-days",
            type=int,
            default=settings.EVENTS_RETENTION_DAYS,
            help="Days after an event's end (default: EVENTS_RETENTION_DAYS, %(default)s).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="List the events, change nothing."
        )

    def handle(self, *args: object, **options: object) -> None:
        days = options["older_than_days"]
        if not isinstance(days, int) or days < 0:
            raise CommandError("--older-than-days must be 0 or more.")
        if options["dry_run"]:
            for event in events_past_retention(days):
                self.stdout.write(f"would anonymise: {event.slug} (ended {event.ends_at:%Y-%m-%d})")
            return
        result = purge_event_personal_data(days)
        self.stdout.write(
            f"events: {result.events}; registrations anonymised: {result.registrations}; "
            f"invitations anonymised: {result.invitations}"
        )
