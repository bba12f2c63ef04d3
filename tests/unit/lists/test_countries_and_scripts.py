"""Country names as publishers write them, and the script a name is written in."""

from __future__ import annotations

import pytest

from screener.lists.countries import country_code, country_codes
from screener.lists.scripts import is_non_latin, script_of


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Democratic Republic of the Congo", "CD"),
        ("Congo (Democratic Republic)", "CD"),
        ("Russia", "RU"),
        ("Russian Federation (as at November 2010)", "RU"),
        ("Former USSR Currently Ukraine", "UA"),
        ("USSR (now Russian Federation)", "RU"),
        ("Iran (Islamic Republic of)", "IR"),
        ("Türkiye", "TR"),
        ("State of Palestine", "PS"),
        ("Ukrainian", "UA"),
        ("ru", "RU"),
        ("RUS", "RU"),
        ("North Korea.", "KP"),
    ],
)
def test_country_code(text: str, code: str):
    assert country_code(text) == code


@pytest.mark.parametrize("text", ["", "00", "Moscow", "115088", "USSR", None])
def test_unplaceable_names_give_none(text):
    assert country_code(text) is None


def test_country_codes_keep_order_without_repeats():
    assert country_codes(["Russia", "Cyprus", "Russian Federation", "Atlantis"]) == ["RU", "CY"]


def test_script_of():
    assert script_of("Ivan PETROV") == "latin"
    assert script_of("Иван ПЕТРОВ") == "cyrillic"
    assert script_of("صدام حسين") == "arabic"
    assert script_of("包头稀土") == "han"
    assert script_of("“Inter Tobacco” LLC 2") == "latin"
    assert script_of("12-34") is None
    assert is_non_latin("LLC “Интер Тобако”") and not is_non_latin("Bălți")
