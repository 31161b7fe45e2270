"""Read an XLSForm workbook into a FormSpec, or say exactly where it is wrong.

pyxform, the reference converter, reads the sheets (aliases, languages, `or_other`,
case-insensitive names, its own checks); this module opens the workbook
(`workbook.open_workbook`), turns pyxform's result into our FormSpec, and adds the checks
that the engine needs: every expression parses with our parser and uses only functions
we evaluate, every `${name}` exists, calculations do not depend on themselves, attached
files are there. The features we refuse are listed in decision 0024 and are refused with
sheet, row and column. Nothing is ever partly read: all errors come at once.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from pyxform.builder import create_survey_element_from_dict
from pyxform.errors import PyXFormError
from pyxform.question_type_dictionary import QUESTION_TYPE_DICT
from pyxform.xls2json import workbook_to_json
from pyxform.xls2json_backends import DefinitionData

from pazanga.questionnaires.enums import Purpose, QuestionType
from pazanga.questionnaires.xlsform import attachments as attached
from pazanga.questionnaires.xlsform.checks import FormChecker
from pazanga.questionnaires.xlsform.languages import display_name, language_code
from pazanga.questionnaires.xlsform.located import LocatedError, Locator, XLSFormError
from pazanga.questionnaires.xlsform.spec import (
    ChoiceSpec,
    FormSpec,
    GroupSpec,
    Pairs,
    QuestionSpec,
    Texts,
    texts,
)
from pazanga.questionnaires.xlsform.workbook import (
    MAX_UPLOAD_BYTES,
    TRANSLATABLE,
    RawSheet,
    WrongFileError,
    check_workbook_bytes,
    header_base,
    header_language,
    open_workbook,
)

__all__ = [
    "MAX_UPLOAD_BYTES",
    "LocatedError",
    "WrongFileError",
    "XLSFormError",
    "check_workbook_bytes",
    "read_xlsform",
    "read_xlsform_with_warnings",
]

MAX_NAME_LENGTH = 60
TRUE_WORDS = {"yes", "true", "true()", "1", "taip"}
FALSE_WORDS = {"no", "false", "false()", "0", "ne", ""}
KNOWN_SHEETS = ("survey", "choices", "settings", "external_choices")
# Sheets and types on the refusal list (decision 0024), with the reason shown.
REFUSED_SHEETS = {
    "entities": gettext_noop("Entities (shared lists of cases) are not supported."),
    "osm": gettext_noop("OpenStreetMap questions are not supported."),
}
PYXFORM_TYPES = {
    "text": QuestionType.TEXT,
    "string": QuestionType.TEXT,
    "integer": QuestionType.INTEGER,
    "int": QuestionType.INTEGER,
    "decimal": QuestionType.DECIMAL,
    "date": QuestionType.DATE,
    "time": QuestionType.TIME,
    "dateTime": QuestionType.DATETIME,
    "note": QuestionType.NOTE,
    "file": QuestionType.FILE,
    "image": QuestionType.IMAGE,
    "audio": QuestionType.AUDIO,
    "video": QuestionType.VIDEO,
    "barcode": QuestionType.BARCODE,
    "geopoint": QuestionType.GEOPOINT,
    "geotrace": QuestionType.GEOTRACE,
    "geoshape": QuestionType.GEOSHAPE,
    "range": QuestionType.RANGE,
    "calculate": QuestionType.CALCULATE,
    "hidden": QuestionType.HIDDEN,
    "acknowledge": QuestionType.ACKNOWLEDGE,
    "trigger": QuestionType.ACKNOWLEDGE,
    "start": QuestionType.START,
    "end": QuestionType.END,
    "today": QuestionType.TODAY,
    "deviceid": QuestionType.DEVICEID,
    "username": QuestionType.USERNAME,
    "phonenumber": QuestionType.PHONENUMBER,
    "audit": QuestionType.AUDIT,
    "csv-external": QuestionType.EXTERNAL_DATA,
    "xml-external": QuestionType.EXTERNAL_DATA,
    "select one": QuestionType.SELECT_ONE,
    "select all that apply": QuestionType.SELECT_MULTIPLE,
    "rank": QuestionType.RANK,
}
REFUSED_TYPES = {
    "osm": gettext_noop("OpenStreetMap questions are not supported."),
    "loop": gettext_noop("begin_loop is not supported: write a repeat or one group per item."),
    "select one external": gettext_noop(
        "select_one_external (choices from the external_choices sheet) "
        "is not supported: use select_one_from_file with an attached CSV."
    ),
    "background-audio": gettext_noop("Background recording is not supported."),
    "background-geopoint": gettext_noop("Background location is not supported."),
    "start-geopoint": gettext_noop("start-geopoint is not supported."),
    "simserial": gettext_noop("The SIM serial number is no longer given by devices."),
    "subscriberid": gettext_noop("The subscriber id is no longer given by devices."),
    "email": gettext_noop("The device e-mail metadata is no longer given by devices."),
}
REFUSED_SETTINGS = {
    "public_key": gettext_noop(
        "Encrypted forms are not supported: the platform must read the answers."
    ),
}
OUR_SETTINGS = {"form_title", "form_id", "version", "default_language", "purpose", "pass_mark"}
OUR_SETTINGS |= {"description", "title", "id_string"}
# Keys pyxform adds on its own or that our model holds in fields; the rest is kept as written.
BIND_FIELDS = {"required", "relevant", "constraint", "calculate", "readonly"}
BIND_FIELDS |= {"jr:constraintMsg", "jr:requiredMsg"}
QUESTION_KEYS = {"type", "name", "label", "hint", "guidance_hint", "bind", "control", "media"}
QUESTION_KEYS |= {"choices", "list_name", "itemset", "parameters", "choice_filter", "default"}
QUESTION_KEYS |= {"trigger", "points", "children", "instance", "actions", "sms_field"}
CHOICE_KEYS = {"name", "label", "media", "correct"}


def yes(text: str) -> bool:
    return text.strip().lower() in TRUE_WORDS


@dataclass
class Languages:
    """pyxform's language names (`English (en)`, `default`) mapped to our codes."""

    codes: dict[str, str]  # pyxform name -> code
    order: list[str]  # codes, default first

    def texts(self, value: Any) -> Texts:
        if value is None or value == "":
            return ()
        if isinstance(value, dict):
            found: dict[str, str] = {}
            for name, text in value.items():
                code = self.codes.get(name, language_code(name))
                if text and code not in found:
                    found[code] = str(text)
            return texts(found)
        return texts({self.order[0]: str(value)})


