from django.core.management.base import BaseCommand

from pazanga.programme.demo import ADMIN_EMAIL, DEMO_LOGINS, DEMO_PASSWORD


class Command(BaseCommand):
    help = "Print how to log in to the demo."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--url", default="http://127.0.0.1:8000/")

    def handle(self, *args: object, url: str, **options: object) -> None:
        width = max(len(email) for email, *_rest in DEMO_LOGINS)
        lines = [
            "",
            f"Pažanga is starting at {url}  (Lithuanian: {url}lt/  English: {url}en/)",
            f"Demo logins — every one with the password: {DEMO_PASSWORD}",
            f"  {ADMIN_EMAIL:<{width}}  administrator (also {url}lt/admin/)",
        ]
        lines += [f"  {email:<{width}}  {role.label}" for email, _f, _l, role, _p in DEMO_LOGINS]
        lines.append("E-mails (sign-up, password reset) are printed in this terminal.")
        self.stdout.write("\n".join(lines) + "\n")
