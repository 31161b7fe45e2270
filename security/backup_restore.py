"""The demo backed up and restored into an empty database: differences (goal 0).

    .venv/bin/python security/backup_restore.py [--postgres postgres://postgres@127.0.0.1:5432]

Loads the reference and demo data into a fresh database (PostgreSQL databases
`pazanga_backup_source` and `pazanga_backup_target` on the given server, else SQLite
files), adds uploaded files (a PDF, an image and a spreadsheet per folder the apps store
into), runs `manage.py backup`, restores the archive with `manage.py restore` into an empty
database and an empty MEDIA_ROOT, and compares the two independently of the commands' own
check: every table's row count and hash of its rows, every file's SHA-256.
"""

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import _here

FINGERPRINTS = (
    "import json; from django.conf import settings; "
    "from pazanga.common.backup import current_fingerprints, media_files, file_sha256; "
    "print(json.dumps({'tables': current_fingerprints(), "
    "'files': {n: file_sha256(p) for n, p in media_files().items()}}))"
)


def manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, str(_here.ROOT / "manage.py"), *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def fresh_postgres(server: str, name: str) -> str:
    subprocess.run(
        ["dropdb", "--if-exists", "-f", f"--maintenance-db={server}/postgres", name], check=True
    )
    subprocess.run(["createdb", f"--maintenance-db={server}/postgres", name], check=True)
    return f"{server}/{name}"


def add_uploads(media: Path) -> None:
    content = {
        "a.pdf": b"%PDF-1.4\n%demo\n" + os.urandom(2048),
        "b.png": b"\x89PNG\r\n\x1a\n" + os.urandom(4096),
        "c.xlsx": b"PK\x03\x04" + os.urandom(8192),
    }
    for folder in ("grants/attachments", "questionnaires/answers", "projects/receipts"):
        target = media / folder / "2014" / "05"
        target.mkdir(parents=True, exist_ok=True)
        for name, data in content.items():
            (
                target / f"{hashlib.sha256(data + folder.encode()).hexdigest()[:20]}-{name}"
            ).write_bytes(data)


def compare(before: dict, after: dict) -> dict[str, int]:
    tables = set(before["tables"]) | set(after["tables"])
    files = set(before["files"]) | set(after["files"])
    return {
        "tables": len(tables),
        "rows": sum(t["rows"] for t in before["tables"].values()),
        "files": len(files),
        "tables differing": sum(before["tables"].get(t) != after["tables"].get(t) for t in tables),
        "files differing": sum(before["files"].get(f) != after["files"].get(f) for f in files),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", default="")
    arguments = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="pazanga-backup-measure-"))
    base = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "MEDIA_ROOT")}
    base.update(DEBUG="1", REDIS_URL="")
    if arguments.postgres:
        source_url = fresh_postgres(arguments.postgres, "pazanga_backup_source")
        target_url = fresh_postgres(arguments.postgres, "pazanga_backup_target")
    else:
        source_url = f"sqlite:///{work / 'source.sqlite3'}"
        target_url = f"sqlite:///{work / 'target.sqlite3'}"
    source = {**base, "DATABASE_URL": source_url, "MEDIA_ROOT": str(work / "media-source")}
    target = {**base, "DATABASE_URL": target_url, "MEDIA_ROOT": str(work / "media-target")}
    started = time.monotonic()
    manage(source, "migrate", "--noinput", "-v", "0")
    manage(source, "load_reference")
    manage(source, "load_demo")
    add_uploads(work / "media-source")
    loaded = time.monotonic()
    manage(source, "backup", "--output", str(work / "backups"))
    archive = next((work / "backups").glob("pazanga-backup-*.tar"))
    backed_up = time.monotonic()
    print(manage(target, "restore", str(archive)).strip())
    restored = time.monotonic()
    result = compare(
        json.loads(manage(source, "shell", "-v", "0", "-c", FINGERPRINTS)),
        json.loads(manage(target, "shell", "-v", "0", "-c", FINGERPRINTS)),
    )
    print(f"database: {'PostgreSQL' if arguments.postgres else 'SQLite'}")
    print(f"archive: {archive.name}, {archive.stat().st_size / 1e6:.1f} MB")
    print(
        f"demo loaded in {loaded - started:.0f} s; backup {backed_up - loaded:.1f} s; "
        f"restore {restored - backed_up:.1f} s"
    )
    print(json.dumps(result))
    sys.exit(1 if result["tables differing"] or result["files differing"] else 0)


if __name__ == "__main__":
    main()