class Reader:
    def __init__(self, attachments: Mapping[str, bytes] | None = None) -> None:
        self.attachments = dict(attachments or {})
        self.warnings: list[LocatedError] = []

    def read(self, data: bytes) -> FormSpec:
        sheets = open_workbook(data)
        self.locator = Locator(sheets)
        located = self.locator
        if "survey" not in sheets:
            located.error("survey", None, None, _("The workbook has no “survey” sheet."))
            raise XLSFormError(located.errors)
        for name, reason in REFUSED_SHEETS.items():
            if name in sheets and any(any(row) for row in sheets[name].rows):
                located.error(name, None, None, _(reason))
        for name, sheet in sheets.items():
            located.check_header(name, sheet)
        self.check_names(sheets["survey"])
        if located.errors:
            raise XLSFormError(located.errors)
        raw_settings = self.raw_settings(sheets.get("settings"))
        document = self.pyxform(sheets)
        if located.errors:
            raise XLSFormError(located.errors)
        languages = self.languages(sheets, document, raw_settings)
        lists = self.choice_lists(document, languages)
        items = self.items(document.get("children", []), languages, lists)
        form = self.form(document, raw_settings, languages, items, lists)
        FormChecker(form, located, self.max_repeat_count()).check()
        self.warnings = located.warnings
        if located.errors:
            raise XLSFormError(located.errors)
        return form

    @staticmethod
    def max_repeat_count() -> int:
        return int(getattr(settings, "QUESTIONNAIRE_MAX_REPEAT_COUNT", 200))

    def check_names(self, survey: RawSheet) -> None:
        """Names are unique in the whole form: answers are stored by name (decision 0022),
        where pyxform asks only for names unique within their group."""
        name_index = self.locator.index_of("survey", "name")
        type_index = self.locator.index_of("survey", "type")
        if name_index is None or type_index is None:
            return
        seen: dict[str, int] = {}
        for number, cells in enumerate(survey.rows, start=2):
            kind = cells[type_index].lower() if type_index < len(cells) else ""
            name = cells[name_index] if name_index < len(cells) else ""
            if not name or kind.startswith("end"):
                continue
            if name in seen:
                self.locator.error(
                    "survey",
                    number,
                    "name",
                    _("The name “%(name)s” is already used in row %(row)s.")
                    % {"name": name, "row": seen[name]},
                )
            seen.setdefault(name, number)

    # pyxform ----------------------------------------------------------------------

    def pyxform(self, sheets: dict[str, RawSheet]) -> dict[str, Any]:
        definition: dict[str, Any] = {"sheet_names": [s.title for s in sheets.values()]}
        for name in (*KNOWN_SHEETS, "entities", "osm"):
            if name not in sheets:
                continue
            sheet = sheets[name]
            headers = [re.sub(r"\s+", " ", h) for h in sheet.header]
            is_type = [header_base(h) == "type" for h in headers]
            definition[name] = [
                {
                    h: normalise_type(cell) if typed else cell
                    for h, typed, cell in zip(headers, is_type, row, strict=False)
                    if h and cell
                }
                for row in sheet.rows
            ]
            definition[f"{name}_header"] = [{h: None for h in headers if h}]
        warnings: list[str] = []
        try:
            document = workbook_to_json(
                workbook_dict=DefinitionData(**definition), warnings=warnings
            )
            create_survey_element_from_dict(document)
        except PyXFormError as error:
            self.locator.converter_error(str(error))
            return {}
        except Exception as error:
            # instead of explaining them; a bad upload must never be a server error.
            self.locator.converter_error(
                _("The form cannot be read (%(problem)s).") % {"problem": repr(error)}
            )
            return {}
        for warning in warnings:
            self.locator.converter_warning(warning)
        return document

    # languages, settings, choices -----------------------------------------------

    @staticmethod
    def raw_settings(sheet: RawSheet | None) -> dict[str, str]:
        if sheet is None or not sheet.rows:
            return {}
        return {
            header.strip(): value
            for header, value in zip(sheet.header, sheet.rows[0], strict=False)
            if header.strip() and value
        }

    def languages(
        self, sheets: dict[str, RawSheet], document: dict[str, Any], raw: dict[str, str]
    ) -> Languages:
        written: list[str] = []
        for sheet_name in ("survey", "choices", "settings"):
            for header in sheets[sheet_name].header if sheet_name in sheets else []:
                language = header_language(header)
                if language and language not in written:
                    written.append(language)
        default_setting = next(
            (v for k, v in raw.items() if k.lower() == "default_language"), ""
        ).strip()
        default_code = language_code(default_setting) if default_setting else ""
        codes = {name: language_code(name) for name in written}
        plain_used = any(
            not header_language(h) and header_base(h) in TRANSLATABLE
            for s in ("survey", "choices")
            if s in sheets
            for h in sheets[s].header
        )
        order: list[str] = []
        if default_code:
            order.append(default_code)
        elif plain_used or not written:
            order.append("lt")
        for name in written:
            if codes[name] not in order:
                order.append(codes[name])
        codes["default"] = order[0]
        if default_setting:
            codes[default_setting] = order[0]
        names: dict[str, str] = {}
        for name in written:
            names.setdefault(codes[name], name)
        if default_setting:
            names.setdefault(order[0], default_setting)
        self.language_names = tuple((code, names.get(code, display_name(code))) for code in order)
        return Languages(codes, order)

    def choice_lists(
        self, document: dict[str, Any], languages: Languages
    ) -> dict[str, tuple[ChoiceSpec, ...]]:
        lists: dict[str, tuple[ChoiceSpec, ...]] = {}
        for list_name, choices in (document.get("choices") or {}).items():
            lists[list_name] = tuple(
                ChoiceSpec(
                    name=str(choice.get("name", "")),
                    label=languages.texts(choice.get("label")),
                    correct=yes(str(choice.get("correct", ""))),
                    extra=tuple(
                        (str(k), str(v))
                        for k, v in choice.items()
                        if k not in CHOICE_KEYS and isinstance(v, str | int | float)
                    ),
                    media=media(choice.get("media"), languages),
                )
                for choice in choices
            )
        return lists

    def form(
        self,
        document: dict[str, Any],
        raw: dict[str, str],
        languages: Languages,
        items: list[QuestionSpec | GroupSpec],
        lists: dict[str, tuple[ChoiceSpec, ...]],
    ) -> FormSpec:
        lowered = {k.lower(): v for k, v in raw.items()}
        has_title = any(header_base(k) == "form_title" for k in raw)
        title = languages.texts(document.get("title")) if has_title else ()
        description = {
            languages.codes.get(header_language(k) or "default", language_code(k)): v
            for k, v in raw.items()
            if header_base(k) == "description"
        }
        purpose = (lowered.get("purpose") or Purpose.SURVEY.value).strip().lower()
        if purpose not in Purpose.values:
            self.locator.setting_error(
                "purpose",
                _("Unknown purpose; use one of: %(purposes)s.")
                % {"purposes": ", ".join(Purpose.values)},
            )
        pass_mark = None
        if lowered.get("pass_mark"):
            try:
                pass_mark = Decimal(lowered["pass_mark"])
            except InvalidOperation:
                self.locator.setting_error("pass_mark", _("The pass mark must be a number."))
        form_id = lowered.get("form_id", "") or lowered.get("id_string", "")
        for key, reason in REFUSED_SETTINGS.items():
            if lowered.get(key):
                self.locator.setting_error(key, _(reason))
        kept = tuple(
            sorted(
                (k, v)
                for k, v in raw.items()
                if header_base(k) not in OUR_SETTINGS and k.lower() not in REFUSED_SETTINGS
            )
        )
        return FormSpec(
            form_id=form_id,
            title=title,
            description=texts(description),
            languages=tuple(languages.order),
            items=tuple(items),
            choice_lists=tuple(lists.items()),
            purpose=purpose,
            pass_mark=pass_mark,
            language_names=self.language_names,
            settings=kept,
            attachments=(),
            version=lowered.get("version", ""),
        )

    # survey -----------------------------------------------------------------------

    def items(
        self,
        children: list[dict[str, Any]],
        languages: Languages,
        lists: dict[str, tuple[ChoiceSpec, ...]],
    ) -> list[QuestionSpec | GroupSpec]:
        found: list[QuestionSpec | GroupSpec] = []
        trailing: list[QuestionSpec | GroupSpec] = []
        counts = generated_counts(children)
        for child in children:
            kind = child.get("type", "")
            name = str(child.get("name", ""))
            if name in counts:
                continue
            if kind == "group" and name == "meta" and (child.get("control") or {}).get("bodyless"):
                # pyxform's own metadata group: instanceID and instanceName are implied;
                # anything else a form put there (audit) is kept, at the end.
                inner = [c for c in child.get("children", []) if c.get("name") not in META_NAMES]
                trailing.extend(self.items(inner, languages, lists))
                continue
            if kind in ("group", "repeat"):
                group = self.group(child, languages, lists)
                count_name = group.repeat_count.removeprefix("${").removesuffix("}")
                if count_name in counts:  # undo pyxform's generated count node
                    group = GroupSpec(**{**group.__dict__, "repeat_count": counts[count_name]})
                found.append(group)
                continue
            question = self.question(child, languages, lists)
            if question is not None:
                found.append(question)
        return found + trailing

    def group(
        self,
        child: dict[str, Any],
        languages: Languages,
        lists: dict[str, tuple[ChoiceSpec, ...]],
    ) -> GroupSpec:
        bind = child.get("bind") or {}
        control = dict(child.get("control") or {})
        count = str(control.pop("jr:count", "") or "")
        extra = kept_pairs(child, bind, control, {"appearance"})
        return GroupSpec(
            name=str(child["name"]),
            label=languages.texts(child.get("label")),
            hint=languages.texts(child.get("hint")),
            relevant=str(bind.get("relevant", "")),
            appearance=str(control.get("appearance", "")),
            repeat=child["type"] == "repeat",
            repeat_count=count,
            items=tuple(self.items(child.get("children", []), languages, lists)),
            extra=extra,
        )

    def question(  # noqa: PLR0912 (one column after another)
        self,
        child: dict[str, Any],
        languages: Languages,
        lists: dict[str, tuple[ChoiceSpec, ...]],
    ) -> QuestionSpec | None:
        kind = child.get("type", "")
        name = str(child.get("name", ""))
        located = self.locator
        question_type = resolve_type(kind)
        if kind in REFUSED_TYPES or question_type in REFUSED_TYPES:
            reason = REFUSED_TYPES[kind if kind in REFUSED_TYPES else question_type]
            located.row_error(name, "type", _(reason))
            return None
        if question_type not in TYPE_VALUES:
            located.row_error(
                name, "type", _("The type “%(type)s” is not supported.") % {"type": kind}
            )
            return None
        if len(name) > MAX_NAME_LENGTH:
            located.row_error(
                name,
                "name",
                _("The name is longer than %(length)s characters.") % {"length": MAX_NAME_LENGTH},
            )
        question_type = QuestionType(question_type)
        bind = child.get("bind") or {}
        control = dict(child.get("control") or {})
        appearance = str(control.get("appearance", ""))
        words = appearance.lower().split()
        if question_type == QuestionType.TEXT and "multiline" in words:
            question_type = QuestionType.LONG_TEXT
        if question_type == QuestionType.SELECT_ONE and {"likert", "rating"} & set(words):
            question_type = QuestionType.LIKERT
        list_name = ""
        if question_type in (
            QuestionType.SELECT_ONE,
            QuestionType.SELECT_MULTIPLE,
            QuestionType.LIKERT,
            QuestionType.RANK,
        ):
            list_name = str(child.get("list_name") or child.get("itemset") or "")
            if attached.is_file_list(list_name) and list_name not in lists:
                lists[list_name] = self.file_choices(name, list_name, child, languages)
        if question_type == QuestionType.EXTERNAL_DATA:
            control["external"] = "xml" if kind == "xml-external" else "csv"
        required, required_if = False, ""
        required_text = str(bind.get("required", "")).strip()
        if required_text.lower() in TRUE_WORDS:
            required = True
        elif required_text.lower() not in FALSE_WORDS:
            required_if = required_text
        if required and question_type == QuestionType.NOTE:
            located.row_error(name, "required", _("A note cannot be required."))
        points = None
        if child.get("points") not in (None, ""):
            try:
                points = Decimal(str(child["points"]))
                if not points.is_finite() or points < 0:
                    raise InvalidOperation
            except InvalidOperation:
                located.row_error(name, "points", _("Points must be a number of 0 or more."))
                points = None
        if child.get("choice_filter") and not list_name:
            located.row_error(
                name, "choice_filter", _("Only a select question can filter its choices.")
            )
        triggers = child.get("trigger") or []
        extra = kept_pairs(child, bind, control, {"appearance", "start", "end", "step"})
        if required_if:
            extra = tuple(sorted((*extra, ("required_if", required_if))))
        return QuestionSpec(
            type=question_type,
            name=name,
            label=languages.texts(child.get("label")),
            hint=languages.texts(child.get("hint")),
            list_name=list_name,
            required=required,
            constraint=str(bind.get("constraint", "")),
            constraint_message=languages.texts(bind.get("jr:constraintMsg")),
            relevant=str(bind.get("relevant", "")),
            choice_filter=str(child.get("choice_filter", "") or ""),
            appearance=appearance,
            points=points,
            calculation=str(bind.get("calculate", "")),
            default=str(child.get("default", "") or ""),
            read_only=str(bind.get("readonly", "")).strip().lower() in TRUE_WORDS,
            required_message=languages.texts(bind.get("jr:requiredMsg")),
            guidance_hint=languages.texts(child.get("guidance_hint")),
            parameters=parameters_text(child.get("parameters")),
            trigger=" ".join(f"${{{t}}}" for t in triggers)
            if isinstance(triggers, list | tuple)
            else str(triggers),
            media=media(child.get("media"), languages),
            extra=extra,
        )

    def file_choices(
        self, question: str, file_name: str, child: dict[str, Any], languages: Languages
    ) -> tuple[ChoiceSpec, ...]:
        parameters = child.get("parameters") or {}
        data = self.attachments.get(file_name)
        if data is None:
            self.locator.row_error(
                question,
                "type",
                _("The choices come from “%(file)s”: attach that file.") % {"file": file_name},
            )
            return ()
        try:
            return attached.choices_from_file(
                file_name,
                data,
                value_column=str(parameters.get("value", "name")),
                label_column=str(parameters.get("label", "label")),
                default_language=languages.order[0],
            )
        except attached.AttachmentError as error:
            self.locator.row_error(question, "type", str(error))
            return ()


