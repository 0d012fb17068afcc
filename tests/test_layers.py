"""The map of the code holds: imports flow one way, and each rule and door has one home.

core <- organizations <- trainings <- services, coaching, evaluation, results <- attachments
<- capacity (README, "Where things are"). A module may import from its own layer and those below, never above.
"""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = {
    "core": 0,
    "organizations": 1,
    "trainings": 2,
    "services": 3,
    "coaching": 3,
    "evaluation": 3,
    "results": 3,
    "attachments": 4,
    "capacity": 5,
}


def _modules():
    for package in LAYERS:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" not in path.parts:
                yield package, path


def _imported_packages(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module.split(".")[0], node.lineno
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name.split(".")[0], node.lineno


def test_no_module_imports_from_a_layer_above_it():
    upward = []
    for package, path in _modules():
        for imported, line in _imported_packages(path):
            if imported in LAYERS and imported != package and LAYERS[imported] >= LAYERS[package]:
                upward.append(f"{path.relative_to(ROOT)}:{line} imports {imported}")
    assert not upward, upward


def test_core_imports_none_of_our_apps():
    ours = set(LAYERS) - {"core"}
    found = [
        f"{path.relative_to(ROOT)}:{line}"
        for package, path in _modules()
        if package == "core"
        for imported, line in _imported_packages(path)
        if imported in ours
    ]
    assert not found, found


def _code(pattern, allowed):
    """The files (outside migrations and tests) whose code matches pattern, less the allowed ones."""
    regex = re.compile(pattern)
    hits = set()
    for _package, path in _modules():
        if regex.search(path.read_text(encoding="utf-8")):
            hits.add(str(path.relative_to(ROOT)))
    return hits - set(allowed)


@pytest.mark.parametrize(
    "what, pattern, allowed",
    [
        # The attendance rule: which statuses count, and how long a session is.
        ("the attended statuses", r"PRESENT,\s*(AttendanceStatus\.)?LATE\b", ["trainings/rules.py"]),
        (
            "a session's length",
            r"\.hour \* 60|end_time[^\n]*\)\s*-\s*F\(|EXTRACT\(EPOCH|strftime\('%%s'",
            ["trainings/rules.py"],
        ),
        # Workbooks are written by the one writer.
        ("a workbook writer", r"xlsxwriter\.Workbook\(|openpyxl import Workbook\b", ["core/excel.py"]),
        # PDFs are rendered by the one renderer.
        ("a PDF renderer", r"\.write_pdf\(", ["core/pdf.py"]),
    ],
)
def test_each_rule_and_writer_has_one_home(what, pattern, allowed):
    assert not _code(pattern, allowed), f"{what} written outside its home"
