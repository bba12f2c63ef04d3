"""Country names, adjectives and codes as publishers write them -> ISO-3166 alpha-2.

Matching and the regime rules compare countries by code, but the UN writes "Democratic
Republic of the Congo", OFSI "Russia", the EU "Russian" (a nationality) and FtM "ru".
pycountry knows the ISO names; the table below adds the forms the lists use that ISO does
not. Names we cannot place return None: the caller keeps the published text instead of a
guess.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import pycountry

_EXTRA_NAMES: dict[str, str] = {
    "russia": "RU",
    "russian": "RU",
    "the russian federation": "RU",
    "iran (islamic republic of)": "IR",
    "iranian": "IR",
    "democratic republic of the congo": "CD",
    "congo, democratic republic of the": "CD",
    "dr congo": "CD",
    "drc": "CD",
    "congolese": "CD",
    "republic of the congo": "CG",
    "kosovo": "XK",
    "kosovar": "XK",
    "turkey": "TR",
    "turkish": "TR",
    "korea, north": "KP",
    "north korean": "KP",
    "dprk": "KP",
    "democratic people's republic of korea (dprk)": "KP",
    "korea, south": "KR",
    "south korea": "KR",
    "republic of korea": "KR",
    "burma": "MM",
    "ivory coast": "CI",
    "cote d'ivoire": "CI",
    "macedonia": "MK",
    "swaziland": "SZ",
    "cape verde": "CV",
    "palestine": "PS",
    "palestinian": "PS",
    "occupied palestinian territories": "PS",
    "gaza": "PS",
    "west bank": "PS",
    "gaza strip": "PS",
    "united states of america": "US",
    "usa": "US",
    "us": "US",
    "american": "US",
    "uk": "GB",
    "great britain": "GB",
    "british": "GB",
    "laos": "LA",
    "syria": "SY",
    "syrian": "SY",
    "vatican": "VA",
    "holy see": "VA",
    "micronesia": "FM",
    "tanzania": "TZ",
    "tanzanian": "TZ",
    "bolivia": "BO",
    "venezuela": "VE",
    "venezuelan": "VE",
    "moldova": "MD",
    "moldovan": "MD",
    "crimea": "UA",
    "ukrainian": "UA",
    "belarusian": "BY",
    "belarussian": "BY",
    "chinese": "CN",
    "china, people's republic of": "CN",
    "hong kong sar": "HK",
    "hong kong, china": "HK",
    "macao sar": "MO",
    "taiwan, province of china": "TW",
    "afghan": "AF",
    "iraqi": "IQ",
    "libyan": "LY",
    "somali": "SO",
    "sudanese": "SD",
    "south sudanese": "SS",
    "yemeni": "YE",
    "lebanese": "LB",
    "pakistani": "PK",
    "saudi": "SA",
    "saudi arabian": "SA",
    "egyptian": "EG",
    "jordanian": "JO",
    "kuwaiti": "KW",
    "qatari": "QA",
    "emirati": "AE",
    "uae": "AE",
    "tunisian": "TN",
    "algerian": "DZ",
    "moroccan": "MA",
    "malian": "ML",
    "nigerian": "NG",
    "kenyan": "KE",
    "ugandan": "UG",
    "rwandan": "RW",
    "burundian": "BI",
    "ethiopian": "ET",
    "eritrean": "ER",
    "haitian": "HT",
    "nicaraguan": "NI",
    "cuban": "CU",
    "german": "DE",
    "french": "FR",
    "italian": "IT",
    "spanish": "ES",
    "dutch": "NL",
    "belgian": "BE",
    "swiss": "CH",
    "austrian": "AT",
    "polish": "PL",
    "latvian": "LV",
    "lithuanian": "LT",
    "estonian": "EE",
    "georgian": "GE",
    "armenian": "AM",
    "azerbaijani": "AZ",
    "kazakh": "KZ",
    "kazakhstani": "KZ",
    "kyrgyz": "KG",
    "uzbek": "UZ",
    "tajik": "TJ",
    "turkmen": "TM",
    "serbian": "RS",
    "bosnian": "BA",
    "montenegrin": "ME",
    "croatian": "HR",
    "cypriot": "CY",
    "greek": "GR",
    "israeli": "IL",
    "indian": "IN",
    "indonesian": "ID",
    "malaysian": "MY",
    "filipino": "PH",
    "philippine": "PH",
    "thai": "TH",
    "vietnamese": "VN",
    "cambodian": "KH",
    "singaporean": "SG",
    "japanese": "JP",
    "korean": "KR",
    "bangladeshi": "BD",
    "sri lankan": "LK",
    "maldivian": "MV",
    "canadian": "CA",
    "mexican": "MX",
    "colombian": "CO",
    "brazilian": "BR",
    "argentine": "AR",
    "argentinian": "AR",
    "chilean": "CL",
    "peruvian": "PE",
    "ecuadorian": "EC",
    "panamanian": "PA",
    "australian": "AU",
    "new zealander": "NZ",
    "irish": "IE",
    "finnish": "FI",
    "swedish": "SE",
    "norwegian": "NO",
    "danish": "DK",
    "czech": "CZ",
    "slovak": "SK",
    "hungarian": "HU",
    "romanian": "RO",
    "bulgarian": "BG",
    "slovenian": "SI",
    "albanian": "AL",
    "portuguese": "PT",
    "maltese": "MT",
    "luxembourgish": "LU",
    "icelandic": "IS",
    "south african": "ZA",
    "zimbabwean": "ZW",
    "zambian": "ZM",
    "mozambican": "MZ",
    "angolan": "AO",
    "tanzanian (united republic of tanzania)": "TZ",
    "central african": "CF",
    "central african republic": "CF",
    "chadian": "TD",
    "nigerien": "NE",
    "senegalese": "SN",
    "guinean": "GN",
    "mauritanian": "MR",
    "gambian": "GM",
    "ghanaian": "GH",
    "cameroonian": "CM",
    "omani": "OM",
    "bahraini": "BH",
    "emirian": "AE",
    "north macedonian": "MK",
    "kosovan": "XK",
    "east timor": "TL",
    "turkiye": "TR",
    "congo (democratic republic)": "CD",
    "congo (democratic republic of the)": "CD",
    "guinea bissau": "GW",
    "palestinian territories": "PS",
    "state of palestine": "PS",
    "bosnia-herzegovina": "BA",
    "britain": "GB",
    "china, hong kong special administrative region": "HK",
    "ukrainian ssr": "UA",
    "belarusian ssr": "BY",
    "russian sfsr": "RU",
    "kazakh ssr": "KZ",
    "uzbekhistan": "UZ",
}

_PUNCTUATION = re.compile(r"[\s.;,]+$")
_NOW = re.compile(r"\b(?:now|currently)\b\s*(?:the\s+)?([^()]+)", re.IGNORECASE)
_PARENTHESIS = re.compile(r"\s*\(.*?\)\s*")


def _normalise(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    folded = folded.replace("’", "'").replace("‘", "'")
    return _PUNCTUATION.sub("", " ".join(folded.split())).lower()


@lru_cache(maxsize=4096)
def country_code(text: str | None) -> str | None:
    """The alpha-2 code for a country name, adjective or code, or None if unknown.

    Historical birth places name today's country after "now" or "currently" ("Former USSR,
    now Ukraine"); a parenthesised note ("Iraq (previous address)") is ignored if the
    name alone is known.
    """
    if not text or not text.strip():
        return None
    code = _lookup(_normalise(text))
    if code:
        return code
    now = _NOW.search(text)
    if now:
        code = _lookup(_normalise(now.group(1)))
        if code:
            return code
    stripped = _PARENTHESIS.sub(" ", text).strip()
    if stripped and stripped != text:
        return _lookup(_normalise(stripped))
    return None


def _lookup(key: str) -> str | None:
    if key.startswith("the "):
        key = key[4:]
    if key in _EXTRA_NAMES:
        return _EXTRA_NAMES[key]
    if key in ("00", "xx", "unknown", "stateless"):
        return None
    try:
        return str(pycountry.countries.lookup(key).alpha_2)
    except LookupError:
        return None


def country_codes(texts: list[str] | tuple[str, ...]) -> list[str]:
    """Codes for the names that can be placed, in order, without repeats."""
    codes: list[str] = []
    for text in texts:
        code = country_code(text)
        if code and code not in codes:
            codes.append(code)
    return codes
