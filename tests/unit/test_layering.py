"""The domain core stays free of Qt, so it runs headless in the CLI and in batch jobs."""

import ast
from pathlib import Path

SCREENER = Path(__file__).resolve().parents[2] / "screener"


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_nothing_under_screener_imports_pyside6() -> None:
    offenders = [
        str(path.relative_to(SCREENER.parent))
        for path in SCREENER.rglob("*.py")
        if any(name.split(".")[0] in {"PySide6", "PyQt5", "PyQt6", "shiboken6"} for name in _imported_modules(path))
    ]
    assert offenders == []


def test_layering_check_sees_a_qt_import(tmp_path: Path) -> None:
    sample = tmp_path / "bad.py"
    sample.write_text("from PySide6.QtCore import QObject\n")
    assert "PySide6.QtCore" in _imported_modules(sample)
