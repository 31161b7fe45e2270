from django.core.management.base import BaseCommand

from pazanga.projects.reminders import send_report_reminders


class Command(BaseCommand):
    help = (
        "Remind libraries of project reports due in 14 and 3 days and of overdue ones "
        "(idempotent: run it daily; a second run the same day sends nothing)."
    )

    def handle(self, *args: object, **options: object) -> None:
        sent = send_report_reminders()
        self.stdout.write(f"{sent} reminder e-mails sent")
