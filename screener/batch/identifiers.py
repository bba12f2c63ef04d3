"""Identifier columns in a batch file, and the check digits that catch a mistyped one.

An equal identifier is decisive in matching, so a typo must not pass silently: LEIs carry
ISO 17442 check digits (ISO 7064 MOD 97-10) and IMO numbers a weighted check digit. Other
identifiers (registration numbers, passports, tax ids) have no universal check and are only
trimmed.
"""

from __future__ import annotations

import re

IDENTIFIER_COLUMNS = (
    "lei",
    "imo",
    "registration",
    "passport",
    "national_id",
    "tax_id",
    "swift",
    "ogrn",
    "inn",
    "duns",
)

_LEI = re.compile(r"^[0-9A-Z]{18}[0-9]{2}$")
_IMO = re.compile(r"^(?:IMO)?\s*(\d{7})$", re.IGNORECASE)
_SWIFT = re.compile(r"^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$")


def check_identifier(column: str, raw: str) -> tuple[str, str | None]:
    """(the value as compared, a problem or None)."""
    value = " ".join(raw.split())
    if column == "lei":
        return _check_lei(value.replace(" ", "").upper())
    if column == "imo":
        return _check_imo(value)
    if column == "swift":
        code = value.replace(" ", "").upper()
        return code, None if _SWIFT.match(code) else f"{raw!r} is not a SWIFT/BIC code"
    return value, None


def _check_lei(code: str) -> tuple[str, str | None]:
    if not _LEI.match(code):
        return code, f"{code!r} is not a 20-character LEI"
    digits = "".join(str(int(char, 36)) for char in code)
    if int(digits) % 97 != 1:
        return code, f"{code!r} fails the LEI check digits (ISO 17442)"
    return code, None


def _check_imo(value: str) -> tuple[str, str | None]:
    match = _IMO.match(value)
    if not match:
        return value, f"{value!r} is not a 7-digit IMO number"
    number = match.group(1)
    check = sum(int(d) * w for d, w in zip(number[:6], range(7, 1, -1), strict=True)) % 10
    if check != int(number[6]):
        return number, f"{value!r} fails the IMO check digit"
    return number, None
