"""A questionnaire as plain data: what an XLSForm file says, independent of the database.

The reader turns a workbook into a FormSpec, the writer a FormSpec into a workbook, and
`convert` moves FormSpecs to and from the models. Two questionnaires are the same when
their FormSpecs are equal, which is how the round trip is tested.
"""

from dataclasses import dataclass, field
from decimal import Decimal

# language code -> text
Texts = tuple[tuple[str, str], ...]


def texts(mapping: dict[str, str]) -> Texts:
    return tuple(sorted((code, text) for code, text in mapping.items() if text))


@dataclass(frozen=True)
class ChoiceSpec:
    name: str
    label: Texts
    correct: bool = False
    extra: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class QuestionSpec:
    type: str  # a QuestionType value
    name: str
    label: Texts = ()
    hint: Texts = ()
    list_name: str = ""
    required: bool = False
    constraint: str = ""
    constraint_message: Texts = ()
    relevant: str = ""
    choice_filter: str = ""
    appearance: str = ""
    points: Decimal | None = None


@dataclass(frozen=True)
class GroupSpec:
    name: str
    label: Texts = ()
    relevant: str = ""
    questions: tuple[QuestionSpec, ...] = ()


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
    version: str = field(default="", compare=False)  # informative; the platform numbers versions

    @property
    def questions(self) -> list[QuestionSpec]:
        found: list[QuestionSpec] = []
        for item in self.items:
            found.extend(item.questions if isinstance(item, GroupSpec) else [item])
        return found

    @property
    def groups(self) -> list[GroupSpec]:
        return [item for item in self.items if isinstance(item, GroupSpec)]
