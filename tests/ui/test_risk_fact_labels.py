"""The Risk tab shows what a rule read as labels and yes/no, the key in a tooltip (issue 17/26)."""

from __future__ import annotations

from ui.tabs.risk_tab import FactBrowser, hit_html

HIT = {
    "rule_id": "G3",
    "title": "Mandatory declaration",
    "category": "gate",
    "points": 0,
    "outcomes": ["mandatory_cfius_declaration"],
    "facts": {
        "acquirer.excepted_investor": False,
        "target.us_tid_business": True,
        "params.substantial_interest_pct": 25,
    },
    "rationale": "31 CFR 800.401",
    "source": "us-cfius.yaml",
}


def test_fact_keys_read_as_labels_with_the_key_behind_them(qtbot) -> None:  # type: ignore[no-untyped-def]
    browser = FactBrowser()
    qtbot.addWidget(browser)
    browser.setHtml(hit_html(HIT))
    text = browser.toPlainText()
    assert "Acquirer: excepted investor" in text and "Target: US TID business" in text
    assert "Rule threshold: substantial interest threshold (%)" in text
    assert "acquirer.excepted_investor" not in text  # the key is the tooltip, not the text
    assert "True" not in text and "False" not in text
    assert "\tyes" in text or "yes" in text.split("Target: US TID business")[1][:8]
    assert "fact:acquirer.excepted_investor" in hit_html(HIT)


def test_the_reasons_read_one_a_line_in_the_interface_language(qtbot) -> None:  # type: ignore[no-untyped-def]
    from screener.risk.reason_texts import reason
    from ui.tabs.risk_tab import fact_cell

    reasons = [
        reason("organised_outside", name="Huaxin (Hong Kong), Limited", state="HK"),
        reason("head_office_outside", name="Huaxin (Hong Kong), Limited", state="HK"),
    ]
    browser = FactBrowser()
    qtbot.addWidget(browser)
    browser.setHtml(hit_html({**HIT, "facts": {"acquirer.excepted_investor_reasons": reasons}}))
    lines = browser.toPlainText().splitlines()
    first = next(i for i, line in enumerate(lines) if f"• {reasons[0]}" in line)
    assert lines[first + 1].strip() == f"• {reasons[1]}"
    assert fact_cell("acquirer.excepted_investor_reasons", reasons, "ja").split("<br/>") == [
        "• Huaxin (Hong Kong), Limited: HK で設立 (適用除外国ではない) (a)(3)(i)",
        "• Huaxin (Hong Kong), Limited: 主たる事業所が HK に所在 (適用除外国ではない) (a)(3)(ii)",
    ]