META_NAMES = {"instanceID", "instanceName"}
TYPE_VALUES = frozenset(QuestionType.values)


def parameters_text(value: Any) -> str:
    """Canonical `key=value` pairs, sorted; pyxform gives a dict (or the text, for some types)."""
    if isinstance(value, dict):
        return " ".join(f"{k}={v}" for k, v in sorted(value.items()))
    return " ".join(sorted(str(value or "").replace(";", " ").replace(",", " ").split()))


PRELOADS = {
    "start": QuestionType.START,
    "end": QuestionType.END,
    "today": QuestionType.TODAY,
    "deviceid": QuestionType.DEVICEID,
    "uri:deviceid": QuestionType.DEVICEID,
    "phonenumber": QuestionType.PHONENUMBER,
    "uri:phonenumber": QuestionType.PHONENUMBER,
    "username": QuestionType.USERNAME,
    "uri:username": QuestionType.USERNAME,
    "simserial": "simserial",
    "uri:simserial": "simserial",
    "subscriberid": "subscriberid",
    "uri:subscriberid": "subscriberid",
    "email": "email",
    "uri:email": "email",
}
MEDIA_TYPES = {
    "image/*": QuestionType.IMAGE,
    "audio/*": QuestionType.AUDIO,
    "video/*": QuestionType.VIDEO,
    "application/*": QuestionType.FILE,
    "osm/*": "osm",
}
INPUT_TYPES = {
    "int": QuestionType.INTEGER,
    "decimal": QuestionType.DECIMAL,
    "date": QuestionType.DATE,
    "time": QuestionType.TIME,
    "dateTime": QuestionType.DATETIME,
    "geopoint": QuestionType.GEOPOINT,
    "geotrace": QuestionType.GEOTRACE,
    "geoshape": QuestionType.GEOSHAPE,
    "barcode": QuestionType.BARCODE,
}


