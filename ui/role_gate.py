"""Actions the signed-in officer's roles do not allow: disabled, with a tooltip naming the role.

The server refuses them anyway (screener.office.policies); the window says so before the
officer tries. A gated button or action stays disabled even when its own view would enable it
(a case selected, a match chosen), and keeps its tooltip: the gate watches for both.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from screener.identity import Identity
from screener.office.roles import ACTIONS

METHODS = {
    "server login": QT_TRANSLATE_NOOP("RoleGate", "server login"),
    "OS login": QT_TRANSLATE_NOOP("RoleGate", "OS login"),
    "declared name": QT_TRANSLATE_NOOP("RoleGate", "declared, not authenticated"),
}


def method_label(method: str) -> str:
    """How the officer's name was established, in words."""
    return QCoreApplication.translate("RoleGate", str(METHODS.get(method, method)))


def needs_text(action_key: str) -> str:
    """'Needs the reviewer role' (or roles), translated."""
    roles = " / ".join(ACTIONS[action_key].roles)
    return QCoreApplication.translate("RoleGate", "Needs the %1 role").replace("%1", roles)


def _keep_disabled(action: QAction) -> None:
    """An action the view enabled again (its `changed` signal): the role wins."""
    if action.isEnabled():
        action.setEnabled(False)


class RoleGate(QObject):
    def __init__(self, identity: Identity, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.identity = identity
        self._gated: dict[int, str] = {}  # id of the widget or action -> its tooltip

    def allows(self, action_key: str) -> bool:
        return ACTIONS[action_key].allowed(self.identity.roles)

    def gate(self, target: QWidget | QAction | None, action_key: str) -> None:
        """Disable `target` for good (with the tooltip) if the roles lack `action_key`."""
        if target is None or self.allows(action_key):
            return
        text = needs_text(action_key)
        target.setToolTip(text)
        target.setEnabled(False)
        self._gated[id(target)] = text
        if isinstance(target, QAction):
            target.changed.connect(lambda: _keep_disabled(target))
        else:
            target.installEventFilter(self)

    def is_gated(self, target: QObject) -> bool:
        return id(target) in self._gated

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The view enabling the button or giving it its own tooltip: the role wins."""
        text = self._gated.get(id(watched))
        if text is not None and isinstance(watched, QWidget):
            if event.type() == QEvent.Type.EnabledChange and watched.isEnabled():
                watched.setEnabled(False)
            elif event.type() == QEvent.Type.ToolTipChange and watched.toolTip() != text:
                watched.setToolTip(text)
        return False


def gate_case_tabs(gate: RoleGate, case_view: QWidget) -> None:
    """The case tabs' buttons, by the action each one does."""
    for tab in getattr(case_view, "tab_widgets", []):
        name = type(tab).__name__
        if name == "SummaryTab":
            gate.gate(getattr(tab, "move_button", None), "move_case")
            gate.gate(getattr(tab, "assign_button", None), "move_case")
            gate.gate(getattr(tab, "sign_button", None), "sign_off")
            gate.gate(getattr(tab, "mark_reviewed_button", None), "adjudicate")
        elif name == "MatchesTab":
            gate.gate(getattr(tab, "screen_button", None), "screen")
            panel = getattr(tab, "adjudication", None)
            for button in ("confirm_button", "dismiss_button", "unsure_button"):
                gate.gate(getattr(panel, button, None), "adjudicate")
            gate.gate(getattr(tab, "unlink_button", None), "unlink_entities")
        elif name == "NotesTab":
            gate.gate(getattr(tab, "add_button", None), "add_note")
        elif name == "OwnershipTab":
            for button in ("add_button", "edit_button", "remove_button", "pull_button"):
                gate.gate(getattr(tab, button, None), "edit_ownership")
        elif name == "RiskTab":
            gate.gate(getattr(tab, "assess_button", None), "assess")


def gate_main_window(gate: RoleGate, window: QWidget) -> None:
    gate.gate(getattr(window, "import_deal_action", None), "import_deal")
    gate.gate(getattr(window, "rescreen_action", None), "rescreen")
    gate_case_tabs(gate, window.case_view)  # type: ignore[attr-defined]


def gate_lists_window(gate: RoleGate | None, lists_window: QWidget) -> None:
    if gate is None:
        return
    gate.gate(getattr(lists_window, "import_file_button", None), "import_list")
    gate.gate(getattr(lists_window, "import_folder_button", None), "import_list")
    gate.gate(getattr(lists_window, "use_button", None), "activate_list")


def gate_rules_window(gate: RoleGate | None, rules_window: QWidget) -> None:
    if gate is not None:
        gate.gate(getattr(rules_window, "save_button", None), "activate_rules")
