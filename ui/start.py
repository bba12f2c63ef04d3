"""The app's entry point: check that Qt can open a window here, then start it.

Kept free of Qt imports so that a machine missing the X11 libraries gets the one `apt-get`
line that fixes it (ui/system_libraries.py) instead of Qt's abort.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    from ui.system_libraries import explain_missing_libraries

    problem = explain_missing_libraries()
    if problem is not None:
        print(problem, file=sys.stderr)
        return 2
    from ui.app import run

    return run(argv)
