"""Turning a cell into a typed value, one function per kind of field.

Each coercion accepts what spreadsheets and JSON actually hold (Excel dates, numbers typed
as text, "yes"/"no", "51 %") and raises `BadValue` with what was expected otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import pycountry

from screener.deals import fields as k
from screener.deals.fields import Field


class BadValue(ValueError):
    """The message says what was found and what was expected."""


TRUE_WORDS = {"true", "yes", "y", "1", "x"}
FALSE_WORDS = {"false", "no", "n", "0"}
LIST_SEPARATOR = re.compile(r"[;\n]")
PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

_COUNTRIES = {c.alpha_2 for c in pycountry.countries} | {"XK"}
_CURRENCIES = {c.alpha_3 for c in pycountry.currencies}


def _text(value: Any, spec: Field) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dict, list)):
        raise BadValue(f"expected text, found {type(value).__name__}")
    return str(value).strip()


def _number(value: Any, spec: Field) -> float:
    if isinstance(value, bool):
        raise BadValue(f"expected a number, found {value!r}")
    if isinstance(value, (int, float)):
        number = float(value)
    else:
        text = str(value).strip().replace(",", "").replace("_", "")
        if spec.kind == k.PERCENT:
            text = text.rstrip("%").strip()
        try:
            number = float(text)
        except ValueError:
            raise BadValue(f"expected a number, found {str(value)!r}") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise BadValue(f"expected a finite number, found {value!r}")
    low = 0.0 if spec.kind == k.PERCENT else spec.minimum
    high = 100.0 if spec.kind == k.PERCENT else spec.maximum
    if low is not None and number < low:
        raise BadValue(f"expected a number >= {low:g}, found {number:g}")
    if high is not None and number > high:
        raise BadValue(f"expected a number <= {high:g}, found {number:g}")
    return number


def _integer(value: Any, spec: Field) -> int:
    number = _number(value, spec)
    if not number.is_integer():
        raise BadValue(f"expected a whole number, found {number:g}")
    return int(number)


def _boolean(value: Any, spec: Field) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    word = str(value).strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise BadValue(f"expected yes/no (true/false), found {str(value)!r}")


def _date(value: Any, spec: Field) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        return date.fromisoformat(text[:10]) if len(text) >= 10 else date.fromisoformat(text)
    except ValueError:
        raise BadValue(f"expected a date as YYYY-MM-DD, found {text!r}") from None


def _country(value: Any, spec: Field) -> str:
    code = str(value).strip().upper()
    if code not in _COUNTRIES:
        raise BadValue(
            f"expected an ISO 3166 alpha-2 country code (e.g. US, JP, CN), found {str(value)!r}"
        )
    return code


def _currency(value: Any, spec: Field) -> str:
    code = str(value).strip().upper()
    if code not in _CURRENCIES:
        raise BadValue(f"expected an ISO 4217 currency code (e.g. USD, JPY), found {value!r}")
    return code


def _choice(value: Any, spec: Field) -> str:
    word = str(value).strip().lower().replace(" ", "_").replace("-", "_")
    if word not in spec.choices:
        raise BadValue(f"expected one of {', '.join(spec.choices)}; found {str(value)!r}")
    return word


def split_list(value: Any) -> list[Any]:
    if isinstance(value, list):
        return [v for v in value if not (isinstance(v, str) and not v.strip())]
    return [part.strip() for part in LIST_SEPARATOR.split(str(value)) if part.strip()]


def _identifiers(value: Any, spec: Field) -> dict[str, str]:
    if isinstance(value, dict):
        return {str(key).strip(): _text(v, spec) for key, v in value.items()}
    found: dict[str, str] = {}
    for part in split_list(value):
        if "=" not in part:
            raise BadValue(f"expected type=value pairs separated by ';', found {part!r}")
        key, _, ident = part.partition("=")
        if not key.strip() or not ident.strip():
            raise BadValue(f"expected type=value with both parts, found {part!r}")
        found[key.strip()] = ident.strip()
    return found


_SCALAR: dict[str, Callable[[Any, Field], Any]] = {
    k.TEXT: _text,
    k.NUMBER: _number,
    k.PERCENT: _number,
    k.INTEGER: _integer,
    k.BOOLEAN: _boolean,
    k.DATE: _date,
    k.COUNTRY: _country,
    k.CURRENCY: _currency,
    k.CHOICE: _choice,
    k.IDENTIFIERS: _identifiers,
}
_ITEM_OF_LIST = {k.COUNTRIES: _country, k.TEXT_LIST: _text, k.CHOICES: _choice}


def coerce(value: Any, spec: Field) -> Any:
    """The typed value of a non-blank cell for `spec`, or BadValue."""
    if spec.kind in _ITEM_OF_LIST:
        convert = _ITEM_OF_LIST[spec.kind]
        return [convert(item, spec) for item in split_list(value)]
    return _SCALAR[spec.kind](value, spec)


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value == []


def check_birth_date(text: str) -> None:
    if not PARTIAL_DATE.match(text):
        raise BadValue(f"expected YYYY, YYYY-MM or YYYY-MM-DD, found {text!r}")
