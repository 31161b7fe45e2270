"""Keep the Lithuanian catalogues complete and compiled.

Each app of ours keeps its own catalogue, `<app>/locale/lt/LC_MESSAGES/django.po`, so that
work on one app never touches another's translations.

Without --check: extract every text of each app into its catalogue and compile it.
With --check: change nothing; fail if a text is missing from a catalogue, has no
Lithuanian translation, is marked fuzzy, if a compiled .mo does not match its .po, or if
two apps translate the same text differently. Django merges the catalogues and the first
installed app's translation is shown everywhere, so "Apply" in a grant call and "Apply"
for a training session need a context (`{% translate "Apply" context "for a grant" %}`).
"""

import shutil
import subprocess
import tempfile
from contextlib import chdir
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

LANGUAGE = "lt"


def catalogue_path(root: Path) -> Path:
    return root / "locale" / LANGUAGE / "LC_MESSAGES" / "django.po"


def read_entries(po_file: Path) -> dict[str, tuple[str, bool]]:
    """key -> (all msgstr text joined, fuzzy?) for a .po file; a tiny reader for our files.

    Keys follow gettext: "context\x04msgid" for texts with a context, and a "\x00plural"
    suffix for plural entries (their translations are joined with "|").
    """
    entries: dict[str, tuple[str, bool]] = {}
    fuzzy, plural = False, False
    parts: dict[str, list[str]] = {"ctx": [], "id": [], "str": []}
    field = ""

    def flush() -> None:
        msgid = "".join(parts["id"])
        if msgid:
            context = "".join(parts["ctx"])
            key = (f"{context}\x04" if context else "") + msgid + ("\x00plural" if plural else "")
            entries[key] = ("|".join(parts["str"]) if plural else "".join(parts["str"]), fuzzy)

    for line in [*po_file.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        elif line.startswith("msgctxt "):
            flush()
            parts, field, plural = {"ctx": [unquote(line[8:])], "id": [], "str": []}, "ctx", False
        elif line.startswith("msgid "):
            if not parts["ctx"] or parts["id"]:
                flush()
                parts, plural = {"ctx": [], "id": [], "str": []}, False
            parts["id"], field = [unquote(line[6:])], "id"
        elif line.startswith("msgid_plural "):
            plural, field = True, "plural"
        elif line.startswith("msgstr"):
            parts["str"].append(unquote(line.split(" ", 1)[1]))
            field = "str"
        elif line.startswith('"') and field in parts:
            parts[field][-1] += unquote(line)
        elif not line.strip():
            flush()
            parts, field, fuzzy, plural = {"ctx": [], "id": [], "str": []}, "", False, False
    return entries


def unquote(text: str) -> str:
    return text.strip()[1:-1]


class Command(BaseCommand):
    help = "Extract and compile the Lithuanian catalogue, or --check that it is complete."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--check", action="store_true", help="only check, change nothing")

    def handle(self, *args: object, check: bool = False, **options: object) -> None:
        problems: list[str] = []
        if check:
            problems += translated_differently(our_app_paths())
        problems += self.third_party(check=check)
        for source in our_app_paths():
            if check:
                problems += self.check_catalogue(source)
            else:
                self.extract(source)
                with chdir(source):
                    call_command("compilemessages", locale=[LANGUAGE], verbosity=0)
                self.stdout.write(f"updated {catalogue_path(source)}")
        if problems:
            raise CommandError("\n".join(problems))

    def third_party(self, *, check: bool) -> list[str]:
        """The hand-kept catalogue of Django's and allauth's texts (settings.LOCALE_PATHS):
        compiled, never extracted; checked for empty or fuzzy entries and a stale .mo."""
        problems = []
        for root in map(Path, settings.LOCALE_PATHS):
            po_file = root / LANGUAGE / "LC_MESSAGES" / "django.po"
            if not po_file.exists():
                continue
            if not check:
                subprocess.run(  # noqa: S603 (our own files, no shell)
                    [  # noqa: S607 (msgfmt from GNU gettext, found on PATH as makemessages does)
                        "msgfmt",
                        "--check-format",
                        "-o",
                        str(po_file.with_suffix(".mo")),
                        str(po_file),
                    ],
                    check=True,
                )
                continue
            entries = read_entries(po_file)
            problems += [
                f"{po_file}: no Lithuanian text: {m!r}" for m, (t, _f) in entries.items() if not t
            ]
            problems += [f"{po_file}: fuzzy: {m!r}" for m, (_t, fuzzy) in entries.items() if fuzzy]
            if not compiled_matches(po_file, po_file.with_suffix(".mo")):
                problems.append(f"{po_file.with_suffix('.mo')} is not compiled from its .po")
        return problems

    def extract(self, source: Path) -> None:
        # makemessages works on the current directory; run it inside the app.
        (source / "locale").mkdir(exist_ok=True)
        with chdir(source):
            call_command(
                "makemessages",
                locale=[LANGUAGE],
                no_obsolete=True,
                no_wrap=True,
                add_location="never",
                verbosity=0,
            )

    def check_catalogue(self, source: Path) -> list[str]:
        committed = catalogue_path(source)
        if not committed.exists():
            return [f"{committed} is missing (make messages)"]
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / source.name
            shutil.copytree(source, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
            self.extract(copy)
            extracted = read_entries(catalogue_path(copy))
        existing = read_entries(committed)
        app = source.name
        problems = [f"{app}: not in the catalogue: {m!r}" for m in extracted if m not in existing]
        problems += [
            f"{app}: no Lithuanian text: {m!r}" for m, (t, _f) in existing.items() if not t
        ]
        problems += [f"{app}: fuzzy: {m!r}" for m, (_t, fuzzy) in existing.items() if fuzzy]
        compiled = committed.with_suffix(".mo")
        if not compiled_matches(committed, compiled):
            problems.append(f"{compiled} is not compiled from its .po (make messages)")
        if not problems:
            self.stdout.write(f"{app}: {len(existing)} texts, all translated and compiled")
        return problems


def translated_differently(sources: list[Path]) -> list[str]:
    """Texts that two apps translate differently (only one translation can be shown)."""
    seen: dict[str, tuple[str, str]] = {}
    problems = []
    for source in sources:
        if not catalogue_path(source).exists():
            continue
        for key, (text, _fuzzy) in read_entries(catalogue_path(source)).items():
            first = seen.setdefault(key, (source.name, text))
            if first[1] != text:
                shown = key.replace("\x04", " | ").replace("\x00plural", " (plural)")
                problems.append(
                    f"{first[0]} and {source.name} translate {shown!r} differently "
                    f"({first[1]!r} / {text!r}): use the same words or a context"
                )
    return problems


def our_app_paths() -> list[Path]:
    return [Path(c.path) for c in apps.get_app_configs() if c.name.startswith("pazanga.")]


def compiled_matches(po_file: Path, mo_file: Path) -> bool:
    if not mo_file.exists():
        return False
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "django.mo"
        # --check-format: a translation must keep the original's placeholders.
        command = ["msgfmt", "--check-format", "-o", str(fresh), str(po_file)]
        if subprocess.run(command, check=False).returncode != 0:  # noqa: S603
            return False
        return fresh.read_bytes() == mo_file.read_bytes()
