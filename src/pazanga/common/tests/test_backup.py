"""`manage.py backup` and `manage.py restore`: a restored copy equals the original, row by
row and file by file, on SQLite and on PostgreSQL; damaged archives and non-empty targets
are refused.

The commands run as in production, in their own processes, on databases of their own.
The data set is the platform's real reference data (every county, municipality and
library, the programmes, the launch conference), some audited rows and uploaded files
with Lithuanian names. The comparison here is independent of the commands' own check.
"""

import hashlib
import json
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.db import connection

from pazanga.common.tests.test_deploy import ROOT, production_env

LOAD_DATA = """
from django.core.management import call_command
from django.contrib.auth.models import Group
call_command("load_reference", verbosity=0)
from pazanga.common.audit import log_action
group = Group.objects.create(name="Vertintojai – Ąžuolynas")
log_action(group, "common.test.backed_up", data={"kiekis": 3, "pastaba": "„kabutės“"})
"""
SNAPSHOT = """
import hashlib, json
from django.db import connection
tables = {}
with connection.cursor() as cursor:
    for table in sorted(connection.introspection.table_names(cursor)):
        cursor.execute("SELECT * FROM " + connection.ops.quote_name(table))
        rows = sorted(hashlib.sha256(repr(tuple(row)).encode()).hexdigest() for row in cursor)
        tables[table] = rows
print(json.dumps(tables))
"""
FILES = {
    "applications/2014/paraiška-Ąžuolas.pdf": b"%PDF-1.4 paraiska\n" * 100,
    "answers/nuotrauka.png": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10,
    "empty.txt": b"",
}


def run(env: dict[str, str], *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 (our own manage.py)
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def ok(env: dict[str, str], *args: str, stdin: str | None = None) -> str:
    result = run(env, *args, stdin=stdin)
    assert result.returncode == 0, result.stderr
    return result.stdout


def snapshot(env: dict[str, str], before: str = "") -> tuple[dict[str, list[str]], dict[str, str]]:
    output = ok(env, "shell", "-v", "0", "-c", before + SNAPSHOT)
    tables = json.loads(output.splitlines()[-1])
    media = Path(env["MEDIA_ROOT"])
    files = {
        path.relative_to(media).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in media.rglob("*")
        if path.is_file()
    }
    return tables, files


def site(folder: Path, database_url: str) -> dict[str, str]:
    return production_env(
        folder,
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(folder / "media"),
        BACKUP_DIR=str(folder / "backups"),
    )


def round_trip(original: dict[str, str], copy: dict[str, str]) -> Path:
    ok(original, "migrate", "--noinput", "-v", "0")
    for name, content in FILES.items():
        path = Path(original["MEDIA_ROOT"]) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    before = snapshot(original, LOAD_DATA)

    archive = Path(ok(original, "backup").strip())
    assert archive.parent == Path(original["BACKUP_DIR"])
    assert archive.name.startswith("pazanga-backup-") and archive.suffix == ".tar"
    recorded = archive.with_name(archive.name + ".sha256").read_text()
    assert recorded == f"{hashlib.sha256(archive.read_bytes()).hexdigest()}  {archive.name}\n"

    restored = ok(copy, "restore", str(archive))
    tables, files = before
    assert f"restored {len(tables)} tables, {sum(map(len, tables.values()))} rows" in restored
    after = snapshot(copy)
    assert after[1] == files  # every uploaded file, byte for byte
    assert {t: len(rows) for t, rows in after[0].items()} == {
        t: len(rows) for t, rows in tables.items()
    }
    assert after[0] == tables  # every row of every table
    assert len(tables["directory_county"]) == 10  # the real reference data is there
    assert len(tables["directory_municipality"]) == 60
    assert len(tables["common_auditentry"]) >= 1

    # The copy works: new rows get new keys after the restored ones.
    new_key = "from django.contrib.auth.models import Group; "
    new_key += "print(Group.objects.create(name='after restore').pk)"
    assert int(ok(copy, "shell", "-v", "0", "-c", new_key)) > 1

    # A second restore into the now filled database is refused; --replace overwrites it.
    again = run(copy, "restore", str(archive))
    assert again.returncode == 1
    assert "already has" in again.stderr and "--replace" in again.stderr
    replaced = ok(copy, "restore", "--replace", str(archive))
    assert "row counts and file checksums match the backup" in replaced
    return archive


def test_a_sqlite_backup_restores_every_row_and_file(tmp_path):
    original = site(tmp_path / "original", f"sqlite:///{tmp_path / 'original.sqlite3'}")
    copy = site(tmp_path / "copy", f"sqlite:///{tmp_path / 'copy.sqlite3'}")
    archive = round_trip(original, copy)

    # A damaged archive is refused before anything is touched.
    damaged = archive.read_bytes()
    archive.write_bytes(damaged[:5000] + bytes([damaged[5000] ^ 1]) + damaged[5001:])
    empty = site(tmp_path / "empty", f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    refused = run(empty, "restore", str(archive))
    assert refused.returncode == 1
    assert "does not match its checksum" in refused.stderr
    assert not (tmp_path / "empty" / "media").exists()
    archive.with_name(archive.name + ".sha256").unlink()
    unchecked = run(empty, "restore", str(archive))
    assert "sha256 is missing: the archive cannot be checked" in unchecked.stderr


@pytest.fixture
def postgres_databases():
    if connection.vendor != "postgresql":
        pytest.skip("pg_dump and pg_restore need PostgreSQL (make test-postgres)")
    import psycopg

    settings = connection.settings_dict
    names = [f"pazanga_backup_{uuid.uuid4().hex[:10]}_{side}" for side in ("a", "b")]
    server = {
        "host": settings["HOST"] or "127.0.0.1",
        "port": settings["PORT"] or 5432,
        "user": settings["USER"],
        "password": settings["PASSWORD"] or None,
        "dbname": "postgres",
        "autocommit": True,
    }
    with psycopg.connect(**server) as admin:
        for name in names:
            admin.execute(f'CREATE DATABASE "{name}"')
    user = settings["USER"] + (f":{settings['PASSWORD']}" if settings["PASSWORD"] else "")
    yield [f"postgres://{user}@{server['host']}:{server['port']}/{name}" for name in names]
    with psycopg.connect(**server) as admin:
        for name in names:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.postgres
def test_a_postgres_backup_restores_every_row_and_file(tmp_path, postgres_databases):
    first, second = postgres_databases
    round_trip(site(tmp_path / "original", first), site(tmp_path / "copy", second))
