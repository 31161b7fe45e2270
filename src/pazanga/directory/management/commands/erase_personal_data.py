from argparse import ArgumentParser

from django.core.management.base import BaseCommand, CommandError

from pazanga.common.erasure import erase_person
from pazanga.directory.models import User


class Command(BaseCommand):
    help = (
        "Erase a person's personal data on their request: the account, registrations, "
        "invitations, certificates' names and uploaded answer files are anonymised or "
        "removed; enrolments, completions, roles, applications, decisions and audit entries "
        "stay under the anonymised account. Asks for confirmation unless --yes."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("email", help="The person's e-mail address (their account).")
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args: object, **options: object) -> None:
        email = str(options["email"]).strip()
        person = User.objects.filter(email__iexact=email).first()
        if person is None:
            raise CommandError(f"No account has the e-mail address {email}.")
        if not options["yes"]:
            answer = input(
                f"Erase the personal data of {person.email}? This cannot be undone [y/N] "
            )
            if answer.strip().lower() not in ("y", "yes", "t", "taip"):
                raise CommandError("Nothing was changed.")
        counts = erase_person(person, actor=None)
        self.stdout.write(
            f"erased account {person.pk}: "
            + "; ".join(f"{name}: {count}" for name, count in sorted(counts.items()))
        )