def resolve_type(kind: str) -> str:  # noqa: PLR0911 (one return per kind of XForm control)
    """Our type for a pyxform type name, aliases included (`photo`, `get start time`),
    read from pyxform's own type table; a REFUSED_TYPES key, or "" when unknown."""
    if kind in PYXFORM_TYPES:
        return PYXFORM_TYPES[kind]
    entry = QUESTION_TYPE_DICT.get(kind)
    if entry is None:
        return ""
    bind, control = entry.get("bind") or {}, entry.get("control") or {}
    preload = bind.get("jr:preloadParams") or ""
    if preload:
        return PRELOADS.get(preload, "")
    tag, data_type = control.get("tag"), bind.get("type")
    if tag == "upload":
        return MEDIA_TYPES.get(control.get("mediatype", ""), "")
    if tag == "select1":
        return QuestionType.SELECT_ONE
    if tag == "select":
        return QuestionType.SELECT_MULTIPLE
    if tag == "trigger":
        return QuestionType.ACKNOWLEDGE
    if tag == "range":
        return QuestionType.RANGE
    if tag == "input":
        if "note" in kind:
            return QuestionType.NOTE
        return INPUT_TYPES.get(data_type, QuestionType.TEXT)
    if tag is None and data_type == "string":
        return QuestionType.CALCULATE
    return ""


