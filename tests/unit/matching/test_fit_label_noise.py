"""scripts/fit_matching.py's cap on F1 from labels that contradict each other."""

from __future__ import annotations

import numpy as np
import pytest

from scripts.fit_matching import max_f1_by_group


def test_consistent_groups_allow_a_perfect_scorer() -> None:
    f1, mixed, members = max_f1_by_group(["a", "a", "b", "b"], np.array([True, True, False, False]))
    assert (f1, mixed, members) == (1.0, 0, 0)


def test_a_group_holding_both_labels_caps_f1() -> None:
    # Group 'x' holds one true and one false pair: a scorer answering alike for both either
    # misses the true one (yes to 'y' alone: F1 2/3) or raises one false alert.
    keys = ["x", "x", "y", "z"]
    truth = np.array([True, False, True, False])
    f1, mixed, members = max_f1_by_group(keys, truth)
    # Best: say yes to y and x: tp 2, fp 1, fn 0 -> 4 / 5.
    assert f1 == pytest.approx(0.8)
    assert (mixed, members) == (1, 2)
