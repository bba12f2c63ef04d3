"""A reviewer's Save in the real Rules window keeps their edits as their own copy of the pack in
the user's data directory: the install directory (read-only here, as a system install is) is
never written, and every later read (the window on another database, the assessment loader,
`screener rules active`) prefers the user's copy and says so.
"""

from __future__ import annotations

import shutil
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from screener.cli import main
from screener.paths import user_rules_dir
from screener.risk import packs as packs_module
from screener.risk.activation import active_packs
from screener.risk.packs import SHIPPED_PACKS, shipped_pack_paths
from screener.store import open_store
from ui.rules_view import RulesModel, RulesView

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "raise")


@pytest.fixture
def read_only_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The shipped packs in an install directory nobody may write, as the app's rules_dir()."""
    install = tmp_path / "install" / "rules"
    install.mkdir(parents=True)
    for path in shipped_pack_paths():
        shutil.copy(path, install / path.name)
        (install / path.name).chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    install.chmod(stat.S_IRUSR | stat.S_IXUSR | stat.S_IRGRP | stat.S_IXGRP)
    monkeypatch.setattr(packs_module, "rules_dir", lambda: install)
    yield install
    install.chmod(stat.S_IRWXU)


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


def _open_rules_window(qtbot: QtBot, url: str) -> RulesView:
    from ui.app import build_window

    window = build_window(open_store(url), load_demo=False)
    qtbot.addWidget(window)
    next(a for a in window.rules_menu.actions() if "Rule" in a.text()).trigger()
    view: RulesView = window.rules_window.view
    row = [view.pack_list.item(i).text() for i in range(view.pack_list.count())]
    view.pack_list.setCurrentRow(next(i for i, t in enumerate(row) if t.startswith("sanctions")))
    return view


def test_save_writes_the_users_copy_and_every_reader_prefers_it(
    qtbot: QtBot, read_only_install: Path, tmp_path: Path
) -> None:
    before = _snapshot(read_only_install)
    view = _open_rules_window(qtbot, f"sqlite:///{tmp_path / 'office.sqlite3'}")
    assert "As shipped" in view.source.text() and str(read_only_install) in view.source.text()
    row = [r.id for r in view.rules_model.rules].index("T8")
    view.rules_model.setData(view.rules_model.index(row, RulesModel.WEIGHT), 0.5)
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    view.window().grab().save(str(tmp_path / "rules_window_saved.png"))

    assert _snapshot(read_only_install) == before  # the shipped packs: not a byte, not a touch
    mine = user_rules_dir() / "sanctions.yaml"
    assert "weight: 0.5" in mine.read_text(encoding="utf-8")
    assert "your copy" in view.pack_list.currentItem().text()
    assert "activated by" in view.source.text() and str(mine) in view.source.text()

    # Another database (no activation there): the window opens on the user's copy, says so.
    elsewhere = _open_rules_window(qtbot, f"sqlite:///{tmp_path / 'training.sqlite3'}")
    assert "weight: 0.5" in elsewhere.editor.toPlainText()
    assert elsewhere.source.text().startswith("Your copy: " + str(mine))

    # The loader an assessment uses scores with the user's copy, named as its source.
    fresh = open_store(f"sqlite:///{tmp_path / 'fresh.sqlite3'}")
    with fresh.session() as session:
        sanctions = next(p for p in active_packs(session) if p.id == "sanctions")
    assert sanctions.source == str(mine)
    assert next(r for r in sanctions.rules if r.id == "T8").weight == 0.5
    listed = CliRunner().invoke(main, ["--db", f"sqlite:///{tmp_path / 'fresh.sqlite3'}",
                                       "rules", "active"])  # fmt: skip
    assert listed.exit_code == 0, listed.output
    line = next(line for line in listed.output.splitlines() if line.startswith("sanctions"))
    assert f"your copy {mine} (the shipped pack is unchanged)" in line
    others = [line for line in listed.output.splitlines() if not line.startswith("sanctions")]
    assert len(others) == len(SHIPPED_PACKS) - 1
    assert all(f"as shipped ({read_only_install}" in line for line in others)
