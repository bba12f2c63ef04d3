"""The Rules view and the Risk tab as a reviewer uses them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from screener.models import Assessment as AssessmentRow
from screener.models import AuditEvent, RulePackActivation
from screener.paths import user_rules_dir
from screener.risk.packs import shipped_pack_paths
from screener.store import Store
from tests.unit.risk.case_factory import add_case
from ui.rules_view import RulesModel, RulesView
from ui.tabs.risk_tab import RiskTab


@pytest.fixture
def pack_copies(tmp_path: Path) -> tuple[Path, ...]:
    """Editable copies, so saving in a test never touches the shipped packs."""
    copies = []
    for path in shipped_pack_paths():
        target = tmp_path / path.name
        shutil.copy(path, target)
        copies.append(target)
    return tuple(copies)


def make_view(
    qtbot, store: Store, paths: tuple[Path, ...], case_id: str | None = "C-1"
) -> RulesView:  # type: ignore[no-untyped-def]
    view = RulesView(store, open_case=lambda: case_id, paths=paths)
    qtbot.addWidget(view)
    view.resize(1200, 760)
    return view


def select_pack(view: RulesView, name: str) -> None:
    row = [
        view.pack_list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(view.pack_list.count())
    ]
    view.pack_list.setCurrentRow(next(i for i, p in enumerate(row) if p.endswith(name)))


def rule_row(view: RulesView, rule_id: str) -> int:
    return [r.id for r in view.rules_model.rules].index(rule_id)


def test_models_pass_the_qt_model_tester(qtbot, qtmodeltester, store: Store, pack_copies) -> None:  # type: ignore[no-untyped-def]
    view = make_view(qtbot, store, pack_copies)
    qtmodeltester.check(view.rules_model)
    add_case(store)
    tab = RiskTab(store)
    qtbot.addWidget(tab)
    tab.show_case("C-1")
    with qtbot.waitSignal(tab.assess_button.clicked):
        qtbot.mouseClick(tab.assess_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.worker is None and tab.model.rowCount() > 0, timeout=10000)
    qtmodeltester.check(tab.model)


def test_lists_packs_and_rules(qtbot, store: Store, pack_copies) -> None:  # type: ignore[no-untyped-def]
    view = make_view(qtbot, store, pack_copies)
    assert view.pack_list.count() == 3
    select_pack(view, "us-cfius.yaml")
    ids = [r.id for r in view.rules_model.rules]
    assert ids[:4] == ["G3", "G4", "G6", "G7"] and "V6" in ids
    assert "valid" in view.status.text()
    assert not view.save_button.isEnabled()
    facts_help = view.facts_view.toPlainText()
    assert (
        "transaction.voting_after_pct" in facts_help
        and "params.substantial_interest_pct" in facts_help
    )


def test_editor_validates_as_you_type_and_marks_the_line(qtbot, store: Store, pack_copies) -> None:  # type: ignore[no-untyped-def]
    view = make_view(qtbot, store, pack_copies)
    select_pack(view, "jp-fefta.yaml")
    text = view.editor.toPlainText()
    broken = text.replace("when: deal.offshore_parent_transfer", "when: deal.offshore_transfer")
    line = (
        broken.split("\n").index(
            next(x for x in broken.split("\n") if "deal.offshore_transfer" in x)
        )
        + 1
    )
    view.editor.setPlainText(broken)
    assert view.problems.count() == 0  # debounced: nothing yet
    qtbot.waitUntil(lambda: view.problems.count() == 1, timeout=3000)
    message = view.problems.item(0).text()
    assert message.startswith(f"Line {line} · rule R18 · when:") and "offshore_transfer" in message
    assert line in view.editor.error_lines
    assert len(view.editor.extraSelections()) == 1
    assert "problem" in view.status.text()
    assert not view.save_button.isEnabled()
    view.problems.setCurrentRow(0)
    view._problem_activated(view.problems.item(0))
    assert view.editor.textCursor().blockNumber() == line - 1
    view.editor.setPlainText(text)
    qtbot.waitUntil(lambda: view.problems.count() == 0, timeout=3000)
    assert view.editor.error_lines == set()


def test_hostile_yaml_in_the_editor_is_refused(qtbot, store: Store, pack_copies) -> None:  # type: ignore[no-untyped-def]
    view = make_view(qtbot, store, pack_copies)
    view.editor.setPlainText("a: &a [1]\nb: *a\n")
    view.validate_now()
    assert "anchors and aliases are not allowed" in view.problems.item(0).text()


def test_weight_and_enabled_edits_change_the_yaml_and_what_if_shows_the_effect(
    qtbot, store: Store, pack_copies
) -> None:  # type: ignore[no-untyped-def]
    add_case(store)
    view = make_view(qtbot, store, pack_copies)
    select_pack(view, "us-cfius.yaml")
    model = view.rules_model
    assert model.setData(model.index(rule_row(view, "T1"), RulesModel.WEIGHT), 2.0)
    assert "weight: 2.0" in view.editor.toPlainText()
    assert view.save_button.isEnabled()
    result = view.run_what_if()
    assert result is not None
    (change,) = result.points_changed
    assert (change.rule_id, change.before, change.after) == ("T1", 40, 80)
    assert result.total_delta == 40
    assert (
        "T1: +40" in view.whatif_view.toPlainText()
        and "Nothing was saved" in view.whatif_view.toPlainText()
    )

    index = model.index(rule_row(view, "V1"), RulesModel.ENABLED)
    assert model.setData(index, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert model.data(index, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    result = view.run_what_if()
    assert result is not None and result.no_longer_firing == ("V1",)
    with store.session() as session:
        assert session.execute(select(func.count()).select_from(AssessmentRow)).scalar_one() == 0


def test_what_if_shows_new_outcomes_from_an_edited_condition(
    qtbot, store: Store, pack_copies
) -> None:  # type: ignore[no-untyped-def]
    add_case(store)
    view = make_view(qtbot, store, pack_copies)
    select_pack(view, "jp-fefta.yaml")
    edited = (
        view.editor.toPlainText()
        .replace(
            "when: deal.offshore_parent_transfer and not deal.filing_in_asset_country",
            "when: not deal.filing_in_asset_country",
        )
        .replace("outcome: escalate", "outcome: prohibited")
    )
    view.editor.setPlainText(edited)
    result = view.run_what_if()
    assert result is not None
    assert result.newly_firing == ("R18",) and result.outcomes_added == ("prohibited",)
    assert result.after.tier == "High"


def test_what_if_needs_an_open_case_and_valid_rules(qtbot, store: Store, pack_copies) -> None:  # type: ignore[no-untyped-def]
    view = make_view(qtbot, store, pack_copies, case_id=None)
    assert view.run_what_if() is None
    assert "Open a case" in view.whatif_view.toPlainText()


def test_save_activates_the_pack_writes_the_users_copy_and_audits(qtbot, store: Store, pack_copies) -> None:  # type: ignore[no-untyped-def]
    shipped_text = pack_copies[0].read_text(encoding="utf-8")
    view = make_view(qtbot, store, pack_copies)
    select_pack(view, "sanctions.yaml")
    model = view.rules_model
    model.setData(model.index(rule_row(view, "T8"), RulesModel.WEIGHT), 0.5)
    with qtbot.waitSignal(view.saved) as saved:
        qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    assert saved.args == ["sanctions"]
    assert "weight: 0.5" in (user_rules_dir() / "sanctions.yaml").read_text(encoding="utf-8")
    assert pack_copies[0].read_text(encoding="utf-8") == shipped_text
    assert not view.save_button.isEnabled()
    with store.session() as session:
        event = session.execute(
            select(AuditEvent).where(AuditEvent.action == "rules.pack_activated")
        ).scalar_one()
        assert event.object_id == "sanctions"
        (active,) = session.execute(select(RulePackActivation)).scalars()
        assert active.pack_id == "sanctions" and "weight: 0.5" in active.text


def test_revert_restores_the_saved_text(qtbot, store: Store, pack_copies) -> None:  # type: ignore[no-untyped-def]
    view = make_view(qtbot, store, pack_copies)
    original = view.editor.toPlainText()
    view.editor.setPlainText(original + "\n# note\n")
    assert view.revert_button.isEnabled()
    view.revert()
    assert view.editor.toPlainText() == original and not view.revert_button.isEnabled()


def test_risk_tab_assesses_and_explains(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    add_case(store)
    tab = RiskTab(store)
    qtbot.addWidget(tab)
    tab.resize(1000, 650)
    tab.show_case("C-1")
    assert "Not assessed yet" in tab.headline.text()
    assert not tab.reproduce_button.isEnabled()
    qtbot.mouseClick(tab.assess_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.worker is None and tab.assessment_id is not None, timeout=10000)
    assert "points" in tab.points.text()
    rules = [tab.model.rows[r]["rule_id"] for r in range(tab.model.rowCount())]
    assert "T1" in rules
    tab.table.selectRow(rules.index("T1"))
    details = tab.details.toPlainText()
    # the fact reads as its label; its key is behind it (the tooltip), not in the text
    assert "Acquirer's ownership chain: parties linked to a foreign adversary" in details
    # the parties by name, as the memo prints them, not by the deal file's keys
    assert "Buyer Holdings Ltd, Parent Group Co" in details and "ACQ" not in details, details
    assert "15 CFR 791.4" in details
    assert tab.category_labels["threat"].text() != "—"
    assert tab.reproduce_button.isEnabled()


@pytest.mark.qt_log_ignore("propagateSizeHints", "raise")
def test_rules_menu_opens_the_rules_window(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    from ui.app import build_window

    window = build_window(store, load_demo=False)
    qtbot.addWidget(window)
    action = next(a for a in window.rules_menu.actions() if "Rule" in a.text())
    action.trigger()
    assert window.rules_window.isVisible()
    window.rules_window.close()


def test_the_rules_window_speaks_japanese(qtbot, qapp, store: Store, pack_copies, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """What-if, the facts help and the problem list are the window's own words: translated."""
    from ui import i18n

    assert i18n.install_translators(qapp, "ja") == "ja"
    try:
        add_case(store)
        view = make_view(qtbot, store, pack_copies)
        select_pack(view, "jp-fefta.yaml")
        edited = (
            view.editor.toPlainText()
            .replace(
                "when: deal.offshore_parent_transfer and not deal.filing_in_asset_country",
                "when: not deal.filing_in_asset_country",
            )
            .replace("outcome: escalate", "outcome: prohibited")
        )
        view.editor.setPlainText(edited)
        assert view.run_what_if() is not None
        said = view.whatif_view.toPlainText()
        assert "新たに該当: R18" in said and "区分" in said and "何も保存されていません。" in said
        assert "新たな判定結果: 禁止" in said, said
        assert "このパックのパラメーター" in view.facts_view.toPlainText()
        view.editor.setPlainText(edited.replace("deal.filing_in_asset_country", "deal.nowhere"))
        view.validate_now()
        assert view.problems.item(0).text().split(" · ")[0].endswith("行目")
        view.window().grab().save(str(tmp_path / "rules_ja.png"))
    finally:
        i18n.install_translators(qapp, "en")


