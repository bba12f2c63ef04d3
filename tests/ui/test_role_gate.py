"""The window per role, against a real office server: who is signed in, what is disabled and why.

alice signs in with her own password; with the reviewer role she can decide matches but not
import a list; as a viewer every change is disabled, each with a tooltip naming the role, and
selecting a case does not enable them. A role revoked while the window is open is refused by
the server with one message, and nothing changes. Group memberships are server-wide and
outlive a test's database, so each test starts from exactly the roles the `office` fixture
grants (it takes every role back at the end) and checks on the server which roles alice holds
at the moment that matters: no gate opens because of a grant another test left behind.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from screener.cli import main
from screener.models import AuditEvent, Decision, MatchResult
from tests.integration.test_office_roles_pg import Office, office  # noqa: F401 (fixture)
from tests.office_logins import server_roles
from ui.main_window import MainWindow
from ui.workflow_action import run_change

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "raise()")


def _window(qtbot: QtBot, office: Office, login: str) -> MainWindow:  # noqa: F811
    window = MainWindow(office.store(login))
    qtbot.addWidget(window)
    window.show()
    assert window.select_case("C-1")
    return window


def _roles(office: Office, login: str, verb: str, *roles: str) -> None:  # noqa: F811
    done = CliRunner().invoke(main, ["--db", office.owner_url, "office", verb, login, *roles])
    assert done.exit_code == 0, done.output


def test_a_reviewer_decides_but_cannot_import_a_list(qtbot: QtBot, office: Office) -> None:  # noqa: F811
    assert server_roles(office.owner_url, "officer_alice") == {"reviewer"}
    window = _window(qtbot, office, "officer_alice")
    assert (
        window.signed_in_label.text() == "Signed in: officer_alice (server login); roles: reviewer"
    )
    assert window.import_deal_action.isEnabled()
    matches = next(t for t in window.case_view.tab_widgets if type(t).__name__ == "MatchesTab")
    assert not window.role_gate.is_gated(matches.adjudication.dismiss_button)
    window.lists_menu.actions()[0].trigger()
    lists = window.lists_window
    assert not lists.import_file_button.isEnabled()
    assert lists.import_file_button.toolTip() == "Needs the list_admin role"
    assert not lists.use_button.isEnabled()
    with office.store("officer_alice").session() as session:
        signed_in = session.execute(
            select(AuditEvent.actor, AuditEvent.details).where(
                AuditEvent.action == "session.signed_in"
            )
        ).all()
    assert signed_in == [
        ("officer_alice", {"method": "server login", "roles": ["reviewer"], "note": ""})
    ]


def test_a_viewer_sees_every_change_disabled_with_the_role_it_needs(
    qtbot: QtBot,
    office: Office,  # noqa: F811
) -> None:
    _roles(office, "officer_alice", "revoke", "reviewer")
    _roles(office, "officer_alice", "grant", "viewer")
    assert server_roles(office.owner_url, "officer_alice") == {"viewer"}
    window = _window(qtbot, office, "officer_alice")
    assert window.signed_in_label.text().endswith("roles: viewer")
    assert not window.import_deal_action.isEnabled()
    assert window.import_deal_action.toolTip() == "Needs the reviewer role"
    tabs = {type(t).__name__: t for t in window.case_view.tab_widgets}
    summary, matches = tabs["SummaryTab"], tabs["MatchesTab"]
    matches.table.selectRow(0)
    for button, needs in (
        (matches.adjudication.dismiss_button, "reviewer"),
        (matches.screen_button, "reviewer"),
        (matches.unlink_button, "reviewer"),
        (summary.move_button, "reviewer"),
        (summary.sign_button, "reviewer / approver"),
        (tabs["NotesTab"].add_button, "reviewer / approver"),
        (tabs["OwnershipTab"].add_button, "reviewer"),
        (tabs["RiskTab"].assess_button, "reviewer"),
    ):
        button.setEnabled(True)  # what the tab does when a case or match is chosen
        assert not button.isEnabled()
        assert button.toolTip() == f"Needs the {needs} role"


def test_a_role_revoked_meanwhile_is_one_message_and_no_change(
    qtbot: QtBot,
    office: Office,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _roles(office, "officer_alice", "grant", "viewer")  # she stays a viewer: she still reads
    window = _window(qtbot, office, "officer_alice")  # opened as a reviewer
    matches = next(t for t in window.case_view.tab_widgets if type(t).__name__ == "MatchesTab")
    assert not window.role_gate.is_gated(matches.adjudication.dismiss_button)
    _roles(office, "officer_alice", "revoke", "reviewer")
    assert server_roles(office.owner_url, "officer_alice") == {"viewer"}
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, text: shown.append((title, text)))
    store = office.store("officer_alice")
    with store.session() as session:
        match_id = session.execute(select(MatchResult.id)).scalars().first()

    def decide(session):  # type: ignore[no-untyped-def]
        from screener.workflow import adjudication

        return adjudication.decide_match(session, match_id, "dismiss", "other company")

    assert run_change(window, store, decide) is None
    assert [title for title, _ in shown] == ["Refused by the server"]
    assert "your roles on the server do not allow this" in shown[0][1]
    with store.session() as session:
        assert session.execute(select(Decision)).first() is None
        refused = (
            session.execute(select(AuditEvent.action).where(AuditEvent.action.like("refused.%")))
            .scalars()
            .all()
        )
    assert refused == ["refused.server"]


def test_the_sign_in_dialog_asks_for_the_password_and_keeps_it_nowhere(
    office: Office,  # noqa: F811
) -> None:
    from sqlalchemy.engine import make_url

    from screener.identity import identify
    from ui.sign_in import open_with_sign_in

    given = make_url(office.urls["officer_alice"])
    url = f"{given.drivername}://{given.username}@{given.host}:{given.port}/{given.database}"
    asked: list[tuple[str, bool]] = []

    def typed(login: str, _server: str, again: bool) -> str:
        asked.append((login, again))
        return "guess" if not again else "alice-secret-1"

    store = open_with_sign_in(url, typed)
    assert store is not None
    assert asked == [("officer_alice", False), ("officer_alice", True)]
    assert "alice-secret-1" not in store.url
    with store.session() as session:
        assert identify(session).actor == "officer_alice"
    store.dispose()
    assert open_with_sign_in(url, lambda *_args: None) is None  # cancelled: nothing opened
