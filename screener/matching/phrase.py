"""A match explained in sentences a reviewer can sign, in English or Japanese, without figures.

`screener.matching.explain` (the scorer's side) writes the technical account, with scores
and weights, from the stored features; this module reads the same stored features and says
what they mean: "'Minerals' and 'Mineral' differ by one letter.", "Only the party's name has:
and.", "The countries differ (party: AU; list: KP)." The figures stay in the feature table
and the memo's technical appendix. Kept apart from the scorer so that either can change
without the other; it relies only on the stored feature layout (name, score, values).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rapidfuzz.distance import Levenshtein

from screener.names import detect_script

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "identical": "The names are written the same.",
        "same_names": "'{query}' and '{candidate}' are the same name once case, accents, "
        "punctuation, word order and legal form are set aside.",
        "same_reading": "'{query}', read in Latin letters as '{reading}', is the list's name "
        "'{candidate}'.",
        "same_listed_reading": "The list's name '{candidate}', read in Latin letters as "
        "'{reading}', is the party's name '{query}'.",
        "identifier": "Both carry the same identifier: {shared}.",
        "both": "'{word}' appears in both names.",
        "one_letter": "'{left}' and '{right}' differ by one letter.",
        "letters": "'{left}' and '{right}' differ by {n} letters.",
        "alike": "'{left}' and '{right}' are spelt alike.",
        "sound": "'{left}' and '{right}' sound alike.",
        "reading": "'{left}' and '{right}' are two readings of {characters}.",
        "katakana": "{characters} is how Japanese writes '{latin}'.",
        "only_query": "Only the party's name has: {words}.",
        "only_candidate": "Only the list name has: {words}.",
        "original_script": "Written in the same script, the names share their words as "
        "originally written.",
        "joined": "Read without spaces, the names are spelt nearly alike.",
        "phonetic": "The names sound alike.",
        "initials": "The initials of one name are the first letters of the other's words.",
        "lowered": "{what} This makes a true match less likely.",
        "sides": " (party: {query}; list: {candidate})",
        "none": "none",
        "legal_form_mismatch": "The legal forms are of different kinds{sides}.",
        "name_country_mismatch": "The names name different countries{sides}.",
        "country_mismatch": "The countries have none in common{sides}.",
        "year_disjoint": "The years of birth or incorporation differ by more than a year{sides}.",
        "kind_mismatch": "One is a person and the other is not{sides}.",
        "single_word_name": "A one-word name is compared with a longer name: only one part "
        "can agree.",
        "weak_alias": "The list marks the matching name as a weak alias.",
        "lone_common_word": "A one-word name meets a longer name on a word common on the lists.",
    },
    "ja": {
        "identical": "名称の表記は同一です。",
        "same_names": "「{query}」と「{candidate}」は、大文字小文字・アクセント・句読点・語順・"
        "法人格を除けば同じ名称です。",
        "same_reading": "「{query}」をローマ字で読むと「{reading}」となり、リストの名称「{candidate}」"
        "と同じです。",
        "same_listed_reading": "リストの名称「{candidate}」をローマ字で読むと「{reading}」となり、"
        "当事者の名称「{query}」と同じです。",
        "identifier": "双方が同じ識別番号を持っています: {shared}。",
        "both": "「{word}」は両方の名称に含まれています。",
        "one_letter": "「{left}」と「{right}」の違いは1文字です。",
        "letters": "「{left}」と「{right}」の違いは{n}文字です。",
        "alike": "「{left}」と「{right}」は綴りが似ています。",
        "sound": "「{left}」と「{right}」は発音が似ています。",
        "reading": "「{left}」と「{right}」は{characters}の二通りの読みです。",
        "katakana": "{characters}は「{latin}」の日本語（カタカナ）表記です。",
        "only_query": "当事者の名称にのみある語: {words}。",
        "only_candidate": "リストの名称にのみある語: {words}。",
        "original_script": "同じ文字体系で書かれ、原表記の語が共通しています。",
        "joined": "空白を除いて読むと、名称の綴りがほぼ同じです。",
        "phonetic": "名称の発音が似ています。",
        "initials": "一方の頭文字が他方の各語の頭文字と一致します。",
        "lowered": "{what} このため同一人物・同一団体である可能性は低くなります。",
        "sides": "（当事者: {query}、リスト: {candidate}）",
        "none": "なし",
        "legal_form_mismatch": "法人格の種類が異なります{sides}。",
        "name_country_mismatch": "名称に含まれる国名が異なります{sides}。",
        "country_mismatch": "国に共通するものがありません{sides}。",
        "year_disjoint": "生年または設立年が1年を超えて異なります{sides}。",
        "kind_mismatch": "一方は個人で、他方は個人ではありません{sides}。",
        "single_word_name": "1語の名称を複数語の名称と比較しています: 一致しうるのは1語のみです。",
        "weak_alias": "一致した名称は、リスト自身が弱い別名としているものです。",
        "lone_common_word": "1語の名称が、リストによくある語で長い名称と一致しています。",
    },
}
QUALIFIERS = (
    "legal_form_mismatch",
    "name_country_mismatch",
    "country_mismatch",
    "year_disjoint",
    "kind_mismatch",
    "single_word_name",
    "weak_alias",
    "lone_common_word",
)
NAME_SIGNALS = {
    "name_original_script": "original_script",
    "name_joined": "joined",
    "name_phonetic": "phonetic",
    "name_initials": "initials",
}


def phrase_match(
    query_name: str,
    candidate_name: str,
    features: Sequence[Mapping[str, Any]],
    lang: str = "en",
) -> str:
    """Sentences for one stored match: what agrees, what one side has alone, what differs."""
    w = WORDS.get(lang, WORDS["en"])
    fired = {f["name"]: f for f in features if f.get("score", 0) > 0}
    sentences: list[str] = []
    ident = fired.get("identifier_match")
    if ident is not None and ident["score"] >= 1.0:
        shared = ", ".join(str(s) for s in (ident.get("values") or {}).get("shared", []))
        sentences.append(w["identifier"].format(shared=shared))
    if "name_exact" in fired and fired["name_exact"]["score"] >= 1.0:
        same = " ".join(query_name.split()) == " ".join(candidate_name.split())
        key = "identical" if same else _exact_key(query_name, candidate_name)
        values = fired["name_exact"].get("values") or {}
        reading = values.get("candidate" if key == "same_listed_reading" else "query", "")
        sentences.append(w[key].format(query=query_name, candidate=candidate_name, reading=reading))
    elif read := _read_the_same(query_name, candidate_name, fired):
        key, reading = read
        sentences.append(w[key].format(query=query_name, candidate=candidate_name, reading=reading))
    else:
        sentences += _word_sentences(fired, w)
    for item in features:
        name = item.get("name", "")
        if name in QUALIFIERS and item.get("score", 0) > 0:
            sentences.append(w["lowered"].format(what=w[name].format(sides=_sides(item, w))))
    return ("" if lang == "ja" else " ").join(sentences)


def _exact_key(query_name: str, candidate_name: str) -> str:
    """Which sentence says that two names written differently are one: a name in another
    script is the other as read in Latin letters (김영복 is KIM Yong Bok as read, not 'the
    same name once accents are set aside')."""
    query_beyond = detect_script(query_name) != "latin"
    candidate_beyond = detect_script(candidate_name) != "latin"
    if query_beyond and not candidate_beyond:
        return "same_reading"
    if candidate_beyond and not query_beyond:
        return "same_listed_reading"
    return "same_names"


def _read_the_same(
    query_name: str, candidate_name: str, fired: Mapping[str, Mapping[str, Any]]
) -> tuple[str, str] | None:
    """(sentence, reading) when a name in another script, read in Latin letters, is the
    other name word for word, some words written together on one side (박정천 'pak jongchon'
    and Jong-Chon PAK): what the reviewer checks is the reading, not each word."""
    key = _exact_key(query_name, candidate_name)
    values = (fired.get("name_token_overlap") or {}).get("values") or {}
    pairs = values.get("pairs") or []
    if key == "same_names" or not pairs or values.get("only_in_query"):
        return None
    if values.get("only_in_candidate") or any(float(pair[2]) < 1.0 for pair in pairs):
        return None
    side = 1 if key == "same_listed_reading" else 0
    return key, " ".join(str(pair[side]) for pair in pairs)


def _word_sentences(fired: Mapping[str, Mapping[str, Any]], w: Mapping[str, str]) -> list[str]:
    out: list[str] = []
    overlap = fired.get("name_token_overlap")
    values = (overlap or {}).get("values") or {}
    for left, right, similarity, *read in values.get("pairs") or []:
        if read[1:2] == ["katakana"]:  # プーチン is Putin as Japanese writes it
            out.append(w["katakana"].format(characters=read[0], latin=read[2]))
        elif read:  # another reading of a Chinese name's character: 曾 is ceng and zeng
            out.append(w["reading"].format(left=left, right=right, characters=read[0]))
        else:
            out.append(_pair_sentence(str(left), str(right), float(similarity), w))
    if values.get("only_in_query"):
        out.append(w["only_query"].format(words=", ".join(values["only_in_query"])))
    if values.get("only_in_candidate"):
        out.append(w["only_candidate"].format(words=", ".join(values["only_in_candidate"])))
    if not out:
        out += [w[key] for name, key in NAME_SIGNALS.items() if name in fired][:1]
    return out


def _pair_sentence(left: str, right: str, similarity: float, w: Mapping[str, str]) -> str:
    if left.casefold() == right.casefold():
        return w["both"].format(word=left)
    distance = Levenshtein.distance(left.casefold(), right.casefold())
    if distance == 1:
        return w["one_letter"].format(left=left, right=right)
    if distance <= 3 and similarity >= 0.7:
        return w["letters"].format(left=left, right=right, n=distance)
    if similarity >= 0.8:
        return w["alike"].format(left=left, right=right)
    return w["sound"].format(left=left, right=right)


def _sides(item: Mapping[str, Any], w: Mapping[str, str]) -> str:
    values = item.get("values") or {}
    if "query" not in values:
        return ""
    return w["sides"].format(
        query=_show(values["query"], w), candidate=_show(values["candidate"], w)
    )


def _show(value: Any, w: Mapping[str, str]) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value) or w["none"]
    return str(value) if value else w["none"]