def test_the_risk_tab_names_outcomes_in_japanese_as_its_table_does(qtbot, qapp, store: Store) -> None:  # type: ignore[no-untyped-def]
    from ui import i18n
    from ui.tabs.risk_tab import outcome_label

    assert i18n.install_translators(qapp, "ja") == "ja"
    try:
        add_case(store)
        tab = RiskTab(store)
        qtbot.addWidget(tab)
        tab.show_case("C-1")
        qtbot.mouseClick(tab.assess_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: tab.worker is None and tab.assessment_id is not None, timeout=10000)
        with store.session() as session:
            row = session.get(AssessmentRow, tab.assessment_id)
            assert row is not None
            codes = [o["outcome"] for o in row.outcomes]
        assert codes, "the test case must fire an outcome"
        said = tab.headline.text() + tab.outcomes.text()
        for code in codes:
            japanese = outcome_label(code)
            assert japanese in tab.outcomes.text() and japanese != code.replace("_", " ")
        english = [o["label"] for o in row.outcomes]
        assert not any(label in said for label in english), said
    finally:
        i18n.install_translators(qapp, "en")


def test_saving_an_edited_pack_keeps_its_japanese(qtbot, store: Store, pack_copies) -> None:  # type: ignore[no-untyped-def]
    """The table's weight edit changes one line; what is saved (the user's copy and the
    office's activation) still carries every title_ja, rationale_ja and note_ja."""
    from screener.risk.packs import load_pack, parse_pack

    shipped = load_pack(next(p for p in pack_copies if p.name == "us-cfius.yaml"))
    view = make_view(qtbot, store, pack_copies)
    select_pack(view, "us-cfius.yaml")
    model = view.rules_model
    model.setData(model.index(rule_row(view, "G3"), RulesModel.WEIGHT), 0.5)
    with qtbot.waitSignal(view.saved):
        qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    saved = load_pack(user_rules_dir() / "us-cfius.yaml")
    with store.session() as session:
        (active,) = session.execute(select(RulePackActivation)).scalars()
        activated = parse_pack(active.text, "activation")
    for pack in (saved, activated):
        assert next(r for r in pack.rules if r.id == "G3").weight == 0.5
        assert pack.title_ja == shipped.title_ja != ""
        assert [(r.id, r.title_ja, r.rationale_ja) for r in pack.rules] == [
            (r.id, r.title_ja, r.rationale_ja) for r in shipped.rules
        ]
        assert [e.note_ja for r in pack.rules for e in r.extras] == [
            e.note_ja for r in shipped.rules for e in r.extras
        ]


