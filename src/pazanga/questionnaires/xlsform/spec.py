"""A questionnaire as plain data: what an XLSForm file says, independent of the database.

The reader turns a workbook into a FormSpec, the writer a FormSpec into a workbook, and
`convert` moves FormSpecs to and from the models. Two questionnaires are the same when
their FormSpecs are equal, which is how the round trip is tested.

Texts are tuples of (language code, text) pairs, sorted, so that equal forms compare
equal whatever the column order of the workbook was.
"""

from dataclasses import dataclass, field
from decimal import Decimal

# language code -> text
Texts = tuple[tuple[str, str], ...]
# further columns kept as written, e.g. ("bind::odk:length", "1 10")
Pairs = tuple[tuple[str, str], ...]


def texts(mapping: dict[str, str]) -> Texts:
    return tuple(sorted((code, text) for code, text in mapping.items() if text))


@dataclass(frozen=True)
class ChoiceSpec:
    name: str
    label: Texts
    correct: bool = False
    extra: Pairs = ()
    # media kind ("image", "audio", "video", "big-image") -> texts (file names per language)
    media: tuple[tuple[str, Texts], ...] = ()


@dataclass(frozen=True)
class QuestionSpec:
    type: str  # a QuestionType value
    name: str
    label: Texts = ()
    hint: Texts = ()
    list_name: str = ""  # a choice list, or an attached file for select_*_from_file
    required: bool = False
    constraint: str = ""
    constraint_message: Texts = ()
    relevant: str = ""
    choice_filter: str = ""
    appearance: str = ""
    points: Decimal | None = None
    calculation: str = ""
    default: str = ""
    read_only: bool = False
    required_message: Texts = ()
    guidance_hint: Texts = ()
    parameters: str = ""  # canonical "key=value key=value"
    trigger: str = ""
    media: tuple[tuple[str, Texts], ...] = ()
    extra: Pairs = ()  # bind::, body::, instance:: and other columns, kept for the round trip


@dataclass(frozen=True)
class GroupSpec:
    name: str
    label: Texts = ()
    relevant: str = ""
    items: tuple["QuestionSpec | GroupSpec", ...] = ()
    appearance: str = ""
    repeat: bool = False
    repeat_count: str = ""  # a number or an expression; empty: the respondent adds instances
    hint: Texts = ()
    extra: Pairs = ()

    @property
    def questions(self) -> tuple[QuestionSpec, ...]:
        """Every question inside, at any depth, in order."""
        return tuple(flatten_questions(self.items))

    @property
    def groups(self) -> list["GroupSpec"]:
        return flatten_groups(self.items)


@dataclass(frozen=True)
class FormSpec:
    form_id: str
    title: Texts
    languages: tuple[str, ...]  # first is the default language
    items: tuple[QuestionSpec | GroupSpec, ...]
    choice_lists: tuple[tuple[str, tuple[ChoiceSpec, ...]], ...]
    description: Texts = ()
    purpose: str = "survey"
    pass_mark: Decimal | None = None
    # code -> the name the form gave the language ("Français (fr)"), for display and export
    language_names: Pairs = ()
    # further settings kept as written (instance_name, style, ...)
    settings: Pairs = ()
    # names of the files the form needs attached (CSV for select_*_from_file and pulldata)
    attachments: tuple[str, ...] = ()
    version: str = field(default="", compare=False)  # informative; the platform numbers versions

    @property
    def questions(self) -> list[QuestionSpec]:
        return flatten_questions(self.items)

    @property
    def groups(self) -> list[GroupSpec]:
        """Every group and repeat, at any depth, in order."""
        return flatten_groups(self.items)

    def language_name(self, code: str) -> str:
        return dict(self.language_names).get(code, code)


def flatten_questions(items: tuple[QuestionSpec | GroupSpec, ...]) -> list[QuestionSpec]:
    found: list[QuestionSpec] = []
    for item in items:
        if isinstance(item, GroupSpec):
            found.extend(flatten_questions(item.items))
        else:
            found.append(item)
    return found


def flatten_groups(items: tuple[QuestionSpec | GroupSpec, ...]) -> list[GroupSpec]:
    found: list[GroupSpec] = []
    for item in items:
        if isinstance(item, GroupSpec):
            found.append(item)
            found.extend(flatten_groups(item.items))
    return found
