"""Backups: the database and the uploaded files in one dated archive, with a checksum.

`create_backup(folder)` writes `pazanga-backup-YYYY-MM-DD-HHMMSS.tar` and, beside it,
`….tar.sha256` (the `sha256sum` format). The archive holds:

- `database.pgdump` (PostgreSQL: `pg_dump --format=custom`) or `database.sqlite3` (SQLite:
  a consistent copy made with SQLite's online backup API, safe while the site runs);
- `media/…`, every uploaded file under MEDIA_ROOT;
- `manifest.json`: when, which database, every table's row count and a SHA-256 over the
  hashes of all its rows, every file's size and SHA-256. On PostgreSQL the dump and the
  hashes come from one snapshot (`pg_dump --snapshot`), on SQLite from the copy.

`restore_backup(archive)` checks the checksum file, refuses a database that already has
tables or a MEDIA_ROOT that already has files (unless `replace=True`), restores both, and
then checks every table's row count and rows' hash and every file's SHA-256 against the
manifest.
See the README ("Backups") for how often and where to keep them.
"""

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

FORMAT = 1
PREFIX = "pazanga-backup-"
MANIFEST = "manifest.json"
DATABASE_FILES = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why and what to do."""


@dataclass(frozen=True)
class Restored:
    tables: int
    rows: int
    files: int


def create_backup(folder: Path, *, now: datetime.datetime | None = None) -> Path:
    """Write a dated backup archive and its checksum file into `folder`; return the archive."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = timezone.localtime(now or timezone.now()).strftime("%Y-%m-%d-%H%M%S")
    archive = folder / f"{PREFIX}{stamp}.tar"
    if archive.exists():
        raise BackupError(f"{archive} already exists.")
    vendor = database_vendor()
    with tempfile.TemporaryDirectory(dir=folder, prefix=".backup-") as scratch:
        work = Path(scratch)
        database_file = work / DATABASE_FILES[vendor]
        if vendor == "postgresql":
            tables = dump_postgres(database_file)
        else:
            copy_sqlite(source=live_sqlite_connection(), target=database_file)
            tables = sqlite_fingerprints(database_file)
        media = media_files()
        manifest = {
            "format": FORMAT,
            "created": timezone.localtime(now or timezone.now()).isoformat(),
            "database": vendor,
            "tables": tables,
            "media": {
                name: {"size": path.stat().st_size, "sha256": file_sha256(path)}
                for name, path in media.items()
            },
        }
        (work / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True))
        partial = work / archive.name
        with tarfile.open(partial, "w") as tar:
            tar.add(work / MANIFEST, arcname=MANIFEST)
            tar.add(database_file, arcname=database_file.name)
            for name, path in sorted(media.items()):
                tar.add(path, arcname=f"media/{name}")
        os.replace(partial, archive)
    checksum_file(archive).write_text(f"{file_sha256(archive)}  {archive.name}\n")
    return archive


def restore_backup(archive: Path, *, replace: bool = False) -> Restored:
    """Restore `archive` into this database and MEDIA_ROOT; see the module's docstring."""
    verify_checksum(archive)
    vendor = database_vendor()
    existing = connection.introspection.table_names()
    if existing and not replace:
        raise BackupError(
            f"The database already has {len(existing)} tables; restore only into an empty "
            "database, or pass --replace to overwrite it."
        )
    media_root = Path(settings.MEDIA_ROOT)
    if media_root.exists() and any(media_root.rglob("*")) and not replace:
        raise BackupError(
            f"MEDIA_ROOT ({media_root}) already has files; restore into an empty folder, or "
            "pass --replace to overwrite them."
        )
    with tempfile.TemporaryDirectory(prefix="pazanga-restore-") as scratch:
        work = Path(scratch)
        manifest = unpack(archive, work)
        if manifest.get("format") != FORMAT:
            raise BackupError(f"{archive.name} is not a backup this version can restore.")
        if manifest["database"] != vendor:
            raise BackupError(
                f"{archive.name} holds a {manifest['database']} database; this site runs on "
                f"{vendor}. Restore it into a {manifest['database']} database."
            )
        database_file = work / DATABASE_FILES[vendor]
        if vendor == "postgresql":
            clean = ["--clean", "--if-exists"] if existing else []
            connection.close()
            run_postgres_tool(
                "pg_restore",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                *clean,
                f"--dbname={postgres_name()}",
                str(database_file),
            )
        else:
            restore_sqlite(database_file)
        restore_media(work / "media", media_root, manifest["media"])
    return check_restored(manifest)


# Database --------------------------------------------------------------------------------


def database_vendor() -> str:
    vendor = connection.vendor
    if vendor not in DATABASE_FILES:
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {vendor}.")
    return vendor


def postgres_name() -> str:
    return str(settings.DATABASES["default"]["NAME"])


