from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from pazanga.common.backup import BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Back up the database and the uploaded files into one dated archive with a SHA-256 "
        "checksum file (README: Backups)."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument(
            "--output",
            default=str(settings.BACKUP_DIR),
            help="folder for the archive (default: BACKUP_DIR, %(default)s)",
        )

    def handle(self, *args: object, output: str, **options: object) -> None:
        try:
            archive = create_backup(Path(output))
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(str(archive))
