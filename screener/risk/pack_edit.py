"""Changing a rule's weight or enabled flag in the YAML text without losing its comments.

The Rules view edits these two fields from a table; rewriting the whole file through a
YAML dumper would drop the comments that explain thresholds, so the change is made on the
one line that holds the field (or a line is added after the rule's id).
"""

from __future__ import annotations

import re

from screener.risk.packs import RulePack


class PackEditError(ValueError):
    pass


def _format(value: float | bool) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return f"{value:g}" if value != int(value) else f"{value:.1f}"


def set_rule_field(text: str, pack: RulePack, rule_id: str, name: str, value: float | bool) -> str:
    """`text` with `name: value` set on rule `rule_id`; `pack` must be parsed from `text`."""
    if name not in ("weight", "enabled"):
        raise PackEditError(f"only weight and enabled can be set here, not {name!r}")
    rule = next((r for r in pack.rules if r.id == rule_id), None)
    if rule is None:
        raise PackEditError(f"no rule {rule_id!r} in {pack.source}")
    lines = text.split("\n")
    if name in rule.field_lines:
        index = rule.field_lines[name] - 1
        updated, count = re.subn(
            rf"^(\s*(?:-\s+)?{name}:\s*)[^#\s]+", rf"\g<1>{_format(value)}", lines[index]
        )
        if count != 1:
            raise PackEditError(f"{pack.source}:{index + 1}: cannot find {name} to change")
        lines[index] = updated
        return "\n".join(lines)
    id_index = rule.field_lines["id"] - 1
    indent = re.match(r"^(\s*)(-\s+)?", lines[id_index])
    assert indent is not None
    prefix = indent.group(1) + (" " * len(indent.group(2) or ""))
    lines.insert(id_index + 1, f"{prefix}{name}: {_format(value)}")
    return "\n".join(lines)
