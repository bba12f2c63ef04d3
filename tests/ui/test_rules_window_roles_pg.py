"""The Rules window against a real office server: a rules admin's Save activates the pack for
the whole office; the same Save after the role was revoked is refused by the server with one
message, and neither the database nor the reviewer's copy of the pack changes (the shipped
file is never written). A second workstation's Rules window opens on the activated text, not
on its own file.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from screener.models import RulePackActivation
from screener.paths import user_rules_dir
from screener.risk.packs import shipped_pack_paths
from screener.store import open_store
from tests.office_logins import cli, drop_logins, login_url, set_up_office
from ui.rules_view import RulesModel, RulesView

RULES_ADMIN = "window_rita"

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "raise()")


@pytest.fixture
def office(postgres_url: str) -> Iterator[str]:
    open_store(postgres_url).dispose()
    set_up_office(postgres_url, {RULES_ADMIN: ("rules_admin",)})
    yield postgres_url
    drop_logins(postgres_url, RULES_ADMIN)


def _copies(folder: Path) -> tuple[Path, ...]:
    folder.mkdir()
    return tuple(Path(shutil.copy(path, folder / path.name)) for path in shipped_pack_paths())


def _view(qtbot: QtBot, url: str, paths: tuple[Path, ...]) -> RulesView:
    view = RulesView(open_store(url, migrate=False), paths=paths)
    qtbot.addWidget(view)
    view.pack_list.setCurrentRow(0)  # sanctions.yaml
    return view


def _set_weight(view: RulesView, rule_id: str, weight: float) -> None:
    row = [r.id for r in view.rules_model.rules].index(rule_id)
    view.rules_model.setData(view.rules_model.index(row, RulesModel.WEIGHT), weight)


def test_save_activates_for_the_office_and_a_revoked_role_changes_nothing(
    qtbot: QtBot, office: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = login_url(office, RULES_ADMIN)
    shipped = _copies(tmp_path / "shipped")
    shipped_text = shipped[0].read_text(encoding="utf-8")
    view = _view(qtbot, url, shipped)
    _set_weight(view, "T8", 0.5)
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    mine = user_rules_dir() / shipped[0].name
    assert "weight: 0.5" in mine.read_text(encoding="utf-8")
    assert shipped[0].read_text(encoding="utf-8") == shipped_text

    with monkeypatch.context() as workstation:  # another workstation: its own data directory
        workstation.setenv("XDG_DATA_HOME", str(tmp_path / "elsewhere"))
        elsewhere = _view(qtbot, url, shipped)
        assert "weight: 0.5" in elsewhere.editor.toPlainText()

    assert cli(office, "office", "revoke", RULES_ADMIN, "rules_admin").exit_code == 0
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, text: shown.append((title, text)))
    _set_weight(view, "T8", 0.25)
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    assert [title for title, _ in shown] == ["Refused by the server"]
    assert "rule_pack_activations" in shown[0][1]
    assert "weight: 0.5" in mine.read_text(encoding="utf-8")
    owner = open_store(office, migrate=False)
    with owner.session() as session:
        rows = [
            (r.activated_by, "weight: 0.5" in r.text)
            for r in session.execute(select(RulePackActivation)).scalars()
        ]
    owner.dispose()
    assert rows == [(RULES_ADMIN, True)]
