"""Reading YAML that may come from anyone: safe tags only, no aliases, with line numbers.

`yaml.SafeLoader` already refuses `!!python/object` and friends; it still expands aliases,
which lets a few hundred bytes ("billion laughs") turn into a structure that exhausts
memory once anything walks it. Rule packs and reference lists never need anchors, so any
anchor or alias is refused outright. Mappings come back as `LineDict`, which remembers the
line of the mapping and of each key, so an error can name the line a reviewer must fix.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode

# PyYAML is pure Python (tens of microseconds a node), so a hostile file must be refused by
# size and node count early: five to ten times the largest shipped file (13 KB, 776 nodes).
MAX_BYTES = 128_000
MAX_NODES = 4_000
MAX_DEPTH = 64  # rule packs nest five or six levels; the composer recurses once per level
MAX_NUMBER_CHARS = 100  # Python refuses int("1" * 5000) with a bare ValueError


_BRACKETS = re.compile(r"[\[\]{}]")


class YamlError(ValueError):
    """A YAML document we refuse to read, with where and why."""

    def __init__(self, source: str, line: int | None, message: str) -> None:
        self.source = source
        self.line = line
        self.message = message
        where = f"{source}:{line}" if line else source
        super().__init__(f"{where}: {message}")


class LineDict(dict[str, Any]):
    """A mapping that knows the 1-based line where it starts and where each key sits."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader without anchors, aliases, repeated keys, deep nesting or huge numbers."""

    depth = 0
    nodes = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise YamlError(self.name, line, "anchors and aliases are not allowed")
        if self.depth >= MAX_DEPTH:
            raise YamlError(self.name, line, f"nested deeper than {MAX_DEPTH} levels")
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise YamlError(self.name, line, f"more than {MAX_NODES:,} values")
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def construct_yaml_int(self, node: Any) -> int:
        return int(self._short_number(node, "integer"))

    def construct_yaml_float(self, node: Any) -> float:
        return float(self._short_number(node, "number"))

    def _short_number(self, node: Any, kind: str) -> Any:
        if len(str(node.value)) > MAX_NUMBER_CHARS:
            raise YamlError(
                self.name,
                node.start_mark.line + 1,
                f"{kind} longer than {MAX_NUMBER_CHARS} characters",
            )
        method = super().construct_yaml_int if kind == "integer" else super().construct_yaml_float
        return method(node)

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        result = LineDict()
        result.line = node.start_mark.line + 1
        result.key_lines = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                raise YamlError(
                    self.name, key_node.start_mark.line + 1, f"key {key!r} must be text"
                )
            if key in result:
                raise YamlError(self.name, key_node.start_mark.line + 1, f"key {key!r} repeated")
            result[key] = self.construct_object(value_node, deep=True)
            result.key_lines[key] = key_node.start_mark.line + 1
        return result


_StrictLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _StrictLoader.construct_mapping,  # type: ignore[arg-type]
)
_StrictLoader.add_constructor("tag:yaml.org,2002:int", _StrictLoader.construct_yaml_int)
_StrictLoader.add_constructor("tag:yaml.org,2002:float", _StrictLoader.construct_yaml_float)


def _refuse_deep_brackets(text: str, source: str) -> None:
    """Refuse flow nesting ([ and {) deeper than MAX_DEPTH before PyYAML scans it.

    PyYAML's scanner keeps a possible key for every open bracket and rechecks them all on
    each token, so 50,000 '[' take seconds to scan before the composer can refuse the depth.
    Brackets inside quoted text count too: a pack never needs 64 of them unclosed.
    """
    depth = 0
    for match in _BRACKETS.finditer(text):
        depth += 1 if match.group() in "[{" else -1
        if depth > MAX_DEPTH:
            line = text.count("\n", 0, match.start()) + 1
            raise YamlError(source, line, f"nested deeper than {MAX_DEPTH} levels")


def load_text(text: str, source: str) -> Any:
    """Parse one YAML document; every refusal is a `YamlError` naming source and line."""
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise YamlError(source, None, f"larger than {MAX_BYTES} bytes")
    _refuse_deep_brackets(text, source)
    try:
        loader = _StrictLoader(text)  # the reader refuses control characters right here
    except yaml.YAMLError as exc:
        raise YamlError(source, None, str(exc).replace('"<unicode string>"', source)) from None
    loader.name = source
    try:
        return loader.get_single_data()
    except YamlError:
        raise
    except yaml.constructor.ConstructorError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark else None
        raise YamlError(source, line, f"only plain data is allowed: {exc.problem}") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise YamlError(source, line, f"{exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise YamlError(source, None, str(exc)) from None
    except RecursionError:
        raise YamlError(source, None, "nested too deeply") from None
    except ValueError as exc:  # a scalar Python itself refuses to convert
        raise YamlError(source, None, f"value refused: {exc}") from None
    finally:
        loader.dispose()


def load_file(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise YamlError(str(path), None, f"cannot read: {exc}") from None
    return load_text(text, str(path))


# The safe loader in libyaml's C where PyYAML was built with it (its wheels are), else in Python.
SHIPPED_TABLE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_shipped_table(path: Path) -> Any:
    """A table the app ships in rules/ and reads at every start (the name rules, the
    Wade-Giles syllables), parsed as SafeLoader parses it: safe tags only, never a Python
    object. Without `load_file`'s line numbers and limits, which exist for files from anyone
    and are composed in Python: names.yaml took 11-16 ms of CPU that way, 1-2 ms in C, read
    by every process that prepares a name before `screener screen` forks its workers.
    Raises OSError or yaml.YAMLError, for the caller to word."""
    with open(path, encoding="utf-8") as handle:
        loader = SHIPPED_TABLE_LOADER(handle)  # a safe loader: never a Python object
        try:
            return loader.get_single_data()
        finally:
            loader.dispose()
