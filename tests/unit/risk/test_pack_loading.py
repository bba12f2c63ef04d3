"""Packs load or are refused with the file, rule id, field and line a reviewer must fix."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from screener.paths import rules_dir
from screener.risk.packs import SHIPPED_PACKS, PackError, load_pack, load_packs, parse_pack

HEADER = """\
id: test
title: Test pack
jurisdiction: US
version: "1"
effective_from: 2025-01-01
tiers:
  - {name: Low, min: 0}
  - {name: High, min: 70}
parameters:
  limit: 25
rules:
"""


def pack_text(rules: str) -> str:
    return HEADER + textwrap.indent(textwrap.dedent(rules), "  ")


def rule(when: str, rule_id: str = "X1") -> str:
    return f"""\
- id: {rule_id}
  title: A rule
  category: threat
  when: "{when}"
  score: 10
  rationale: Because.
  source: Somewhere
"""


def refusal(text: str) -> PackError:
    with pytest.raises(PackError) as caught:
        parse_pack(text, "test.yaml")
    return caught.value


@pytest.mark.parametrize("name", SHIPPED_PACKS)
def test_every_shipped_pack_loads(name: str) -> None:
    pack = load_pack(rules_dir() / name)
    assert pack.rules and pack.version and pack.source.endswith(name)
    assert [band.name for band in pack.tiers] == ["Low", "Elevated", "High"]
    assert len(pack.sha256) == 64


def test_every_rule_pack_in_rules_dir_is_shipped() -> None:
    packs = [
        p.name for p in rules_dir().glob("*.yaml") if "\nrules:" in p.read_text(encoding="utf-8")
    ]
    assert sorted(packs) == sorted(SHIPPED_PACKS)


def test_a_valid_pack_parses() -> None:
    pack = parse_pack(pack_text(rule("transaction.voting_after_pct >= params.limit")), "ok.yaml")
    assert pack.rules[0].when.paths == ("params.limit", "transaction.voting_after_pct")
    assert pack.rules[0].line == 12


def test_unknown_name_is_reported_with_file_rule_field_and_line() -> None:
    error = refusal(pack_text(rule("true") + rule("transaction.votes >= 25", "X2")))
    (issue,) = error.issues
    assert (issue.source, issue.rule_id, issue.field, issue.line) == ("test.yaml", "X2", "when", 22)
    assert "unknown field 'votes'" in issue.message and "voting_after_pct" in issue.message
    assert str(issue).startswith("test.yaml:22: rule X2: field 'when'")


def test_unknown_top_level_name_is_reported() -> None:
    (issue,) = refusal(pack_text(rule("targett.us_tid_business"))).issues
    assert "unknown name 'targett'" in issue.message and issue.rule_id == "X1"


def test_type_error_is_caught_at_load() -> None:
    (issue,) = refusal(pack_text(rule("deal.board_seats == 'two' or target.country > 3"))).issues
    assert issue.rule_id == "X1" and issue.field == "when"
    assert "mismatch" in issue.message


def test_a_condition_must_be_true_or_false() -> None:
    (issue,) = refusal(pack_text(rule("transaction.voting_after_pct + 1"))).issues
    assert "must be true or false" in issue.message


def test_unknown_parameter_is_caught() -> None:
    (issue,) = refusal(pack_text(rule("transaction.voting_after_pct >= params.limt"))).issues
    assert "unknown field 'limt'" in issue.message and "limit" in issue.message


def test_all_problems_are_listed_at_once() -> None:
    bad = pack_text(
        """\
        - id: X1
          title: t
          category: risk
          when: "true"
          outcome: banned
          rationale: r
          source: s
          scroe: 5
        - id: X1
          title: t
          category: threat
          when: "nonsense >"
          score: ten
          rationale: r
          source: s
        """
    )
    messages = [f"{i.rule_id}/{i.field}: {i.message}" for i in refusal(bad).issues]
    assert any("category" in m and "gate, threat" in m for m in messages)
    assert any("outcome" in m and "unknown outcome 'banned'" in m for m in messages)
    assert any("scroe" in m and "unknown field" in m for m in messages)
    assert any("rule id repeated" in m for m in messages)
    assert any("when" in m and "syntax error" in m for m in messages)
    assert any("score" in m and "must be a number" in m for m in messages)


def test_missing_fields_are_named() -> None:
    (issue, *_) = refusal(
        pack_text("- id: X1\n  category: threat\n  when: 'true'\n  score: 1\n")
    ).issues
    assert issue.field in {"title", "rationale", "source"}


def test_tiers_must_rise() -> None:
    text = pack_text(rule("true")).replace("{name: High, min: 70}", "{name: High, min: -5}")
    assert any(i.field == "tiers" for i in refusal(text).issues)


def test_same_rule_id_in_two_packs_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(pack_text(rule("true")), encoding="utf-8")
    (tmp_path / "b.yaml").write_text(
        pack_text(rule("true")).replace("id: test", "id: other"), encoding="utf-8"
    )
    with pytest.raises(PackError, match="rule id also used in"):
        load_packs([tmp_path / "a.yaml", tmp_path / "b.yaml"])


def test_unreadable_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(PackError, match="cannot read"):
        load_pack(tmp_path / "missing.yaml")


# --- hostile input ------------------------------------------------------------------------

BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


@pytest.mark.parametrize(("text", "expected"), [
    ("!!python/object/apply:os.system ['echo pwned']", "only plain data"),
    ("id: !!python/name:os.system x", "only plain data"),
    ("id: !!python/object:builtins.object {}", "only plain data"),
    (BILLION_LAUGHS, "anchors and aliases are not allowed"),
    ("id: a\nid: b\n", "repeated"),
    ("id: [unclosed", "test.yaml:1"),
])  # fmt: skip
def test_hostile_yaml_is_refused(text: str, expected: str) -> None:
    assert expected in str(refusal(text))


@pytest.mark.parametrize(("when", "expected"), [
    ("__import__('os').system('ls') == 0", "unknown name '__import__'"),
    ("import os", "syntax error"),
    ("target.__class__.__name__ == 'x'", "unknown field '__class__'"),
    ("deal.__dict__ == null", "unknown field '__dict__'"),
    ("params.__class__ == null", "unknown field '__class__'"),
    ("open('/etc/passwd') == ''", "unknown name 'open'"),
    ("$now > $parse_datetime('2020-01-01')", "builtins ($...) are not allowed"),
    ("$split(target.name).length > 0", "builtins ($...) are not allowed"),
    ("$random() > 0.5", "builtins ($...) are not allowed"),
    ("target.name =~ '(a+)+$'", "regular-expression operators are not allowed"),
    ("eval == true", "unknown name 'eval'"),
])  # fmt: skip
def test_conditions_that_import_call_or_reach_dunders_are_refused(when: str, expected: str) -> None:
    text = pack_text(rule(when.replace('"', "'")))
    (issue,) = refusal(text).issues
    assert expected in issue.message, issue.message
    assert issue.rule_id == "X1" and issue.field == "when"


def test_a_dollar_inside_a_text_literal_is_just_text() -> None:
    pack = parse_pack(pack_text(rule("target.name == 'costs $5'")), "ok.yaml")
    assert pack.rules[0].id == "X1"
