"""`python -m pazanga.common.lint`: a status changes only in a workflow module.

Fails on `<x>.status = ...`, `setattr(<x>, "status", ...)` and `<queryset>.update(status=...)`
anywhere in the platform's code but the workflow core (`common/workflow.py`), the apps'
`workflow.py` modules, migrations and tests. Creating a row in its first status
(`Model.objects.create(status=...)`) is not a change and is allowed. A value that is
recorded rather than moved through a workflow (an attendance mark) may be assigned on a line
that says so: `# not a workflow status: <why>`.
"""

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

MARKER = "# not a workflow status:"
FIELD = "status"


def allowed_file(path: Path) -> bool:
    parts = path.parts
    return (
        path.name == "workflow.py"
        or "migrations" in parts
        or "tests" in parts
        or path.name == "lint.py"
        or path.name.startswith("test_")
    )


def status_writes(source: str) -> Iterator[int]:
    """Line numbers of status assignments in `source`."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                elements = target.elts if isinstance(target, ast.Tuple) else [target]
                for element in elements:
                    if isinstance(element, ast.Attribute) and element.attr == FIELD:
                        yield node.lineno
        elif isinstance(node, ast.Call):
            func = node.func
            updates = isinstance(func, ast.Attribute) and func.attr == "update"
            if updates and any(keyword.arg == FIELD for keyword in node.keywords):
                yield node.lineno
            if isinstance(func, ast.Name) and func.id == "setattr" and node.args[1:]:
                name = node.args[1]
                if isinstance(name, ast.Constant) and name.value == FIELD:
                    yield node.lineno


def problems(root: Path) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        if allowed_file(path.relative_to(root)):
            continue
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        found.extend(
            f"{path}:{line}: status changed outside a workflow module"
            for line in sorted(set(status_writes(source)))
            if MARKER not in lines[line - 1]
        )
    return found


def main() -> int:
    root = Path(__file__).resolve().parents[1]
    found = problems(root)
    for problem in found:
        print(problem)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
