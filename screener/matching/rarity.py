"""How much a shared word says: rare words identify, common words do not.

'Trading' or 'Mohammed' shared by two names proves little; 'Rotenberg' proves a lot. The
weight of a token is the smaller of two estimates: the shipped prior (particles such as 'al'
or 'von', generic organisation words such as 'international', digits) and, when a corpus is
known (every name in the active lists), its inverse document frequency. So the generic-word
trap 'X Company' cannot match every company, with or without lists loaded.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

from screener.names import NameRules, load_rules

PARTICLE_WEIGHT = 0.2
DIGIT_WEIGHT = 0.35
FULL_WEIGHT_MAX_FREQUENCY = 30
MIN_WEIGHT = 0.1


class TokenRarity:
    """Token -> weight in (0, 1]; picklable, so worker processes share the index's weights."""

    def __init__(
        self,
        document_frequency: dict[str, int] | None = None,
        documents: int = 0,
        rules: NameRules | None = None,
    ) -> None:
        rules = rules or load_rules()
        self.documents = documents
        self._patronymic_endings = rules.patronymic_endings
        self._patronymic_weight = rules.patronymic_weight
        self._prior: dict[str, float] = {w: PARTICLE_WEIGHT for w in rules.particles}
        for word in rules.generic_words:
            self._prior[word] = rules.generic_weight
        self._weights: dict[str, float] = dict(self._prior)
        if document_frequency and documents > FULL_WEIGHT_MAX_FREQUENCY:
            full = math.log(documents / FULL_WEIGHT_MAX_FREQUENCY)
            for token, df in document_frequency.items():
                if df > FULL_WEIGHT_MAX_FREQUENCY:
                    idf = max(MIN_WEIGHT, math.log(documents / df) / full)
                    self._weights[token] = min(idf, self.weight(token))

    @classmethod
    def from_token_lists(cls, token_lists: Iterable[Iterable[str]]) -> TokenRarity:
        """Document frequency over names: each name counts a token once."""
        counts: Counter[str] = Counter()
        documents = 0
        for tokens in token_lists:
            documents += 1
            counts.update(set(tokens))
        return cls(dict(counts), documents)

    def weight(self, token: str) -> float:
        found = self._weights.get(token)
        if found is not None:
            return found
        if token.isdigit():
            return DIGIT_WEIGHT
        if len(token) > 6 and token.endswith(self._patronymic_endings):
            return self._patronymic_weight
        return 1.0


DEFAULT_RARITY: TokenRarity | None = None


def default_rarity() -> TokenRarity:
    """The prior alone: what score-pairs uses when no lists are loaded."""
    global DEFAULT_RARITY
    if DEFAULT_RARITY is None:
        DEFAULT_RARITY = TokenRarity()
    return DEFAULT_RARITY