def generated_counts(children: list[dict[str, Any]]) -> dict[str, str]:
    """pyxform turns a repeat_count that is not a plain reference into a calculate named
    `<repeat>_count`; the form wrote only the expression."""
    names = {str(c.get("name", "")): c for c in children}
    found: dict[str, str] = {}
    for child in children:
        if child.get("type") != "repeat":
            continue
        count_name = f"{child.get('name')}_count"
        node = names.get(count_name)
        pointed = (child.get("control") or {}).get("jr:count") == f"${{{count_name}}}"
        if node is not None and pointed and node.get("type") == "calculate":
            found[count_name] = str((node.get("bind") or {}).get("calculate", ""))
    return found


TYPE_WORDS = {"select", "one", "all", "that", "apply", "from", "or_other", "rank", "begin"}
TYPE_WORDS |= {"end", "group", "repeat", "loop", "over", "select_one", "select_multiple"}
TYPE_WORDS |= {"select_one_from_file", "select_multiple_from_file", "begin_group", "end_group"}
TYPE_WORDS |= {"begin_repeat", "end_repeat", "select_one_external", "select_multiple_external"}


def normalise_type(text: str) -> str:
    """Type keywords in lower case (`INTEGER`, `Select_One list`); list names untouched."""
    words = text.split()
    if len(words) == 1:
        lowered = words[0].lower()
        return "dateTime" if lowered == "datetime" else lowered
    return " ".join(w.lower() if w.lower() in TYPE_WORDS else w for w in words)


