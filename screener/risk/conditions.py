"""Rule conditions: a small typed expression language, never Python `eval`.

We use the `rule-engine` library (zeroSteiner/rule-engine, maintained since 2017, its own
PLY grammar, no access to Python objects beyond what a resolver hands it). Its decisive
feature here is typing: it checks an expression against a typed context at parse time, so
`target.stagse` or `deal.board_seats == 'two'` is refused when the pack loads, not when an
analyst scores a case. CEL (cel-python) offers the same, but with heavier dependencies and
a less mature Python port; simpleeval evaluates Python syntax and only finds a misspelt name
when that branch is reached.

On top of the library we refuse what a rule never needs and what would make a score
irreproducible or dangerous: every `$` builtin (`$now`, `$random`, ...), every function call,
regular-expression operators (a hostile pattern can run for hours) and attribute access on
anything that is not a declared fact field (dunder names cannot be reached at all, because
object attributes are whitelisted by the dataclass schema).
"""

from __future__ import annotations

import functools
import re
import typing
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, fields, is_dataclass
from typing import Any

import rule_engine
from rule_engine import ast as re_ast
from rule_engine import errors as re_errors
from rule_engine import types as re_types

from screener.risk.facts import Facts

MAX_CONDITION_CHARS = 4000

_STRING_LITERAL = re.compile(r"""[rs]?(["'])(?:[^\\\n]|\\.)*?\1""")
_REGEX_TOKENS = {"EQ_FZM", "EQ_FZS", "NE_FZM", "NE_FZS"}
_PARSER_LEXER = rule_engine.parser.Parser()._lexer
_FORBIDDEN_NODES: dict[type, str] = {
    re_ast.FunctionCallExpression: "function calls are not allowed",
    re_ast.FunctionExpression: "functions are not allowed",
    re_ast.FuzzyComparisonExpression: "regular-expression operators are not allowed",
}


class ConditionError(ValueError):
    """A condition refused at load: syntax, unknown name, type error or a forbidden construct."""


@dataclass(frozen=True)
class Parameters:
    """A pack's named thresholds and sets, readable in conditions as `params.NAME`."""

    values: Mapping[str, Any]


def _parameter_types(values: Mapping[str, Any]) -> dict[str, Any]:
    types: dict[str, Any] = {}
    for name, value in values.items():
        if isinstance(value, tuple):
            types[name] = re_types.DataType.ARRAY(re_types.DataType.STRING)
        else:
            types[name] = re_types.DataType.from_value(value)
    return types


class _Scope:
    """What a condition can see: the fact groups and `params`, nothing else."""

    __slots__ = ("facts", "params")

    def __init__(self, facts: Facts, params: Parameters) -> None:
        self.facts = facts
        self.params = params


def _resolve(scope: _Scope, name: str) -> Any:
    if name == "params":
        return scope.params
    if name in _FACT_FIELDS:
        return getattr(scope.facts, name)
    raise re_errors.SymbolResolutionError(name)


_FACT_FIELDS = frozenset(f.name for f in fields(Facts))


def build_context(params: Mapping[str, Any]) -> rule_engine.Context:
    """A typed context: the Facts schema plus this pack's parameters."""
    base_resolver = rule_engine.type_resolver_from_dataclass(Facts)
    params_type = re_types.DataType.OBJECT(
        "Parameters",
        attributes=_parameter_types(params),
        accessor=lambda holder, key: holder.values[key],
    )

    def type_resolver(name: str) -> Any:
        if name == "params":
            return params_type
        return base_resolver(name)

    return rule_engine.Context(
        type_resolver=type_resolver,
        resolver=_resolve,
        default_timezone="utc",
        mapping_attribute_lookup=False,
    )


def _attributes(node: Any) -> Iterator[tuple[str, Any]]:
    for klass in type(node).__mro__:
        for slot in getattr(klass, "__slots__", ()):
            if hasattr(node, slot):
                yield slot, getattr(node, slot)
    yield from getattr(node, "__dict__", {}).items()


def _children(node: Any) -> Iterator[Any]:
    for name, value in _attributes(node):
        if name == "context":
            continue
        values = value if isinstance(value, tuple | list) else (value,)
        for item in values:
            if isinstance(item, re_ast.ASTNodeBase):
                yield item


def _walk(node: Any) -> Iterator[Any]:
    yield node
    for child in _children(node):
        yield from _walk(child)


def _refuse_in_source(text: str) -> None:
    """Refuse builtins and regex operators in the text itself, before the library parses it.

    The library folds an expression of literals while parsing, so a tree check comes too
    late for `'aaaa...!' =~ '(a+)+$'`: the catastrophic match has already run by then.
    """
    if "$" in _STRING_LITERAL.sub("", text):
        raise ConditionError("builtins ($...) are not allowed")
    lexer = _lexer()
    lexer.input(text)
    try:
        for token in iter(lexer.token, None):
            if token.type in _REGEX_TOKENS:
                raise ConditionError(
                    f"regular-expression operators are not allowed ({token.value})"
                )
    except re_errors.EngineError as exc:
        raise ConditionError(_describe(exc)) from None


