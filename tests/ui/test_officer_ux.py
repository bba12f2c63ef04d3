"""What an officer sees: words instead of codes, windows that fit a laptop screen."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize

from screener.store import Store
from ui.app import build_window
from ui.screen_fit import fitted_size
from ui.tabs.history_tab import audit_action_label, format_details
from ui.tabs.matches_tab import MatchRow, MatchTableModel
from ui.tabs.parties_tab import identifier_type_label


def test_wanted_size_is_capped_to_a_small_screen() -> None:
    laptop = QRect(0, 0, 1366, 728)
    assert fitted_size(QSize(1400, 860), laptop).height() <= 728
    assert fitted_size(QSize(1400, 860), laptop).width() <= 1366
    assert fitted_size(QSize(900, 500), QRect(0, 0, 1920, 1040)) == QSize(900, 500)


def test_main_window_fits_a_1366_pixel_screen_and_shows_state_and_deadline(
    qtbot, store: Store
) -> None:  # type: ignore[no-untyped-def]
    window = build_window(store)
    qtbot.addWidget(window)
    window.show()
    assert window.minimumSizeHint().width() <= 1366
    assert window.minimumSizeHint().height() <= 728
    hidden = [
        c for c in range(window.case_model.columnCount()) if window.case_table.isColumnHidden(c)
    ]
    assert hidden == [3, 4]  # jurisdictions and assignee are on the Dashboard


def test_history_details_read_as_words_not_python_values(qtbot) -> None:  # type: ignore[no-untyped-def]
    text = format_details(
        {
            "case_id": "C-9",
            "total": 335.0,
            "outcomes": ["escalate", "mandatory_cfius_declaration"],
            "assignee": None,
            "changed": [],
            "memory": {"dismissed": 2},
            "strong": True,
        }
    )
    assert "C-9" not in text and "[" not in text and "None" not in text and "{" not in text
    assert "outcomes: Escalate, Mandatory CFIUS declaration" in text  # as the Risk tab says
    assert "assignee: —" in text and "strong: yes" in text and "new matches" not in text
    assert audit_action_label("case.screened") == "Case screened"
    decided = format_details({"role": "approver", "outcome": "recommend_block", "to": "ana"})
    assert decided == "role: Approver, outcome: Recommend block, to: ana"  # a name stays a name
    assert audit_action_label("something.unknown") == "something.unknown"


def test_identifier_types_are_shown_without_snake_case() -> None:
    assert identifier_type_label("cn_uscc") == "CN USCC"
    assert identifier_type_label("hk_company_no") == "HK company no"
    assert identifier_type_label("lei") == "LEI"


def test_match_status_is_a_label_not_a_stored_code(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = MatchTableModel()
    model.load([MatchRow(1, "P", "q", "m", "US-CSL", "K", 0.9, True, "pending", True, True)])
    assert model.index(0, 6).data() == "Pending · new · changed"


def test_parties_table_keeps_identifiers_in_view_and_case_list_is_wide_enough(
    qtbot, store: Store
) -> None:  # type: ignore[no-untyped-def]
    window = build_window(store)
    qtbot.addWidget(window)
    window.resize(1366, 728)
    window.show()
    if window.demo_completion is not None:
        window.demo_completion.wait()
    tabs = window.case_view.tabs
    parties = next(
        tabs.widget(i) for i in range(tabs.count()) if type(tabs.widget(i)).__name__ == "PartiesTab"
    )
    tabs.setCurrentWidget(parties)
    assert parties.table.horizontalHeader().maximumSectionSize() <= 300
    assert window.case_table.parentWidget().width() >= 380  # case, title, state and deadline


def test_snake_case_headers_are_guessed_like_spaced_ones() -> None:
    from ui.column_mapping_dialog import guess_field

    assert guess_field("full_name") == "name" == guess_field("Full name")
    assert guess_field("entity-id") == "entry_key"
    assert guess_field("date_of_birth") == "dob"


def test_primary_windows_have_keyboard_shortcuts(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    window = build_window(store, load_demo=False)
    qtbot.addWidget(window)
    shortcuts = {
        action.text().replace("&", ""): action.shortcut().toString()
        for menu in (window.lists_menu, window.rules_menu, window.tools_menu)
        for action in menu.actions()
    }
    assert shortcuts["Lists…"] == "Ctrl+L"
    assert shortcuts["Rule packs…"] == "Ctrl+Shift+R"
    assert shortcuts["Batch screen…"] == "Ctrl+B"
    window.lists_menu.actions()[0].trigger()
    assert window.lists_window.isVisible()
    window.lists_window.close()


def test_risk_tab_names_outcomes_as_the_memo_does(qtbot) -> None:  # type: ignore[no-untyped-def]
    from ui.tabs.risk_tab import hit_html, outcome_label

    assert outcome_label("mandatory_cfius_declaration") == "Mandatory CFIUS declaration"
    assert outcome_label("an_outcome_nobody_labelled") == "an outcome nobody labelled"
    hit = {
        "rule_id": "G3", "title": "Mandatory declaration", "category": "gate", "points": 0,
        "outcomes": ["mandatory_cfius_declaration"], "facts": {}, "notes": [],
        "rationale": "", "source": "31 CFR 800.401",
    }  # fmt: skip
    text = hit_html(hit)
    assert "Mandatory CFIUS declaration" in text and "mandatory cfius" not in text
    assert "(Gate)" in text and "(gate)" not in text


def test_case_list_title_is_readable_at_1366(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    """On a 1366 px screen the Title column keeps room for words, beside case, state and due."""
    window = build_window(store)
    qtbot.addWidget(window)
    window.resize(1366, 728)
    window.show()
    if window.demo_completion is not None:
        window.demo_completion.wait()
    qtbot.waitUntil(lambda: window.case_model.rowCount() > 0)
    header = window.case_table.horizontalHeader()
    title = header.sectionSize(1)
    words = window.case_table.fontMetrics().horizontalAdvance("Pacific Lanthanide")
    assert title >= words, f"Title column {title} px"
    for column in (0, 2, 5):  # case, state and deadline stay whole
        assert header.sectionSize(column) >= window.case_table.sizeHintForColumn(column)
    assert window.case_view.width() >= 840  # the case itself keeps most of the screen


def test_an_identifiers_type_reads_in_the_window_language(qapp) -> None:  # type: ignore[no-untyped-def]
    from ui import i18n

    assert i18n.install_translators(qapp, "ja") == "ja"
    try:
        assert identifier_type_label("jp_corporate_number") == "法人番号"
        assert identifier_type_label("lei") == "LEI"
    finally:
        i18n.install_translators(qapp, "en")
    assert identifier_type_label("jp_corporate_number") == "JP corporate number"
