from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from pazanga.common.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup` into an empty database and an empty "
        "MEDIA_ROOT, then check every table's row count and every file's checksum."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("archive", help="the .tar file; its .sha256 file must be beside it")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="overwrite a database that has tables and uploaded files that exist",
        )

    def handle(self, *args: object, archive: str, replace: bool, **options: object) -> None:
        try:
            restored = restore_backup(Path(archive), replace=replace)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"restored {restored.tables} tables, {restored.rows} rows, "
            f"{restored.files} uploaded files; row counts and file checksums match the backup"
        )
