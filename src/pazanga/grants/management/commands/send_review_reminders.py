from typing import Any

from django.core.management.base import BaseCommand

from pazanga.grants.services import send_review_reminders


class Command(BaseCommand):
    help = "Remind reviewers of reviews due within three days (run daily)."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_review_reminders()
        self.stdout.write(f"{sent} reminder(s) sent.")
