"""Rule packs speak Japanese beside English: every shipped rule, extra note and pack title has
its Japanese, a hit carries it, and a hit stored without it still reads (and reproduces) in
English."""

from __future__ import annotations

import re

import pytest

from screener.models import Assessment as AssessmentRow
from screener.risk.engine import evaluate
from screener.risk.hit_text import hit_notes, hit_rationale, hit_title
from screener.risk.pack_edit import set_rule_field
from screener.risk.packs import PackError, load_shipped_packs, parse_pack
from screener.risk.service import assess_case, reproduce
from screener.store import Store

from .case_factory import add_case
from .factory import facts

PACKS = load_shipped_packs()
RULES = [(pack.id, rule) for pack in PACKS for rule in pack.rules]
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")  # kana or kanji


def japanese(text: str) -> bool:
    return bool(JAPANESE.search(text))


@pytest.mark.parametrize("pack", PACKS, ids=lambda pack: pack.id)
def test_every_shipped_pack_has_a_japanese_title(pack) -> None:  # type: ignore[no-untyped-def]
    assert japanese(pack.title_ja), pack.id
    assert pack.title_in("ja") == pack.title_ja and pack.title_in("en") == pack.title


@pytest.mark.parametrize(("pack_id", "rule"), RULES, ids=[rule.id for _p, rule in RULES])
def test_every_shipped_rule_and_extra_note_has_japanese(pack_id, rule) -> None:  # type: ignore[no-untyped-def]
    """A rule added to rules/*.yaml without its Japanese fails here (parametrised over the
    shipped rules): a Japanese memo would otherwise print its English."""
    assert japanese(rule.title_ja), f"{pack_id} {rule.id}: title_ja"
    assert japanese(rule.rationale_ja), f"{pack_id} {rule.id}: rationale_ja"
    for extra in rule.extras:
        if extra.note:
            assert japanese(extra.note_ja), f"{pack_id} {rule.id}: note_ja of {extra.note!r}"
    # The rule's English stays the reference: it reads in English, not in Japanese.
    assert not japanese(rule.title) and not japanese(rule.rationale)


MINIMAL = """\
id: p
title: P
title_ja: P パック
jurisdiction: US
version: "1"
effective_from: 2025-01-01
tiers: [{name: Low, min: 0}]
rules:
  - id: R1
    title: Always
    title_ja: 常に該当
    category: threat
    when: "true"
    score: 5
    extras:
      - when: "true"
        note: first note
        note_ja: 第一の注記
      - when: "true"
        note: second note
    rationale: Because.
    rationale_ja: "理由。"
    source: test
"""


def test_a_hit_carries_the_rules_japanese_and_one_japanese_note_per_note() -> None:
    pack = parse_pack(MINIMAL, "p.yaml")
    (hit,) = evaluate([pack], facts()).hits
    assert (hit.title_ja, hit.rationale_ja) == ("常に該当", "理由。")
    assert hit.notes == ("first note", "second note") and hit.notes_ja == ("第一の注記", "")
    stored = hit.record()
    assert hit_title(stored, "ja") == "常に該当" and hit_title(stored, "en") == "Always"
    assert hit_rationale(stored, "ja") == "理由。"
    # the second note has no Japanese: a Japanese reader gets its English, not nothing
    assert hit_notes(stored, "ja") == ("第一の注記", "second note")
    assert hit_notes(stored, "en") == ("first note", "second note")


def test_a_hit_without_japanese_is_stored_as_before_and_reads_in_english() -> None:
    (hit,) = evaluate([parse_pack(_english_only(MINIMAL), "p.yaml")], facts()).hits
    stored = hit.record()
    assert not {"title_ja", "rationale_ja", "notes_ja"} & stored.keys()
    assert hit_title(stored, "ja") == "Always"
    assert hit_rationale(stored, "ja") == "Because."
    assert hit_notes(stored, "ja") == ("first note", "second note")


@pytest.mark.parametrize(
    ("old", "new", "field", "line"),
    [
        ("title_ja: 常に該当", "title_ja: 12", "title_ja", 11),
        ('rationale_ja: "理由。"', 'rationale_ja: ""', "rationale_ja", 22),
        ("title_ja: 常に該当", "title_jp: 常に該当", "title_jp", 11),
        ("note_ja: 第一の注記", "note_ja: [第一]", "note_ja", 18),
    ],
)
def test_a_translation_must_be_text_and_named_right(
    old: str, new: str, field: str, line: int
) -> None:
    with pytest.raises(PackError) as caught:
        parse_pack(MINIMAL.replace(old, new), "p.yaml")
    (issue,) = caught.value.issues
    assert (issue.source, issue.line, issue.rule_id, issue.field) == ("p.yaml", line, "R1", field)


def test_a_japanese_note_needs_the_note_it_translates() -> None:
    text = MINIMAL.replace("        note: first note\n", "")
    with pytest.raises(PackError, match="note_ja.*needs the note it translates"):
        parse_pack(text, "p.yaml")


def test_editing_a_weight_keeps_the_japanese() -> None:
    """The Rules view changes one line of the YAML (pack_edit): the Japanese lines stay."""
    for pack in PACKS:
        rule = pack.rules[0]
        edited = parse_pack(set_rule_field(pack.text, pack, rule.id, "weight", 2.0), pack.source)
        assert edited.title_ja == pack.title_ja
        assert [(r.title_ja, r.rationale_ja) for r in edited.rules] == [
            (r.title_ja, r.rationale_ja) for r in pack.rules
        ]
        assert [e.note_ja for r in edited.rules for e in r.extras] == [
            e.note_ja for r in pack.rules for e in r.extras
        ]


def test_an_assessment_stored_before_packs_had_japanese_still_reproduces(store: Store) -> None:
    """An old assessment keeps its English-only pack texts and hits without Japanese keys;
    re-evaluating them must give exactly the stored hits, and a new one stores the Japanese."""
    add_case(store)
    english_only = tuple(parse_pack(_english_only(p.text), p.source) for p in PACKS)
    assert not any(rule.title_ja for pack in english_only for rule in pack.rules)
    old = assess_case(store, "C-1", packs=english_only)
    new = assess_case(store, "C-1", packs=PACKS)
    with store.session() as session:
        old_row = session.get(AssessmentRow, old.id)
        new_row = session.get(AssessmentRow, new.id)
        assert old_row is not None and new_row is not None
        assert old_row.hits and not any("title_ja" in hit for hit in old_row.hits)
        assert all(japanese(hit["title_ja"]) for hit in new_row.hits)
    assert reproduce(store, old.id).reproduced
    assert reproduce(store, new.id).reproduced


def _english_only(text: str) -> str:
    """A pack's text as it was before packs carried Japanese: every *_ja line dropped (long
    ones, continued with an escaped line break in the shipped files, joined first)."""
    joined = re.sub(r"\\\n\s*", "", text)
    return re.sub(r"^\s*(title_ja|rationale_ja|note_ja):.*\n", "", joined, flags=re.M)
