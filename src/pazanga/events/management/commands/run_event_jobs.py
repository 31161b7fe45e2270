from django.core.management.base import BaseCommand

from pazanga.events import services


class Command(BaseCommand):
    help = (
        "Lapse expired waiting-list offers (offering the seats to the next people) and "
        "registrations whose address was not confirmed, and send the day-before reminders. "
        "Idempotent: run it every few minutes."
    )

    def handle(self, *args: object, **options: object) -> None:
        lapsed = services.expire_offers()
        unconfirmed = services.expire_unverified()
        reminded = services.send_reminders()
        self.stdout.write(
            f"offers lapsed: {lapsed}; unconfirmed registrations lapsed: {unconfirmed}; "
            f"reminders sent: {reminded}"
        )
