from pathlib import Path

from pazanga.common.management.commands.update_messages import read_entries, translated_differently

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


def catalogue(root: Path, app: str, body: str) -> Path:
    folder = root / app / "locale" / "lt" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "django.po").write_text(HEADER + body, encoding="utf-8")
    return root / app


def test_it_reads_contexts_plurals_and_fuzzy_marks(tmp_path):
    source = catalogue(
        tmp_path,
        "grants",
        'msgctxt "for a grant"\nmsgid "Apply"\nmsgstr "Teikti paraišką"\n\n'
        'msgid "%(n)s branch"\nmsgid_plural "%(n)s branches"\n'
        'msgstr[0] "%(n)s filialas"\nmsgstr[1] "%(n)s filialai"\n\n'
        '#, fuzzy\nmsgid "Save"\nmsgstr "Saugoti"\n',
    )
    entries = read_entries(source / "locale" / "lt" / "LC_MESSAGES" / "django.po")
    assert entries["for a grant\x04Apply"] == ("Teikti paraišką", False)
    assert entries["%(n)s branch\x00plural"] == ("%(n)s filialas|%(n)s filialai", False)
    assert entries["Save"] == ("Saugoti", True)


def test_it_finds_a_text_two_apps_translate_differently(tmp_path):
    training = catalogue(tmp_path, "training", 'msgid "Apply"\nmsgstr "Registruotis"\n')
    grants = catalogue(tmp_path, "grants", 'msgid "Apply"\nmsgstr "Teikti paraišką"\n')
    (problem,) = translated_differently([training, grants])
    assert problem.startswith("training and grants translate 'Apply' differently")


def test_a_context_keeps_two_meanings_apart(tmp_path):
    training = catalogue(tmp_path, "training", 'msgid "Apply"\nmsgstr "Registruotis"\n')
    grants = catalogue(
        tmp_path, "grants", 'msgctxt "for a grant"\nmsgid "Apply"\nmsgstr "Teikti paraišką"\n'
    )
    assert translated_differently([training, grants]) == []