def media(value: Any, languages: Languages) -> tuple[tuple[str, Texts], ...]:
    if not isinstance(value, dict):
        return ()
    return tuple(sorted((str(kind), languages.texts(files)) for kind, files in value.items()))


def kept_pairs(
    child: dict[str, Any], bind: dict[str, Any], control: dict[str, Any], known: set[str]
) -> Pairs:
    """Columns the model has no field for, kept as written for the round trip."""
    kept: list[tuple[str, str]] = []
    for key, value in bind.items():
        if key in BIND_FIELDS:
            continue
        if isinstance(value, dict):  # a translated column, like bind::jr:noAppErrorString
            kept += [(f"bind::{key}::{language}", str(text)) for language, text in value.items()]
        else:
            kept.append((f"bind::{key}", str(value)))
    kept += [
        (f"body::{k}", str(v))
        for k, v in control.items()
        if k not in known and k not in ("bodyless",) and not isinstance(v, dict | list)
    ]
    kept += [(f"instance::{k}", str(v)) for k, v in (child.get("instance") or {}).items()]
    kept += [
        (str(k), str(v))
        for k, v in child.items()
        if k not in QUESTION_KEYS and isinstance(v, str | int | float)
    ]
    return tuple(sorted(kept))


def read_xlsform_with_warnings(
    data: bytes, attachments: Mapping[str, bytes] | None = None
) -> tuple[FormSpec, list[LocatedError]]:
    """The form in `data` and the located warnings (missing translations and the like)."""
    reader = Reader(attachments)
    form = reader.read(data)
    found = attached.attachment_names(form)
    form = FormSpec(**{**form.__dict__, "attachments": found})
    missing = [name for name in found if name not in reader.attachments]
    if missing:
        reader.locator.error(
            "survey",
            None,
            None,
            _("The form needs these files attached: %(files)s.") % {"files": ", ".join(missing)},
        )
        raise XLSFormError(reader.locator.errors)
    return form, reader.warnings


def read_xlsform(data: bytes, attachments: Mapping[str, bytes] | None = None) -> FormSpec:
    """The form in `data` (the bytes of an .xlsx file), with its attached files.

    Raises WrongFileError when it is not a workbook or is too big, XLSFormError with located
    errors when it is a workbook but not a form we can run.
    """
    return read_xlsform_with_warnings(data, attachments)[0]