def test_the_rules_window_shows_japanese_titles_in_japanese(qtbot, qapp, store: Store, pack_copies) -> None:  # type: ignore[no-untyped-def]
    from ui import i18n

    assert i18n.install_translators(qapp, "ja") == "ja"
    try:
        view = make_view(qtbot, store, pack_copies)
        select_pack(view, "sanctions.yaml")
        g1 = view.rules_model.index(rule_row(view, "G1"), 5).data()
        assert g1.startswith("所有系列上の当事者がSDNリストに掲載され")
        labels = [view.pack_list.item(i).text() for i in range(view.pack_list.count())]
        assert any("制裁及び輸出管理" in label for label in labels), labels
    finally:
        i18n.install_translators(qapp, "en")
    assert view.rules_model.index(rule_row(view, "G1"), 5).data().startswith("A chain party")


def test_the_risk_tab_shows_japanese_titles_and_an_old_hit_in_english(qtbot, qapp, store: Store) -> None:  # type: ignore[no-untyped-def]
    """In Japanese the table's title column and the explanation read the pack's Japanese;
    a hit stored before packs had Japanese (no title_ja) reads its English."""
    from ui import i18n

    add_case(store)
    tab = RiskTab(store)
    qtbot.addWidget(tab)
    tab.resize(1366, 700)
    assert i18n.install_translators(qapp, "ja") == "ja"
    try:
        tab.show_case("C-1")
        qtbot.mouseClick(tab.assess_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: tab.worker is None and tab.assessment_id is not None, timeout=10000)
        rules = [tab.model.rows[r]["rule_id"] for r in range(tab.model.rowCount())]
        row = rules.index("T1")
        title = tab.model.index(row, 4).data()
        assert title == "所有系列上の事業体の設立地、本拠地又は支配者が懸念国である"
        assert title in tab.model.index(row, 4).data(Qt.ItemDataRole.ToolTipRole)
        tab.table.selectRow(row)
        details = tab.details.toPlainText()
        assert f"T1 · {title}" in details
        assert "米国商務省はこれらの国を「外国の敵対者」" in details
        assert "Commerce has determined" not in details

        with store.session() as session:
            stored = session.get(AssessmentRow, tab.assessment_id)
            assert stored is not None
            stored.hits = [
                {k: v for k, v in hit.items() if not k.endswith("_ja")} for hit in stored.hits
            ]
            session.commit()
        tab.show_case("C-1")
        assert tab.model.index(row, 4).data() == (
            "Chain entity incorporated, headquartered or controlled in a foreign-adversary country"
        )
        tab.table.selectRow(row)
        assert "Commerce has determined" in tab.details.toPlainText()
    finally:
        i18n.install_translators(qapp, "en")
