from django.core.management.base import BaseCommand

from pazanga.training.reminders import send_follow_ups, send_reminders


class Command(BaseCommand):
    help = (
        "Send the 90-day follow-up questionnaires and remind participants who have not "
        "answered the post-test or feedback (idempotent: run it daily)."
    )

    def handle(self, *args: object, **options: object) -> None:
        follow_ups = send_follow_ups()
        reminders = send_reminders()
        self.stdout.write(f"follow-ups sent: {follow_ups}; reminders sent: {reminders}")