def run_postgres_tool(tool: str, *arguments: str) -> None:
    """Run pg_dump or pg_restore with the site's own connection settings."""
    database = settings.DATABASES["default"]
    environment = {**os.environ, "PGDATABASE": postgres_name()}
    for variable, key in (
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
    ):
        if database.get(key):
            environment[variable] = str(database[key])
    if sslmode := database.get("OPTIONS", {}).get("sslmode"):
        environment["PGSSLMODE"] = sslmode
    executable = shutil.which(tool)
    if executable is None:
        raise BackupError(f"{tool} is not installed (Debian: apt-get install postgresql-client).")
    result = subprocess.run(  # noqa: S603 (a fixed tool, our own arguments)
        [executable, *arguments], env=environment, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"{tool} failed: {result.stderr.strip()[:2000]}")


def live_sqlite_connection() -> sqlite3.Connection:
    connection.ensure_connection()
    return connection.connection  # type: ignore[return-value]


def copy_sqlite(*, source: sqlite3.Connection, target: Path) -> None:
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)
    finally:
        copy.close()


def restore_sqlite(database_file: Path) -> None:
    source = sqlite3.connect(database_file)
    try:
        source.backup(live_sqlite_connection())
    finally:
        source.close()


def dump_postgres(target: Path) -> dict[str, dict[str, Any]]:
    """pg_dump and the tables' fingerprints from one snapshot, while the site runs on."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        run_postgres_tool(
            "pg_dump",
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            f"--snapshot={snapshot}",
            f"--file={target}",
        )
        return fingerprints(cursor, connection.introspection.table_names(cursor))


def sqlite_fingerprints(path: Path) -> dict[str, dict[str, Any]]:
    # A plain connection (no type converters), the same at backup and at restore.
    plain = sqlite3.connect(path)
    try:
        cursor = plain.cursor()
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
        return fingerprints(cursor, [row[0] for row in cursor.fetchall()])
    finally:
        plain.close()


def fingerprints(cursor: Any, tables: list[str]) -> dict[str, dict[str, Any]]:
    """Each table's row count and one SHA-256 over the SHA-256 of every row (in any order)."""
    result = {}
    for table in sorted(tables):
        cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 (names from the catalogue)
        row_hashes = []
        while rows := cursor.fetchmany(2000):
            row_hashes.extend(hashlib.sha256(repr(tuple(row)).encode()).digest() for row in rows)
        row_hashes.sort()
        result[table] = {
            "rows": len(row_hashes),
            "sha256": hashlib.sha256(b"".join(row_hashes)).hexdigest(),
        }
    return result


def current_fingerprints() -> dict[str, dict[str, Any]]:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            return fingerprints(cursor, connection.introspection.table_names(cursor))
    connection.close()
    return sqlite_fingerprints(Path(settings.DATABASES["default"]["NAME"]))


# Files -----------------------------------------------------------------------------------


def media_files() -> dict[str, Path]:
    root = Path(settings.MEDIA_ROOT)
    if not root.exists():
        return {}
    return {
        path.relative_to(root).as_posix(): path
        for path in root.rglob("*")
        if path.is_file() and not path.is_symlink()
    }


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def checksum_file(archive: Path) -> Path:
    return archive.with_name(f"{archive.name}.sha256")


def verify_checksum(archive: Path) -> None:
    if not archive.is_file():
        raise BackupError(f"{archive} does not exist.")
    recorded = checksum_file(archive)
    if not recorded.is_file():
        raise BackupError(f"{recorded.name} is missing: the archive cannot be checked.")
    expected = recorded.read_text().split(maxsplit=1)[0] if recorded.read_text().strip() else ""
    if expected != file_sha256(archive):
        raise BackupError(f"{archive.name} does not match its checksum: it is damaged.")


def unpack(archive: Path, work: Path) -> dict[str, Any]:
    try:
        with tarfile.open(archive, "r") as tar:
            # The "data" filter refuses absolute paths, "..", links out of the folder and
            # device files: an archive cannot write outside `work`.
            tar.extractall(work, filter="data")
        manifest: dict[str, Any] = json.loads((work / MANIFEST).read_text())
    except (tarfile.TarError, OSError, ValueError, KeyError) as error:
        raise BackupError(f"{archive.name} cannot be read as a backup: {error}") from None
    return manifest


def restore_media(unpacked: Path, media_root: Path, expected: dict[str, dict[str, Any]]) -> None:
    for name, facts in expected.items():
        path = unpacked / name
        if not path.is_file() or file_sha256(path) != facts["sha256"]:
            raise BackupError(f"The uploaded file {name} in the backup is missing or damaged.")
    if media_root.exists():
        shutil.rmtree(media_root)
    media_root.parent.mkdir(parents=True, exist_ok=True)
    if unpacked.exists():
        shutil.copytree(unpacked, media_root)
    else:
        media_root.mkdir()


def check_restored(manifest: dict[str, Any]) -> Restored:
    """Every table's row count and rows' hash, and the files, must be those of the backup."""
    found = current_fingerprints()
    expected = manifest["tables"]
    wrong = [
        f"{table}: {found.get(table, {}).get('rows')} rows, expected {facts['rows']}"
        + ("" if found.get(table, {}).get("rows") != facts["rows"] else " (other contents)")
        for table, facts in expected.items()
        if found.get(table) != facts
    ]
    if wrong:
        raise BackupError("The restored database differs from the backup: " + "; ".join(wrong))
    rows = sum(facts["rows"] for facts in expected.values())
    return Restored(len(expected), rows, len(manifest["media"]))