def _lexer() -> Any:
    """A fresh copy of the library's own tokenizer: it reads strings exactly as the parser will."""
    return _PARSER_LEXER.clone()


def _refuse_forbidden(statement: Any) -> None:
    for node in _walk(statement):
        for node_type, message in _FORBIDDEN_NODES.items():
            if isinstance(node, node_type):
                raise ConditionError(message)


def _fact_paths(statement: Any) -> tuple[str, ...]:
    """The dotted fact paths a condition reads, e.g. 'deal.board_seats', 'params.x'."""
    paths: set[str] = set()
    for node in _walk(statement):
        path = _dotted(node)
        if path and path.split(".")[0] in _FACT_FIELDS | {"params"}:
            paths.add(_trim_to_field(path))
    # keep only the longest paths ('deal.vetoes' hides 'deal')
    return tuple(sorted(p for p in paths if not any(o.startswith(p + ".") for o in paths)))


@functools.cache
def _field_types(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls) if is_dataclass(cls) else {}


def _trim_to_field(path: str) -> str:
    """'params.s.to_set' -> 'params.s'; 'deal.vetoes.length' -> 'deal.vetoes'."""
    head, *rest = path.split(".")
    if head == "params":
        return ".".join([head, *rest[:1]])
    kept, current = [head], _field_types(Facts).get(head)
    for part in rest:
        types = _field_types(current) if isinstance(current, type) else {}
        if part not in types:
            break
        kept.append(part)
        current = types[part]
    return ".".join(kept)


def _dotted(node: Any) -> str | None:
    if isinstance(node, re_ast.SymbolExpression):
        return str(node.name)
    if isinstance(node, re_ast.GetAttributeExpression):
        inner = _dotted(node.object)
        return f"{inner}.{node.name}" if inner else None
    return None


@dataclass(frozen=True, eq=False)
class Condition:
    """A compiled, checked condition with the fact paths it reads (for explanations)."""

    text: str
    compiled: rule_engine.Rule
    paths: tuple[str, ...]

    def holds(self, facts: Facts, params: Parameters) -> bool:
        try:
            return bool(self.compiled.matches(_Scope(facts, params)))
        except re_errors.EngineError as exc:
            raise ConditionError(f"evaluation failed: {_describe(exc)}") from None


def compile_condition(text: str, context: rule_engine.Context) -> Condition:
    """Parse and type-check `text`; raises ConditionError with a reviewer-readable reason."""
    if not isinstance(text, str) or not text.strip():
        raise ConditionError("condition must be non-empty text")
    if len(text) > MAX_CONDITION_CHARS:
        raise ConditionError(f"condition longer than {MAX_CONDITION_CHARS} characters")
    _refuse_in_source(text)
    try:
        compiled = rule_engine.Rule(text, context=context)
    except re_errors.EngineError as exc:
        raise ConditionError(_describe(exc)) from None
    except (RecursionError, ValueError, TypeError, ArithmeticError) as exc:
        raise ConditionError(f"cannot parse: {exc}") from None
    _refuse_forbidden(compiled.statement)
    result_type = compiled.statement.expression.result_type
    if result_type != re_types.DataType.BOOLEAN:
        raise ConditionError(f"condition must be true or false, not {result_type.name}")
    return Condition(text=text, compiled=compiled, paths=_fact_paths(compiled.statement))


def _describe(exc: Exception) -> str:
    if isinstance(exc, re_errors.SymbolResolutionError):
        hint = f" (did you mean {exc.suggestion!r}?)" if getattr(exc, "suggestion", None) else ""
        return f"unknown name {exc.symbol_name!r}{hint}"
    if isinstance(exc, re_errors.AttributeResolutionError):
        hint = f" (did you mean {exc.suggestion!r}?)" if getattr(exc, "suggestion", None) else ""
        return f"unknown field {exc.attribute_name!r}{hint}"
    if isinstance(exc, re_errors.RuleSyntaxError):
        token = getattr(exc, "token", None)
        near = f" near {token.value!r}" if token is not None else ""
        return f"syntax error{near}"
    message = getattr(exc, "message", None) or str(exc)
    return f"{type(exc).__name__}: {message}"


def fact_value(facts: Facts, params: Parameters, path: str) -> Any:
    """The value at a dotted path, for explaining a hit; lists of parties become their keys."""
    head, *rest = path.split(".")
    value: Any = params.values if head == "params" else getattr(facts, head)
    for part in rest:
        if isinstance(value, Mapping) and part in value:
            value = value[part]
        elif is_dataclass(value) and part in {f.name for f in fields(value)}:
            value = getattr(value, part)
        else:
            break
    return _plain(value)


def _plain(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return getattr(value, "key", None) or type(value).__name__
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    return value
