"""Read an XLSForm and say what is in it, or exactly where it is wrong; optionally import it."""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from pazanga.programme.models import Programme
from pazanga.questionnaires.xlsform.reader import (
    WrongFileError,
    XLSFormError,
    read_xlsform_with_warnings,
)


class Command(BaseCommand):
    help = "Check an XLSForm (.xlsx) and import it as a draft questionnaire."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("path", help="the .xlsx file")
        parser.add_argument("--dry-run", action="store_true", help="only check, import nothing")
        parser.add_argument("--json", action="store_true", help="print the result as JSON")
        parser.add_argument("--code", default="", help="questionnaire code (default: form_id)")
        parser.add_argument("--programme", default="", help="programme code (default: current)")
        parser.add_argument(
            "--attach",
            action="append",
            default=[],
            metavar="FILE",
            help="a file the form needs (CSV/XML for select_one_from_file, pulldata); repeatable",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"])
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror}") from error
        attachments: dict[str, bytes] = {}
        for name in options["attach"]:
            try:
                attachments[Path(name).name] = Path(name).read_bytes()
            except OSError as error:
                raise CommandError(f"{name}: {error.strerror}") from error
        options["attachments"] = attachments
        try:
            form, warnings = read_xlsform_with_warnings(data, attachments)
        except WrongFileError as error:
            self.report(options, ok=False, errors=[{"message": str(error)}])
            raise CommandError(str(error)) from error
        except XLSFormError as error:
            located = [
                {
                    "sheet": e.sheet,
                    "row": e.row,
                    "column": e.column,
                    "column_name": e.column_name,
                    "message": e.message,
                    "text": str(e),
                }
                for e in error.errors
            ]
            self.report(options, ok=False, errors=located)
            raise CommandError(f"{path}: {len(located)} error(s)") from error
        summary = {
            "ok": True,
            "form_id": form.form_id,
            "languages": list(form.languages),
            "questions": len(form.questions),
            "groups": len(form.groups),
            "choice_lists": len(form.choice_lists),
            "choices": sum(len(choices) for _name, choices in form.choice_lists),
            "purpose": form.purpose,
            "warnings": [str(w) for w in warnings],
        }
        if not options["dry_run"]:
            summary["questionnaire"] = self.save(data, options)
        self.report(options, **summary)

    def save(self, data: bytes, options: dict[str, Any]) -> dict[str, Any]:
        from pazanga.questionnaires.services import import_questionnaire

        programme = (
            Programme.objects.filter(code=options["programme"]).first()
            if options["programme"]
            else Programme.objects.current()
        )
        if programme is None:
            raise CommandError(
                "No programme to import into (load_reference first, or --programme)."
            )
        questionnaire = import_questionnaire(
            data,
            programme=programme,
            actor=None,
            code=options["code"],
            attachments=options["attachments"],
        )
        return {
            "id": questionnaire.pk,
            "code": questionnaire.code,
            "version": questionnaire.version,
        }

    def report(self, options: dict[str, Any], **result: Any) -> None:
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
            return
        if not result["ok"]:
            for error in result["errors"]:
                self.stderr.write(error.get("text", error["message"]))
            return
        self.stdout.write(
            f"{result['form_id'] or '(no form_id)'}: {result['questions']} questions, "
            f"{result['groups']} groups, {result['choice_lists']} choice lists "
            f"({result['choices']} choices), languages {', '.join(result['languages'])}, "
            f"purpose {result['purpose']}"
        )
        for warning in result["warnings"]:
            self.stdout.write(f"warning: {warning}")
        if "questionnaire" in result:
            saved = result["questionnaire"]
            self.stdout.write(
                f"imported as {saved['code']} v{saved['version']} (id {saved['id']}), a draft"
            )
